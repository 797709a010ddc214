/**
 * Errors raised by the storage adapters. Callers branch on the stable `code`, never on the message.
 */

/**
 * Why a store cannot be used. STORAGE_UNAVAILABLE is the general case (closed connection, server down);
 * the others name a fault an operator can act on (see storageFaults.ts for what each means and what to do).
 */
export type StorageFaultCode =
  | 'STORAGE_UNAVAILABLE'
  | 'STORAGE_FULL'
  | 'STORAGE_LOCKED'
  | 'STORAGE_IO'
  | 'STORAGE_READONLY'
  | 'STORAGE_CORRUPT';

/** The store cannot be reached or used: file cannot be opened, database closed, full or locked too long, server down. */
export class StorageUnavailableError extends Error {
  readonly code: StorageFaultCode;
  /** Which store failed ("Bot state", "Message receipts"…), for logs; never carries personal data. */
  readonly store?: string;

  constructor(message: string, options?: { cause?: unknown; code?: StorageFaultCode; store?: string }) {
    super(message, options);
    this.name = 'StorageUnavailableError';
    this.code = options?.code ?? 'STORAGE_UNAVAILABLE';
    this.store = options?.store;
  }
}

/**
 * A write carried an eTag that no longer matches the stored item (someone else wrote it first).
 * The message is the one botbuilder's MemoryStorage uses, so logs and tests read the same for every adapter.
 */
export class StorageConflictError extends Error {
  readonly code = 'STORAGE_ETAG_CONFLICT' as const;
  readonly key: string;

  constructor(key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'StorageConflictError';
    this.key = key;
  }
}
