import { errorMessage } from '../../errorMessage';
import { StorageUnavailableError } from '../errors';

/** Runs one database step, turning driver failures (closed connection, lock timeout, I/O) into StorageUnavailableError. */
export function sqliteStep<T>(what: string, step: () => T): T {
  try {
    return step();
  } catch (cause) {
    // The store's own refusals (duplicate utterance, duplicate agent…) carry a code of ours: they pass through.
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && !code.startsWith('SQLITE_')) throw cause;
    throw new StorageUnavailableError(`${what}: SQLite failed: ${errorMessage(cause)}`, { cause });
  }
}
