import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { KnowledgeCard } from '../../../nlu-models/knowledge/types';
import type { DraftCard, DraftStatus, KnowledgeLive, KnowledgeStore, KnowledgeVersion } from '../knowledge';
import { knowledgeMigrations } from './knowledgeMigrations';
import { applyMigrations } from './migrate';
import { sqliteStep } from './sqliteStep';
import { statementCache } from './statementCache';

interface CardRow { id: string; json: string; status: DraftStatus; updated_by: string; updated_at: number }
interface VersionRow { id: string; number: number; created_by: string; created_at: number; note: string; hash: string; card_count: number }
const VERSION_COLUMNS = 'id, number, created_by, created_at, note, hash, card_count';

/** Draft cards, published versions (each with its cards, whole), the live pointer and the seed record in SQLite. */
export class SqliteKnowledgeStore implements KnowledgeStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(private readonly db: Database.Database) {
    applyMigrations(db, 'knowledge', knowledgeMigrations);
    this.sql = statementCache(db);
  }

  private step<T>(f: () => T): T {
    return sqliteStep('Knowledge base', f, this.db);
  }

  async draftCards(): Promise<DraftCard[]> {
    return this.step(() => (this.sql('SELECT * FROM knowledge_cards ORDER BY id').all() as CardRow[]).map(toDraft));
  }

  async draftCard(id: string): Promise<DraftCard | undefined> {
    return this.step(() => {
      const row = this.sql('SELECT * FROM knowledge_cards WHERE id = ?').get(id) as CardRow | undefined;
      return row ? toDraft(row) : undefined;
    });
  }

  async saveDraftCard(d: DraftCard): Promise<void> {
    this.step(() => this.sql(`INSERT INTO knowledge_cards (id, json, status, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET json = excluded.json, status = excluded.status, updated_by = excluded.updated_by, updated_at = excluded.updated_at`)
      .run(d.card.id, JSON.stringify(d.card), d.status, d.updatedBy, d.updatedAt));
  }

  async createVersion(v: { createdBy: string; createdAt: number; note: string; hash: string; cards: readonly KnowledgeCard[] }): Promise<KnowledgeVersion> {
    return this.step(() => this.db.transaction(() => {
      const number = (this.sql('SELECT COALESCE(MAX(number), 0) + 1 AS n FROM knowledge_versions').get() as { n: number }).n;
      const id = randomUUID();
      this.sql(`INSERT INTO knowledge_versions (id, number, created_by, created_at, note, hash, card_count, cards_json)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(id, number, v.createdBy, v.createdAt, v.note, v.hash, v.cards.length, JSON.stringify(v.cards));
      return toVersion(this.sql(`SELECT ${VERSION_COLUMNS} FROM knowledge_versions WHERE id = ?`).get(id) as VersionRow);
    }).immediate());
  }

  async versions(): Promise<KnowledgeVersion[]> {
    return this.step(() => (this.sql(`SELECT ${VERSION_COLUMNS} FROM knowledge_versions ORDER BY number DESC`).all() as VersionRow[]).map(toVersion));
  }

  async version(id: string): Promise<KnowledgeVersion | undefined> {
    return this.step(() => {
      const row = this.sql(`SELECT ${VERSION_COLUMNS} FROM knowledge_versions WHERE id = ?`).get(id) as VersionRow | undefined;
      return row ? toVersion(row) : undefined;
    });
  }

  async versionCards(id: string): Promise<KnowledgeCard[] | undefined> {
    return this.step(() => {
      const row = this.sql('SELECT cards_json FROM knowledge_versions WHERE id = ?').get(id) as { cards_json: string } | undefined;
      return row ? (JSON.parse(row.cards_json) as KnowledgeCard[]) : undefined;
    });
  }

  async setLive(versionId: string, by: string, at: number): Promise<void> {
    this.step(() => this.db.transaction(() => {
      // Checked here rather than left to the foreign key: an admin's mistake is no storage fault (readiness stays green).
      if (!this.sql('SELECT 1 FROM knowledge_versions WHERE id = ?').get(versionId)) throw unknownVersion(versionId);
      this.sql(`INSERT INTO knowledge_live (id, version_id, published_at, published_by) VALUES (1, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET version_id = excluded.version_id, published_at = excluded.published_at, published_by = excluded.published_by`)
        .run(versionId, at, by);
    }).immediate());
  }

  async live(): Promise<KnowledgeLive | undefined> {
    return this.step(() => {
      const row = this.sql('SELECT version_id, published_at, published_by FROM knowledge_live WHERE id = 1').get() as
        { version_id: string; published_at: number; published_by: string } | undefined;
      return row ? { versionId: row.version_id, publishedAt: row.published_at, publishedBy: row.published_by } : undefined;
    });
  }

  async seed(): Promise<{ hash: string; at: number } | undefined> {
    return this.step(() => {
      const row = this.sql('SELECT hash, at FROM knowledge_seed WHERE id = 1').get() as { hash: string; at: number } | undefined;
      return row ? { hash: row.hash, at: row.at } : undefined;
    });
  }

  async recordSeed(hash: string, at: number): Promise<void> {
    this.step(() => this.sql(`INSERT INTO knowledge_seed (id, hash, at) VALUES (1, ?, ?)
      ON CONFLICT (id) DO UPDATE SET hash = excluded.hash, at = excluded.at`).run(hash, at));
  }
}

/** setLive's refusal; its code (not SQLITE_…) lets it pass sqliteStep as the store's own refusal, not a fault. */
function unknownVersion(id: string): Error {
  return Object.assign(new Error(`No knowledge version ${id}`), { code: 'KNOWLEDGE_VERSION_UNKNOWN' });
}

function toDraft(r: CardRow): DraftCard {
  return { card: JSON.parse(r.json) as KnowledgeCard, status: r.status, updatedBy: r.updated_by, updatedAt: r.updated_at };
}

function toVersion(r: VersionRow): KnowledgeVersion {
  return { id: r.id, number: r.number, createdBy: r.created_by, createdAt: r.created_at, note: r.note, cardCount: r.card_count, hash: r.hash };
}
