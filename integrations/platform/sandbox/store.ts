import type Database from 'better-sqlite3';
import { PlatformError } from '../errors';

/** The SQLite result code of a better-sqlite3 error ('SQLITE_CONSTRAINT_UNIQUE', …). Duck-typed: errors may come from another realm. */
function sqliteCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

/**
 * Small database helpers shared by the sandbox sub-ports: write transactions, sequences and idempotency records.
 */
export class SandboxStore {
  constructor(readonly db: Database.Database) {}

  static isUniqueViolation(err: unknown): boolean {
    const code = sqliteCode(err);
    return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  }

  /**
   * Runs `fn` in a BEGIN IMMEDIATE transaction: the write lock is taken up front, so two connections on one file
   * serialise instead of failing to upgrade a read lock. A busy database is reported as retryable UNAVAILABLE.
   */
  write<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn).immediate();
    } catch (err) {
      const code = sqliteCode(err);
      if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') throw new PlatformError('UNAVAILABLE', 'sandbox database busy', { reason: 'busy' }, true);
      throw err;
    }
  }

  /** Next value of a named counter (call inside a write transaction). */
  next(name: string): number {
    this.db.prepare('INSERT OR IGNORE INTO sandbox_sequences (name, value) VALUES (?, 0)').run(name);
    const row = this.db.prepare('UPDATE sandbox_sequences SET value = value + 1 WHERE name = ? RETURNING value').get(name) as
      { value: number };
    return row.value;
  }

  /**
   * The stored response of an earlier call with the same operation and key, or undefined.
   * The same key with different arguments is an IDEMPOTENCY_CONFLICT.
   */
  replay<T>(operation: string, key: string, fingerprint: string): T | undefined {
    const row = this.db
      .prepare('SELECT fingerprint, response FROM idempotency_keys WHERE operation = ? AND idempotency_key = ?')
      .get(operation, key) as { fingerprint: string; response: string } | undefined;
    if (!row) return undefined;
    if (row.fingerprint !== fingerprint) {
      throw new PlatformError('IDEMPOTENCY_CONFLICT', `idempotency key reused with different arguments for ${operation}`, { operation });
    }
    const parsed: unknown = JSON.parse(row.response);
    return parsed as T;
  }

  remember(operation: string, key: string, fingerprint: string, response: unknown, at: string): void {
    this.db
      .prepare('INSERT INTO idempotency_keys (operation, idempotency_key, fingerprint, response, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(operation, key, fingerprint, JSON.stringify(response), at);
  }
}
