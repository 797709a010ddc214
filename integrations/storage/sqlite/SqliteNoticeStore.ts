import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Consent, ConsentState, NewNotice, NoticeCounts, NoticeJob, NoticeOutcome, NoticeStatus, NoticeStore, NoticeTopic } from '../notices';
import { applyMigrations } from './migrate';
import { noticeMigrations } from './noticeMigrations';
import { sqliteStep } from './sqliteStep';
import { statementCache } from './statementCache';

interface ConsentRow { citizen: string; topic: string; state: ConsentState; reason: string | null; updated_at: number }
interface JobRow {
  id: string; key: string; citizen: string; topic: string; due_at: number; payload_json: string; status: NoticeStatus; attempts: number;
  lease_owner: string | null; lease_until: number | null; not_before: number | null; last_error: string | null; created_at: number; sent_at: number | null;
}

/**
 * Due and pending, or sending with an expired lease (its process died mid-way). Oldest due first; created_at and
 * id break ties so every claimer sees the same order. Two branches, each read in order from the claim index and
 * merged, so a claim reads about `limit` rows, not every due or sent job (one OR'd query scanned the table and sorted).
 */
const ELIGIBLE = `SELECT id, due_at, created_at FROM notice_jobs
    WHERE status = 'pending' AND due_at <= @now AND (not_before IS NULL OR not_before <= @now)
  UNION ALL
  SELECT id, due_at, created_at FROM notice_jobs WHERE status = 'sending' AND due_at <= @now AND lease_until <= @leaseNow
  ORDER BY due_at, created_at, id LIMIT @limit`;
/** Only the lease holder may finish a job: a process whose lease expired and was taken over is fenced off. */
const HELD = "id = @id AND lease_owner = @owner AND status = 'sending'";

