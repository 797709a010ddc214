/**
 * Errors raised by the storage adapters. Callers branch on the stable `code`, never on the message.
 */

/** The store cannot be reached or used: file cannot be opened, database closed or locked too long, server down. */
export class StorageUnavailableError extends Error {
  readonly code = 'STORAGE_UNAVAILABLE' as const;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageUnavailableError';
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
