import { sqliteFault } from './sqliteFault';

/**
 * Runs one database step, turning driver failures (closed connection, disk full, lock timeout, I/O, read-only,
 * corruption) into StorageUnavailableError with a stable fault code (sqliteFault.ts).
 */
export function sqliteStep<T>(what: string, step: () => T): T {
  try {
    return step();
  } catch (cause) {
    // The store's own refusals (duplicate utterance, duplicate agent…) carry a code of ours: they pass through.
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && !code.startsWith('SQLITE_')) throw cause;
    throw sqliteFault(what, `${what}: SQLite failed`, cause);
  }
}
