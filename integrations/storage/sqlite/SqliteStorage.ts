import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Storage, StoreItems } from 'botbuilder';
import { systemClock, type Clock } from '../../clock';
import { StorageConflictError } from '../errors';
import { botStateMigrations } from './botStateMigrations';
import { applyMigrations } from './migrate';
import { sqliteFault } from './sqliteFault';
import { groupCommitOf } from './groupCommit';
import { recordSqliteFailure } from './sqliteHealth';

interface Row {
  etag: string;
  data: string;
}

interface PendingWrite {
  key: string;
  /** undefined: overwrite unconditionally (no eTag or '*'); otherwise the eTag the caller last read. */
  expected: string | undefined;
  data: string;
}

/**
 * botbuilder `Storage` on a SQLite table (`bot_state`), with exactly MemoryStorage's eTag rules:
 * - read returns only the keys found, each a fresh copy carrying its current `eTag`;
 * - write overwrites when the item has no eTag or `'*'`, or when the key does not exist yet;
 *   an eTag that differs from the stored one throws StorageConflictError;
 * - every write gives the item a new eTag; the caller's objects are never modified.
 * Unlike MemoryStorage a batch is all-or-nothing: one conflict and nothing of that write is stored.
 * The eTag check is a conditional UPDATE inside an IMMEDIATE transaction (the connection's group commit,
 * in a savepoint of its own), so it holds across connections and processes sharing the file. eTags are random, so they never repeat across processes.
 * The connection belongs to the caller (this class never closes it).
 */
export class SqliteStorage implements Storage {
  private readonly clock: Clock;
  private readonly readOne: (key: string) => StoreItems;
  private readonly readTx: (keys: readonly string[]) => StoreItems;
  private readonly writeTx: (writes: readonly PendingWrite[], now: string) => void;
  private readonly deleteTx: { immediate(keys: readonly string[]): void };

  constructor(private readonly db: Database.Database, options: { clock?: Clock } = {}) {
    this.clock = options.clock ?? systemClock;
    applyMigrations(db, 'botstate', botStateMigrations);

    const select = db.prepare<[string], Row>('SELECT etag, data FROM bot_state WHERE key = ?');
    const upsert = db.prepare<[string, string, string, string]>(
      `INSERT INTO bot_state (key, etag, data, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, data = excluded.data, updated_at = excluded.updated_at`,
    );
    const updateIfMatch = db.prepare<[string, string, string, string, string]>(
      'UPDATE bot_state SET etag = ?, data = ?, updated_at = ? WHERE key = ? AND etag = ?',
    );
    const insertIfAbsent = db.prepare<[string, string, string, string]>(
      'INSERT INTO bot_state (key, etag, data, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO NOTHING',
    );
    const remove = db.prepare<[string]>('DELETE FROM bot_state WHERE key = ?');

    this.readOne = (key: string): StoreItems => {
      const row = select.get(key);
      return row ? { [key]: { ...(JSON.parse(row.data) as object), eTag: row.etag } } : {};
    };
    this.readTx = db.transaction((keys: readonly string[]): StoreItems => {
      const found: StoreItems = {};
      for (const key of keys) Object.assign(found, this.readOne(key));
      return found;
    });

    this.writeTx = db.transaction((writes: readonly PendingWrite[], now: string): void => {
      for (const w of writes) {
        const etag = newETag();
        if (w.expected === undefined) {
          upsert.run(w.key, etag, w.data, now);
        } else if (
          updateIfMatch.run(etag, w.data, now, w.key, w.expected).changes === 0 &&
          insertIfAbsent.run(w.key, etag, w.data, now).changes === 0
        ) {
          // The row exists with another eTag: throwing rolls back the whole batch.
          throw new StorageConflictError(w.key);
        }
      }
    });

    this.deleteTx = db.transaction((keys: readonly string[]): void => {
      for (const key of keys) remove.run(key);
    });
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    // One key (a turn's conversation state) is one SELECT: atomic without a transaction around it.
    return this.run('read', () => (keys.length === 1 ? this.readOne(keys[0]) : this.readTx(keys)));
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    // Serialise everything before touching the database, so a bad item fails the batch up front.
    const writes: PendingWrite[] = Object.keys(changes).map((key) => {
      const item: unknown = changes[key];
      if (item === null || typeof item !== 'object') {
        throw new TypeError(`Storage: item "${key}" must be an object, got ${item === null ? 'null' : typeof item}.`);
      }
      const copy: Record<string, unknown> = { ...(item as Record<string, unknown>) };
      const eTag = copy.eTag;
      delete copy.eTag;
      return { key, expected: !eTag || eTag === '*' ? undefined : String(eTag), data: JSON.stringify(copy) };
    });
    if (writes.length === 0) return;
    const now = this.clock.now().toISOString();
    // Through the connection's group commit: the turns of one event-loop tick share a transaction.
    try {
      await groupCommitOf(this.db).run(() => this.writeTx(writes, now), 'Bot state');
    } catch (cause) {
      this.run('write', () => { throw cause; });
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    if (keys.length === 0) return;
    this.run('delete', () => this.deleteTx.immediate(keys));
  }

  /** Runs a database step, turning driver failures (closed connection, disk full, lock timeout, I/O) into StorageUnavailableError. */
  private run<T>(operation: string, step: () => T): T {
    try {
      return step();
    } catch (cause) {
      if (cause instanceof StorageConflictError) throw cause;
      recordSqliteFailure(this.db, cause, 'Bot state');
      throw sqliteFault('Bot state', `Storage: SQLite ${operation} of bot state failed`, cause);
    }
  }
}

function newETag(): string {
  return randomUUID();
}