/** Consent per citizen and topic, notice jobs and event-feed cursors in SQLite; a claim is one IMMEDIATE transaction, so two processes on one file never claim the same job. */
export class SqliteNoticeStore implements NoticeStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(private readonly db: Database.Database) {
    applyMigrations(db, 'notices', noticeMigrations);
    this.sql = statementCache(db);
  }

  private step<T>(f: () => T): T {
    return sqliteStep('Notices', f, this.db);
  }

  async consents(citizen: string): Promise<Consent[]> {
    return this.step(() => (this.sql('SELECT * FROM notice_consents WHERE citizen = ? ORDER BY topic').all(citizen) as ConsentRow[]).map(toConsent));
  }

  async consent(citizen: string, topic: NoticeTopic): Promise<Consent | undefined> {
    return this.step(() => {
      const row = this.sql('SELECT * FROM notice_consents WHERE citizen = ? AND topic = ?').get(citizen, topic) as ConsentRow | undefined;
      return row ? toConsent(row) : undefined;
    });
  }

  async setConsent(c: Consent): Promise<void> {
    this.step(() => this.sql(`INSERT INTO notice_consents (citizen, topic, state, reason, updated_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (citizen, topic) DO UPDATE SET state = excluded.state, reason = excluded.reason, updated_at = excluded.updated_at`)
      .run(c.citizen, c.topic, c.state, c.reason ?? null, c.updatedAt));
  }

  async grantedFor(topic: NoticeTopic, limit: number, after?: string): Promise<string[]> {
    return this.step(() => (this.sql(`SELECT citizen FROM notice_consents WHERE topic = ? AND state = 'granted' AND citizen > ?
      ORDER BY citizen LIMIT ?`).all(topic, after ?? '', limit) as Array<{ citizen: string }>).map((r) => r.citizen));
  }

  async enqueue(job: NewNotice): Promise<{ created: boolean; id: string }> {
    return this.step(() => {
      const id = randomUUID();
      const { changes } = this.sql(`INSERT INTO notice_jobs (id, key, citizen, topic, due_at, payload_json, status, attempts, created_at)
        VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?) ON CONFLICT (key) DO NOTHING`)
        .run(id, job.key, job.citizen, job.topic, job.dueAt, JSON.stringify(job.payload), job.createdAt);
      if (changes === 1) return { created: true, id };
      // Jobs are never deleted, so the one holding the key is still there.
      return { created: false, id: (this.sql('SELECT id FROM notice_jobs WHERE key = ?').get(job.key) as { id: string }).id };
    });
  }

  async claim(owner: string, now: number, leaseMs: number, limit: number, leaseNow: number = now): Promise<NoticeJob[]> {
    if (limit <= 0) return [];
    return this.step(() => this.db.transaction(() => {
      // IMMEDIATE: the write lock is taken before the select, so another connection cannot pick the same rows in between.
      const ids = (this.sql(ELIGIBLE).all({ now, leaseNow, limit }) as Array<{ id: string }>).map((r) => r.id);
      const take = this.sql(`UPDATE notice_jobs SET status = 'sending', lease_owner = @owner, lease_until = @until, attempts = attempts + 1
        WHERE id = @id RETURNING *`);
      return ids.map((id) => toJob(take.get({ id, owner, until: leaseNow + leaseMs }) as JobRow));
    }).immediate());
  }

  async markSent(id: string, owner: string, at: number): Promise<boolean> {
    // Not fenced by the lease: WeChat accepted it, whoever holds the job now (see the port).
    void owner;
    return this.step(() => this.sql(`UPDATE notice_jobs SET status = 'sent', sent_at = @at, not_before = NULL, lease_owner = NULL, lease_until = NULL
      WHERE id = @id AND status <> 'sent'`).run({ id, at }).changes === 1);
  }

  async markFailed(id: string, owner: string, error: string, retryAt?: number): Promise<boolean> {
    return this.step(() => this.sql(`UPDATE notice_jobs SET status = @status, not_before = COALESCE(@retryAt, not_before), last_error = @error,
      lease_owner = NULL, lease_until = NULL WHERE ${HELD}`)
      .run({ id, owner, error, retryAt: retryAt ?? null, status: retryAt === undefined ? 'failed' : 'pending' }).changes === 1);
  }

  async markSkipped(id: string, owner: string, reason: string): Promise<boolean> {
    return this.step(() => this.sql(`UPDATE notice_jobs SET status = 'skipped', last_error = @reason, lease_owner = NULL, lease_until = NULL WHERE ${HELD}`)
      .run({ id, owner, reason }).changes === 1);
  }

  async defer(id: string, owner: string, notBefore: number, note: string): Promise<boolean> {
    // The claim counted an attempt (so a held job has at least one); this one was not made, so it is given back.
    return this.step(() => this.sql(`UPDATE notice_jobs SET status = 'pending', not_before = @notBefore, last_error = @note,
      attempts = attempts - 1, lease_owner = NULL, lease_until = NULL WHERE ${HELD}`)
      .run({ id, owner, notBefore, note }).changes === 1);
  }

  async job(id: string): Promise<NoticeJob | undefined> {
    return this.step(() => {
      const row = this.sql('SELECT * FROM notice_jobs WHERE id = ?').get(id) as JobRow | undefined;
      return row ? toJob(row) : undefined;
    });
  }

  async jobByKey(key: string): Promise<NoticeJob | undefined> {
    return this.step(() => {
      const row = this.sql('SELECT * FROM notice_jobs WHERE key = ?').get(key) as JobRow | undefined;
      return row ? toJob(row) : undefined;
    });
  }

  async jobsOf(citizen: string, limit: number): Promise<NoticeJob[]> {
    return this.step(() => (this.sql('SELECT * FROM notice_jobs WHERE citizen = ? ORDER BY due_at DESC, created_at DESC, id DESC LIMIT ?')
      .all(citizen, limit) as JobRow[]).map(toJob));
  }

  async failedJobs(limit: number): Promise<NoticeJob[]> {
    return this.step(() => (this.sql("SELECT * FROM notice_jobs WHERE status = 'failed' ORDER BY due_at DESC, id DESC LIMIT ?")
      .all(limit) as JobRow[]).map(toJob));
  }

  async counts(): Promise<NoticeCounts[]> {
    return this.step(() => this.sql('SELECT topic, status, COUNT(*) AS n FROM notice_jobs GROUP BY topic, status ORDER BY topic, status').all() as NoticeCounts[]);
  }

  async outcomes(from: number, to: number): Promise<NoticeOutcome[]> {
    return this.step(() => this.sql(`SELECT topic, outcome, at FROM (
        SELECT topic, 'sent' AS outcome, sent_at AS at FROM notice_jobs WHERE status = 'sent' AND sent_at >= @from AND sent_at < @to
        UNION ALL SELECT topic, 'failed' AS outcome, due_at AS at FROM notice_jobs WHERE status = 'failed' AND due_at >= @from AND due_at < @to
      ) ORDER BY at, topic`).all({ from, to }) as NoticeOutcome[]);
  }

  async sentSince(citizen: string, since: number): Promise<number> {
    return this.step(() => (this.sql("SELECT COUNT(*) AS n FROM notice_jobs WHERE citizen = ? AND status = 'sent' AND sent_at >= ?")
      .get(citizen, since) as { n: number }).n);
  }

  async restore(j: NoticeJob): Promise<boolean> {
    return this.step(() => this.sql(`INSERT INTO notice_jobs (id, key, citizen, topic, due_at, payload_json, status, attempts, lease_owner, lease_until,
      not_before, last_error, created_at, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`)
      .run(j.id, j.key, j.citizen, j.topic, j.dueAt, JSON.stringify(j.payload), j.status, j.attempts, j.leaseOwner ?? null, j.leaseUntil ?? null,
        j.notBefore ?? null, j.lastError ?? null, j.createdAt, j.sentAt ?? null).changes === 1);
  }

  async cursor(name: string): Promise<string | undefined> {
    return this.step(() => (this.sql('SELECT value FROM notice_cursors WHERE name = ?').get(name) as { value: string } | undefined)?.value);
  }

  async saveCursor(name: string, value: string, at: number): Promise<void> {
    this.step(() => this.sql(`INSERT INTO notice_cursors (name, value, updated_at) VALUES (?, ?, ?)
      ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`).run(name, value, at));
  }
}

function toConsent(r: ConsentRow): Consent {
  return { citizen: r.citizen, topic: r.topic, state: r.state, reason: r.reason ?? undefined, updatedAt: r.updated_at };
}

function toJob(r: JobRow): NoticeJob {
  return {
    id: r.id, key: r.key, citizen: r.citizen, topic: r.topic, dueAt: r.due_at, payload: JSON.parse(r.payload_json) as Record<string, unknown>,
    status: r.status, attempts: r.attempts, leaseOwner: r.lease_owner ?? undefined, leaseUntil: r.lease_until ?? undefined,
    notBefore: r.not_before ?? undefined, lastError: r.last_error ?? undefined, createdAt: r.created_at, sentAt: r.sent_at ?? undefined,
  };
}
