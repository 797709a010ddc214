import type Database from 'better-sqlite3';
import { recordSqliteFailure, writeHealthOf } from './sqliteHealth';

interface Job {
  work: () => unknown;
  /** Which store asked (for the write health's record of a failure). */
  store: string;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for one SQLite connection: the writes asked for during one turn of the event loop run in one
 * IMMEDIATE transaction, each inside its own savepoint, and each caller hears of its write only once the
 * transaction is committed. With WAL every commit appends and syncs its pages, so a WeChat turn's five or six
 * small writes (receipt, rate window, transcript lines, state) and those of the turns beside it share one.
 *
 * - A write that throws rolls back its own savepoint only; its caller gets the error, the others commit.
 * - When the transaction as a whole fails (disk full at commit, a lock not granted, SQLite rolling back
 *   by itself after an I/O error), every caller of the batch gets that error and nothing of it is stored.
 * - The connection's write health (readiness) hears of every failed write and of every committed one.
 */
export class GroupCommit {
  private queue: Job[] = [];
  private scheduled = false;
  private sql?: Record<'begin' | 'savepoint' | 'release' | 'rollbackTo' | 'commit', Database.Statement>;

  constructor(private readonly db: Database.Database) {}

  /** Runs `work` (synchronous statements) in the next batch; resolves with its result once committed. */
  run<T>(work: () => T, store = 'SQLite store'): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, store, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      // Inside the try: on a closed connection even preparing fails, and every caller must hear of it.
      const sql = this.statements();
      sql.begin.run();
      for (const job of batch) {
        sql.savepoint.run();
        try {
          outcomes.push({ ok: true, value: job.work() });
          sql.release.run();
        } catch (error) {
          // SQLite may have rolled the whole transaction back (SQLITE_FULL, IOERR…): then no write of the batch holds.
          if (!this.db.inTransaction) throw error;
          sql.rollbackTo.run();
          sql.release.run();
          outcomes.push({ ok: false, error });
        }
      }
      sql.commit.run();
    } catch (error) {
      if (this.db.inTransaction) this.db.prepare('ROLLBACK').run();
      recordSqliteFailure(this.db, error, batch[0]?.store ?? 'SQLite store');
      for (const job of batch) job.reject(error);
      return;
    }
    outcomes.forEach((o, i) => {
      if (!o.ok) recordSqliteFailure(this.db, o.error, batch[i].store);
    });
    if (outcomes.some((o) => o.ok)) writeHealthOf(this.db).succeeded();
    batch.forEach((job, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  }

  /** Prepared once (creating a transaction function per write cost more than the write). */
  private statements(): Record<'begin' | 'savepoint' | 'release' | 'rollbackTo' | 'commit', Database.Statement> {
    this.sql ??= {
      begin: this.db.prepare('BEGIN IMMEDIATE'),
      savepoint: this.db.prepare('SAVEPOINT group_write'),
      release: this.db.prepare('RELEASE group_write'),
      rollbackTo: this.db.prepare('ROLLBACK TO group_write'),
      commit: this.db.prepare('COMMIT'),
    };
    return this.sql;
  }
}

const perConnection = new WeakMap<Database.Database, GroupCommit>();

/** The connection's group commit, shared by every store on it (one batch per event-loop turn). */
export function groupCommitOf(db: Database.Database): GroupCommit {
  let shared = perConnection.get(db);
  if (!shared) {
    shared = new GroupCommit(db);
    perConnection.set(db, shared);
  }
  return shared;
}
