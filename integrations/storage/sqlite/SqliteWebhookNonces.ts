import type Database from 'better-sqlite3';
import type { NonceCheck, WebhookNonces } from '../webhookNonces';
import { channelMigrations } from './channelMigrations';
import { applyMigrations } from './migrate';
import { sqliteStep } from './sqliteStep';
import { sqliteWrite } from './sqliteWrite';

/**
 * Signed webhook requests in the SQLite table `webhook_nonces`. The check runs in the connection's group commit
 * (an IMMEDIATE transaction), so two processes seeing one signature at once cannot both call it new.
 */
export class SqliteWebhookNonces implements WebhookNonces {
  private readonly select: Database.Statement<[string], { body_hash: string; expires_at: number }>;
  private readonly upsert: Database.Statement<[string, string, number]>;
  private readonly pruneStmt: Database.Statement<[number]>;

  constructor(private readonly db: Database.Database) {
    applyMigrations(db, 'channels', channelMigrations);
    this.select = db.prepare('SELECT body_hash, expires_at FROM webhook_nonces WHERE key = ?');
    this.upsert = db.prepare(`INSERT INTO webhook_nonces (key, body_hash, expires_at) VALUES (?, ?, ?)
      ON CONFLICT (key) DO UPDATE SET body_hash = excluded.body_hash, expires_at = excluded.expires_at`);
    this.pruneStmt = db.prepare('DELETE FROM webhook_nonces WHERE expires_at < ?');
  }

  async check(key: string, bodyHash: string, now: number, expiresAt: number): Promise<NonceCheck> {
    return sqliteWrite('Webhook nonces', this.db, () => {
      const seen = this.select.get(key);
      if (seen && seen.expires_at > now) return seen.body_hash === bodyHash ? 'repeat' : 'conflict';
      this.upsert.run(key, bodyHash, expiresAt);
      return 'new';
    });
  }

  async prune(before: number): Promise<number> {
    return sqliteStep('Webhook nonces', () => this.pruneStmt.run(before).changes);
  }
}
