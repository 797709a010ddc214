import type Database from 'better-sqlite3';
import type { SharedToken, SharedTokens } from '../sharedTokens';
import { channelMigrations } from './channelMigrations';
import { applyMigrations } from './migrate';
import { sqliteStep } from './sqliteStep';

interface Row { name: string; value: string | null; expires_at: number | null }

/** Shared tokens in the SQLite table `shared_tokens`; the lease is one conditional UPDATE, atomic across processes. */
export class SqliteSharedTokens implements SharedTokens {
  private readonly select: Database.Statement<[string], Row>;
  private readonly ensure: Database.Statement<[string]>;
  private readonly lease: Database.Statement<[string, number, string, number, string]>;
  private readonly saveStmt: Database.Statement<[string, string, number]>;
  private readonly invalidateStmt: Database.Statement<[string, string]>;
  private readonly release: Database.Statement<[string, string]>;

  constructor(private readonly db: Database.Database) {
    applyMigrations(db, 'channels', channelMigrations);
    this.select = db.prepare('SELECT name, value, expires_at FROM shared_tokens WHERE name = ?');
    this.ensure = db.prepare('INSERT OR IGNORE INTO shared_tokens (name) VALUES (?)');
    this.lease = db.prepare(
      'UPDATE shared_tokens SET lease_holder = ?, lease_until = ? WHERE name = ? AND (lease_until <= ? OR lease_holder = ?)',
    );
    this.saveStmt = db.prepare(
      `INSERT INTO shared_tokens (name, value, expires_at, lease_holder, lease_until) VALUES (?, ?, ?, NULL, 0)
       ON CONFLICT (name) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at, lease_holder = NULL, lease_until = 0`,
    );
    this.release = db.prepare('UPDATE shared_tokens SET lease_holder = NULL, lease_until = 0 WHERE name = ? AND lease_holder = ?');
    this.invalidateStmt = db.prepare('UPDATE shared_tokens SET value = NULL, expires_at = NULL WHERE name = ? AND value = ?');
  }

  async read(name: string): Promise<SharedToken | undefined> {
    return sqliteStep('Shared tokens', () => {
      const row = this.select.get(name);
      if (!row) return undefined;
      return { name: row.name, value: row.value ?? undefined, expiresAt: row.expires_at ?? undefined };
    }, this.db);
  }

  async tryLease(name: string, holder: string, now: number, leaseMs: number): Promise<boolean> {
    return sqliteStep('Shared tokens', () => {
      this.ensure.run(name);
      return this.lease.run(holder, now + leaseMs, name, now, holder).changes === 1;
    }, this.db);
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    sqliteStep('Shared tokens', () => this.release.run(name, holder), this.db);
  }

  async save(name: string, value: string, expiresAt: number): Promise<void> {
    sqliteStep('Shared tokens', () => this.saveStmt.run(name, value, expiresAt), this.db);
  }

  async invalidate(name: string, value: string): Promise<void> {
    sqliteStep('Shared tokens', () => this.invalidateStmt.run(name, value), this.db);
  }
}
