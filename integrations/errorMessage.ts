/**
 * The message of anything thrown. Duck-typed rather than `instanceof Error`: errors raised by native
 * addons (better-sqlite3) can come from another realm, e.g. under jest's vm contexts.
 */
export function errorMessage(cause: unknown): string {
  const message = typeof cause === 'object' && cause !== null ? (cause as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : String(cause);
}
