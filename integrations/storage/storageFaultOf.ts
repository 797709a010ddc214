import { StorageUnavailableError } from './errors';

/** The StorageUnavailableError behind an error (itself or somewhere in its `cause` chain), if any. */
export function storageFaultOf(err: unknown): StorageUnavailableError | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth += 1) {
    if (current instanceof StorageUnavailableError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
