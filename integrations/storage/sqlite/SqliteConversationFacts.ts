import type Database from 'better-sqlite3';
import type { ConversationFact, ConversationFacts, FactKind } from '../conversationFacts';
import { factMigrations } from './factMigrations';
import { applyMigrations } from './migrate';
import { sqliteStep } from './sqliteStep';
import { statementCache } from './statementCache';

interface Row { at: number; channel: string; conversation: string; kind: string; service: string | null; step: string | null; grp: string | null }

const WHAT = 'Conversation facts';

function fromRow(r: Row): ConversationFact {
  return {
    at: r.at, channel: r.channel, conversation: r.conversation, kind: r.kind as FactKind,
    ...(r.service !== null ? { service: r.service } : {}), ...(r.step !== null ? { step: r.step } : {}), ...(r.grp !== null ? { group: r.grp } : {}),
  };
}

/** The conversation facts in SQLite: one row each, read by time. */
export class SqliteConversationFacts implements ConversationFacts {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(private readonly db: Database.Database) {
    applyMigrations(db, 'ops', factMigrations);
    this.sql = statementCache(db);
  }

  async append(f: ConversationFact): Promise<void> {
    sqliteStep(WHAT, () => this.sql('INSERT INTO conversation_facts (at, channel, conversation, kind, service, step, grp) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(f.at, f.channel, f.conversation, f.kind, f.service ?? null, f.step ?? null, f.group ?? null), this.db);
  }

  async between(from: number, to: number): Promise<ConversationFact[]> {
    return sqliteStep(WHAT, () => (this.sql('SELECT * FROM conversation_facts WHERE at >= ? AND at < ? ORDER BY at, id').all(from, to) as Row[]).map(fromRow), this.db);
  }

  async page(after: number, limit: number): Promise<ConversationFact[]> {
    return sqliteStep(WHAT, () => (this.sql('SELECT * FROM conversation_facts ORDER BY id LIMIT ? OFFSET ?').all(limit, after) as Row[]).map(fromRow), this.db);
  }
}
