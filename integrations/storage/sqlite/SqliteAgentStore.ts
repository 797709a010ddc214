import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { DuplicateAgentError, type AgentAccount, type AgentRole, type AgentSession, type AgentStore } from '../agents';
import { applyMigrations } from './migrate';
import { statementCache } from './statementCache';
import { peopleMigrations } from './peopleMigrations';
import { sqliteStep } from './sqliteStep';

interface Row { id: string; username: string; display_name: string; role: AgentRole; password_hash: string; disabled: number; created_at: number }
interface SessionRow { token_hash: string; agent_id: string; csrf_token_hash: string; created_at: number; last_seen_at: number; expires_at: number }

/** Agent accounts and their sessions in SQLite; usernames are unique by index. */
export class SqliteAgentStore implements AgentStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(private readonly db: Database.Database) {
    applyMigrations(db, 'people', peopleMigrations);
    this.sql = statementCache(db);
  }

  private step<T>(f: () => T): T {
    return sqliteStep('Agents', f, this.db);
  }

  async create(account: Omit<AgentAccount, 'id' | 'disabled'>): Promise<AgentAccount> {
    const id = randomUUID();
    try {
      this.sql('INSERT INTO agents (id, username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(id, account.username, account.displayName, account.role, account.passwordHash, account.createdAt);
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new DuplicateAgentError(account.username);
      return this.step(() => { throw e; });
    }
    return { ...account, id, disabled: false };
  }

  async byUsername(username: string): Promise<AgentAccount | undefined> {
    return this.step(() => toAccount(this.sql('SELECT * FROM agents WHERE username = ?').get(username) as Row | undefined));
  }

  async byId(id: string): Promise<AgentAccount | undefined> {
    return this.step(() => toAccount(this.sql('SELECT * FROM agents WHERE id = ?').get(id) as Row | undefined));
  }

  async list(): Promise<AgentAccount[]> {
    return this.step(() => (this.sql('SELECT * FROM agents ORDER BY username').all() as Row[]).map((r) => toAccount(r) as AgentAccount));
  }

  async setPassword(id: string, passwordHash: string): Promise<void> {
    this.step(() => this.sql('UPDATE agents SET password_hash = ? WHERE id = ?').run(passwordHash, id));
  }

  async setDisabled(id: string, disabled: boolean): Promise<void> {
    this.step(() => {
      this.sql('UPDATE agents SET disabled = ? WHERE id = ?').run(disabled ? 1 : 0, id);
      if (disabled) this.sql('DELETE FROM agent_sessions WHERE agent_id = ?').run(id);
    });
  }

  async createSession(s: AgentSession): Promise<void> {
    this.step(() => this.sql('INSERT INTO agent_sessions (token_hash, agent_id, csrf_token_hash, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(s.tokenHash, s.agentId, s.csrfTokenHash, s.createdAt, s.lastSeenAt, s.expiresAt));
  }

  async session(tokenHash: string): Promise<AgentSession | undefined> {
    return this.step(() => {
      const r = this.sql('SELECT * FROM agent_sessions WHERE token_hash = ?').get(tokenHash) as SessionRow | undefined;
      return r && { tokenHash: r.token_hash, agentId: r.agent_id, csrfTokenHash: r.csrf_token_hash, createdAt: r.created_at, lastSeenAt: r.last_seen_at, expiresAt: r.expires_at };
    });
  }

  async touchSession(tokenHash: string, lastSeenAt: number): Promise<void> {
    this.step(() => this.sql('UPDATE agent_sessions SET last_seen_at = ? WHERE token_hash = ?').run(lastSeenAt, tokenHash));
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.step(() => this.sql('DELETE FROM agent_sessions WHERE token_hash = ?').run(tokenHash));
  }

  async deleteSessionsOf(agentId: string, exceptTokenHash = ''): Promise<number> {
    return this.step(() => this.sql('DELETE FROM agent_sessions WHERE agent_id = ? AND token_hash <> ?').run(agentId, exceptTokenHash).changes);
  }

  async deleteExpiredSessions(now: number): Promise<number> {
    return this.step(() => this.sql('DELETE FROM agent_sessions WHERE expires_at <= ?').run(now).changes);
  }
}

function toAccount(r: Row | undefined): AgentAccount | undefined {
  return r && {
    id: r.id, username: r.username, displayName: r.display_name, role: r.role, passwordHash: r.password_hash,
    disabled: r.disabled === 1, createdAt: r.created_at,
  };
}
