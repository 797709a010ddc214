import { errorMessage } from '../../errorMessage';
import { StorageUnavailableError, type StorageFaultCode } from '../errors';
import { STORAGE_FAULTS } from '../storageFaults';

/** SQLite result codes (better-sqlite3's SqliteError `.code`, primary or extended) → our fault codes. */
const FAULTS: ReadonlyArray<readonly [string, StorageFaultCode]> = [
  ['SQLITE_FULL', 'STORAGE_FULL'],
  ['SQLITE_BUSY', 'STORAGE_LOCKED'],
  ['SQLITE_LOCKED', 'STORAGE_LOCKED'],
  ['SQLITE_PROTOCOL', 'STORAGE_LOCKED'],
  ['SQLITE_IOERR', 'STORAGE_IO'],
  ['SQLITE_CANTOPEN', 'STORAGE_IO'],
  ['SQLITE_READONLY', 'STORAGE_READONLY'],
  ['SQLITE_CORRUPT', 'STORAGE_CORRUPT'],
  ['SQLITE_NOTADB', 'STORAGE_CORRUPT'],
];

/** The fault code of a SQLite driver error: SQLITE_IOERR_WRITE → STORAGE_IO; anything unknown → STORAGE_UNAVAILABLE. */
export function sqliteFaultCode(cause: unknown): StorageFaultCode {
  const code = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
  if (typeof code !== 'string') return 'STORAGE_UNAVAILABLE';
  const match = FAULTS.find(([sqlite]) => code === sqlite || code.startsWith(`${sqlite}_`));
  return match ? match[1] : 'STORAGE_UNAVAILABLE';
}

/**
 * A SQLite failure as the StorageUnavailableError every SQLite adapter throws: `<failed>: <driver message>`,
 * then the fault code, what it means and what an operator should do. The one place SQLite errors are mapped.
 * @param store which store failed (logged; no personal data)
 * @param failed the start of the message, e.g. "Message receipts: SQLite failed"
 */
export function sqliteFault(store: string, failed: string, cause: unknown): StorageUnavailableError {
  return storageFault(sqliteFaultCode(cause), store, failed, cause);
}

/** A storage fault of a known code in the same words as sqliteFault (e.g. a data folder that is read-only). */
export function storageFault(code: StorageFaultCode, store: string, failed: string, cause: unknown): StorageUnavailableError {
  const { what, todo } = STORAGE_FAULTS[code];
  const message = `${failed}: ${errorMessage(cause)} (${code}: ${what}; nothing of this step was saved. Operator: ${todo}.)`;
  return new StorageUnavailableError(message, { cause, code, store });
}
