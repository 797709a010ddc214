import type Database from 'better-sqlite3';
import type { RateDecision, RateLimits } from '../rateLimits';
import { channelMigrations } from './channelMigrations';
import { applyMigrations } from './migrate';
import { sqliteWrite } from './sqliteWrite';

/** Fixed-window rate limits in the SQLite table `rate_limits`: one upsert per hit (group-committed), shared by every process. */
export class SqliteRateLimits implements RateLimits {
  private readonly upsert: Database.Statement<[string, number], { count: number }>;
  private readonly refundStatement: Database.Statement<[string, number]>;

  constructor(private readonly db: Database.Database) {
    applyMigrations(db, 'channels', channelMigrations);
    this.upsert = db.prepare(
      `INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, 1)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN window_start = excluded.window_start THEN count + 1 ELSE 1 END,
         window_start = excluded.window_start
       RETURNING count`,
    );
    this.refundStatement = db.prepare('UPDATE rate_limits SET count = count - 1 WHERE key = ? AND window_start = ? AND count > 0');
  }

  async refund(key: string, now: number, windowMs: number): Promise<void> {
    const windowStart = now - (now % windowMs);
    await sqliteWrite('Rate limits', this.db, () => this.refundStatement.run(key, windowStart));
  }

  async hit(key: string, now: number, windowMs: number, limit: number): Promise<RateDecision> {
    const windowStart = now - (now % windowMs);
    const count = await sqliteWrite('Rate limits', this.db, () => this.upsert.get(key, windowStart)?.count ?? 1);
    return { allowed: count <= limit, count, retryAfterMs: windowStart + windowMs - now };
  }
}
