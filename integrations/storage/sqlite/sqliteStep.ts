import type Database from 'better-sqlite3';
import { sqliteFault } from './sqliteFault';
import { recordSqliteFailure } from './sqliteHealth';

/**
 * Runs one database step, turning driver failures (closed connection, disk full, lock timeout, I/O, read-only,
 * corruption) into StorageUnavailableError with a stable fault code (sqliteFault.ts). Given the connection, a
 * fault is also recorded in its write health (readiness: a full disk fails writes while reads still work).
 */
export function sqliteStep<T>(what: string, step: () => T, db?: Database.Database): T {
  try {
    return step();
  } catch (cause) {
    // The store's own refusals (duplicate utterance, duplicate agent…) carry a code of ours: they pass through.
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && !code.startsWith('SQLITE_')) throw cause;
    if (db) recordSqliteFailure(db, cause, what);
    throw sqliteFault(what, `${what}: SQLite failed`, cause);
  }
}
