import { errorMessage } from '../../errorMessage';
import { StorageUnavailableError } from '../errors';

/** Runs one database step, turning driver failures (closed connection, lock timeout, I/O) into StorageUnavailableError. */
export function sqliteStep<T>(what: string, step: () => T): T {
  try {
    return step();
  } catch (cause) {
    throw new StorageUnavailableError(`${what}: SQLite failed: ${errorMessage(cause)}`, { cause });
  }
}
