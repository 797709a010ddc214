import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { StorageUnavailableError } from '../errors';
import { errorMessage } from '../../errorMessage';
import { sqliteFault } from './sqliteFault';

/**
 * Opens (creating if needed) a SQLite database file for the embedded stores: WAL journal, NORMAL sync,
 * a 5 s busy timeout so concurrent writers from other processes wait instead of failing, foreign keys on.
 * `':memory:'` opens a private in-memory database (tests).
 * @throws StorageUnavailableError naming the file and the cause when the file cannot be opened or is not a database.
 */
export function openSqlite(file: string): Database.Database {
  const inMemory = file === ':memory:';
  let db: Database.Database | undefined;
  try {
    if (!inMemory) mkdirSync(dirname(resolve(file)), { recursive: true });
    db = new Database(file);
    // First: switching to WAL needs a lock, which another process (starting, migrating) may hold for a moment.
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (cause) {
    try {
      db?.close();
    } catch {
      // already unusable; the original cause is what matters
    }
    // A file that cannot be created keeps its plain message; SQLite's own codes get the operator's explanation.
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) throw sqliteFault('SQLite store', `Storage: cannot open SQLite database "${file}"`, cause);
    throw new StorageUnavailableError(`Storage: cannot open SQLite database "${file}": ${errorMessage(cause)}`, { cause });
  }
}
