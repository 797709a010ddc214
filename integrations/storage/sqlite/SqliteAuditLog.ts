import type Database from 'better-sqlite3';
import { maskPii } from '../../privacy/maskPii';
import type { AuditEntry, AuditLog } from '../auditLog';
import { applyMigrations } from './migrate';
import { statementCache } from './statementCache';
import { peopleMigrations } from './peopleMigrations';
import { sqliteStep } from './sqliteStep';

interface Row { id: number; at: number; actor: string; action: string; target: string | null; details: string | null }

/** The audit log in SQLite: append-only; details are stored as JSON with personal data masked. */
export class SqliteAuditLog implements AuditLog {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(private readonly db: Database.Database) {
    applyMigrations(db, 'people', peopleMigrations);
    this.sql = statementCache(db);
  }

  async append(e: AuditEntry): Promise<void> {
    sqliteStep('Audit log', () => this.sql('INSERT INTO audit_log (at, actor, action, target, details) VALUES (?, ?, ?, ?, ?)')
      .run(e.at, e.actor, e.action, e.target ?? null, e.details ? JSON.stringify(e.details, (_k, v: unknown) => (typeof v === 'string' ? maskPii(v) : v)) : null), this.db);
  }

  async recent(limit: number, filter: { actor?: string; action?: string; target?: string } = {}): Promise<Array<AuditEntry & { id: number }>> {
    const where: string[] = [];
    const params: unknown[] = [];
    for (const [column, value] of [['actor', filter.actor], ['action', filter.action], ['target', filter.target]] as const) {
      if (value !== undefined) {
        where.push(`${column} = ?`);
        params.push(value);
      }
    }
    const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return sqliteStep('Audit log', () => (this.sql(sql).all(...params, limit) as Row[]).map((r) => ({
      id: r.id, at: r.at, actor: r.actor, action: r.action, target: r.target ?? undefined,
      details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : undefined,
    })), this.db);
  }
}
