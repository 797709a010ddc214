/** Reads a notice payload's fields (JSON from the store) with their types. */
export function text(p: Readonly<Record<string, unknown>>, name: string): string {
  const v = p[name];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

export function num(p: Readonly<Record<string, unknown>>, name: string): number {
  const v = p[name];
  return typeof v === 'number' ? v : Number(v) || 0;
}
