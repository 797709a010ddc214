import { accessSync, constants } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { StorageUnavailableError } from '../errors';
import { errorMessage } from '../../errorMessage';
import { sqliteFault, storageFault } from './sqliteFault';
import { preparePrivateFile, type OnPermissionChange } from './privateFiles';

export interface OpenSqliteOptions {
  /** Told of every folder or file under DATA_DIR found readable by others (and tightened, or left when not ours). */
  onPermissionChange?: OnPermissionChange;
}

/** File system errors that mean "this process may not write here": a read-only folder, file or mount. */
const READ_ONLY = new Set(['EACCES', 'EPERM', 'EROFS']);

/**
 * Opens (creating if needed) a SQLite database file for the embedded stores: WAL journal, NORMAL sync,
 * a 5 s busy timeout so concurrent writers from other processes wait instead of failing, foreign keys on.
 * The folder is private (0700) and the file and its -wal/-shm 0600 from the start (privateFiles.ts).
 * `':memory:'` opens a private in-memory database (tests).
 * @throws StorageUnavailableError naming the file and the cause when the file cannot be opened or is not a database;
 *   STORAGE_READONLY when the folder or the file may not be written.
 */
export function openSqlite(file: string, options: OpenSqliteOptions = {}): Database.Database {
  const inMemory = file === ':memory:';
  if (!inMemory) prepare(file, options);
  let db: Database.Database | undefined;
  try {
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

/**
 * The folder and file made private, and both checked writable: SQLite itself would open a read-only file
 * read-only without a word and fail later, or fail to create its -wal file with a vague "unable to open".
 */
function prepare(file: string, options: OpenSqliteOptions): void {
  const path = resolve(file);
  const folder = dirname(path);
  try {
    preparePrivateFile(folder, path, options.onPermissionChange);
    accessSync(folder, constants.W_OK);
    accessSync(path, constants.R_OK | constants.W_OK);
  } catch (cause) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && READ_ONLY.has(code)) {
      throw storageFault('STORAGE_READONLY', 'SQLite store', `Storage: the SQLite database "${file}" or its folder cannot be written`, cause);
    }
    throw new StorageUnavailableError(`Storage: cannot open SQLite database "${file}": ${errorMessage(cause)}`, { cause });
  }
}
