import type Database from 'better-sqlite3';
import { maskPii } from '../../privacy/maskPii';
import type { InboxItem, InboxStatus, InboxStore, MisunderstoodMessage } from '../training';
import { applyMigrations } from './migrate';
import { statementCache } from './statementCache';
import { sqliteFault } from './sqliteFault';
import { sqliteStep } from './sqliteStep';
import { trainingMigrations } from './trainingMigrations';

interface Row { id: number; text: string; locale: string; intent: string; score: number; created_at: number; status: InboxStatus; bot_asked: string | null }

/** The misunderstood inbox in SQLite; texts are masked (ID numbers, phones, VINs, plates) before they are written. */
export class SqliteInboxStore implements InboxStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(private readonly db: Database.Database, private readonly onError: (err: unknown) => void = () => undefined) {
    applyMigrations(db, 'training', trainingMigrations);
    this.sql = statementCache(db);
  }

  async record(item: MisunderstoodMessage): Promise<void> {
    try {
      const text = maskPii(item.text.trim()).slice(0, 500);
      if (!text) return;
      const botAsked = item.botAsked?.trim() ? maskPii(item.botAsked.trim()).slice(0, 500) : null;
      this.sql('INSERT INTO nlu_inbox (text, locale, intent, score, created_at, bot_asked) VALUES (?, ?, ?, ?, ?, ?)').run(text, item.locale, item.intent, item.score, item.at, botAsked);
    } catch (err) {
      this.onError(sqliteFault('Inbox', 'Inbox: SQLite failed', err));
    }
  }

  async open(limit: number): Promise<InboxItem[]> {
    return sqliteStep('Inbox', () => (this.sql("SELECT * FROM nlu_inbox WHERE status = 'new' ORDER BY id DESC LIMIT ?").all(limit) as Row[]).map(toItem), this.db);
  }

  async item(id: number): Promise<InboxItem | undefined> {
    return sqliteStep('Inbox', () => {
      const row = this.sql('SELECT * FROM nlu_inbox WHERE id = ?').get(id) as Row | undefined;
      return row ? toItem(row) : undefined;
    }, this.db);
  }

  async resolve(id: number, status: Exclude<InboxStatus, 'new'>, by: string, at: number, intent?: string): Promise<boolean> {
    return sqliteStep('Inbox', () => this.sql("UPDATE nlu_inbox SET status = ?, filed_intent = ?, handled_by = ?, handled_at = ? WHERE id = ? AND status = 'new'")
      .run(status, intent ?? null, by, at, id).changes === 1, this.db);
  }
}

function toItem(r: Row): InboxItem {
  return { id: r.id, text: r.text, locale: r.locale, intent: r.intent, score: r.score, createdAt: r.created_at, status: r.status, ...(r.bot_asked ? { botAsked: r.bot_asked } : {}) };
}
