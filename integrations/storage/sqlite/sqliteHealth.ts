import type Database from 'better-sqlite3';
import { WriteHealth } from '../writeHealth';
import { sqliteFaultCode } from './sqliteFault';

const perConnection = new WeakMap<Database.Database, WriteHealth>();

/** The write health of one connection, shared by every store on it (see writeHealth.ts). */
export function writeHealthOf(db: Database.Database): WriteHealth {
  let health = perConnection.get(db);
  if (!health) {
    health = new WriteHealth();
    perConnection.set(db, health);
  }
  return health;
}

/**
 * Records a failed database step when it is a storage fault (disk full, read-only, locked, I/O, corrupt…); a
 * constraint the store turns into its own refusal (duplicate username…) is not a fault of the store.
 */
export function recordSqliteFailure(db: Database.Database, cause: unknown, store: string): void {
  const code = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_') || code.startsWith('SQLITE_CONSTRAINT')) return;
  writeHealthOf(db).failed(sqliteFaultCode(cause), store);
}
