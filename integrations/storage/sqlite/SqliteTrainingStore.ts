import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import {
  DuplicateUtteranceError, type CorpusSeed, type LivePointer, type ModelVersion, type TrainingIntent, type TrainingStore, type TrainingUtterance,
  type UtteranceSplit, type VersionMetrics, type VersionStatus,
} from '../training';
import { applyMigrations } from './migrate';
import { statementCache } from './statementCache';
import { sqliteStep } from './sqliteStep';
import { trainingMigrations } from './trainingMigrations';

interface IntentRow { name: string; description: string; domain: string; answers: string; updated_at: number }
interface UtteranceRow { id: number; intent: string; locale: string; text: string; split: UtteranceSplit; source: string; created_at: number }
interface VersionRow {
  id: string; number: number; status: VersionStatus; phase: string; percent: number; created_by: string; created_at: number;
  data_hash: string; intents: string; metrics: string | null; error: string | null;
}
const VERSION_COLUMNS = 'id, number, status, phase, percent, created_by, created_at, data_hash, intents, metrics, error';

/** Training data, model versions (with the model JSON) and the live pointer in SQLite. */
export class SqliteTrainingStore implements TrainingStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(private readonly db: Database.Database) {
    applyMigrations(db, 'training', trainingMigrations);
    this.sql = statementCache(db);
  }

  private step<T>(f: () => T): T {
    return sqliteStep('Training data', f, this.db);
  }

  async intentCount(): Promise<number> {
    return this.step(() => (this.sql('SELECT COUNT(*) AS n FROM nlu_intents').get() as { n: number }).n);
  }

  async intents(): Promise<TrainingIntent[]> {
    return this.step(() => (this.sql('SELECT * FROM nlu_intents ORDER BY name').all() as IntentRow[]).map(toIntent));
  }

  async intent(name: string): Promise<TrainingIntent | undefined> {
    return this.step(() => {
      const row = this.sql('SELECT * FROM nlu_intents WHERE name = ?').get(name) as IntentRow | undefined;
      return row ? toIntent(row) : undefined;
    });
  }

  async upsertIntent(i: TrainingIntent): Promise<void> {
    this.step(() => this.sql(`INSERT INTO nlu_intents (name, description, domain, answers, updated_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (name) DO UPDATE SET description = excluded.description, domain = excluded.domain, answers = excluded.answers, updated_at = excluded.updated_at`)
      .run(i.name, i.description, i.domain, JSON.stringify(i.answers), i.updatedAt));
  }

  async deleteIntent(name: string): Promise<boolean> {
    return this.step(() => this.db.transaction(() => {
      this.sql('DELETE FROM nlu_utterances WHERE intent = ?').run(name);
      return this.sql('DELETE FROM nlu_intents WHERE name = ?').run(name).changes === 1;
    })());
  }

  async utterances(intent?: string): Promise<TrainingUtterance[]> {
    return this.step(() => (intent === undefined
      ? this.sql('SELECT * FROM nlu_utterances ORDER BY id').all()
      : this.sql('SELECT * FROM nlu_utterances WHERE intent = ? ORDER BY id').all(intent)) as UtteranceRow[]).map(toUtterance);
  }

  async addUtterance(u: Omit<TrainingUtterance, 'id'>): Promise<TrainingUtterance> {
    return this.step(() => {
      const existing = this.sql('SELECT intent FROM nlu_utterances WHERE locale = ? AND split = ? AND text = ?').get(u.locale, u.split, u.text) as { intent: string } | undefined;
      if (existing) throw new DuplicateUtteranceError(existing.intent, u.text);
      const id = Number(this.sql('INSERT INTO nlu_utterances (intent, locale, text, split, source, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(u.intent, u.locale, u.text, u.split, u.source, u.createdAt).lastInsertRowid);
      return { ...u, id };
    });
  }

  async addUtterances(list: ReadonlyArray<Omit<TrainingUtterance, 'id'>>): Promise<{ added: number; skipped: number }> {
    return this.step(() => this.db.transaction(() => {
      const insert = this.sql(`INSERT INTO nlu_utterances (intent, locale, text, split, source, created_at)
        SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM nlu_utterances WHERE locale = ? AND split = ? AND text = ?)`);
      let added = 0;
      for (const u of list) added += insert.run(u.intent, u.locale, u.text, u.split, u.source, u.createdAt, u.locale, u.split, u.text).changes;
      return { added, skipped: list.length - added };
    })());
  }

  async deleteUtterance(id: number): Promise<TrainingUtterance | undefined> {
    return this.step(() => {
      const row = this.sql('DELETE FROM nlu_utterances WHERE id = ? RETURNING *').get(id) as UtteranceRow | undefined;
      return row ? toUtterance(row) : undefined;
    });
  }

  async counts(): Promise<Array<{ intent: string; locale: string; split: UtteranceSplit; n: number }>> {
    return this.step(() => this.sql('SELECT intent, locale, split, COUNT(*) AS n FROM nlu_utterances GROUP BY intent, locale, split')
      .all() as Array<{ intent: string; locale: string; split: UtteranceSplit; n: number }>);
  }

  async createVersion(v: { createdBy: string; createdAt: number; dataHash: string; intents: readonly string[] }): Promise<ModelVersion> {
    return this.step(() => this.db.transaction(() => {
      const number = (this.sql('SELECT COALESCE(MAX(number), 0) + 1 AS n FROM nlu_versions').get() as { n: number }).n;
      const id = randomUUID();
      this.sql(`INSERT INTO nlu_versions (id, number, status, phase, percent, created_by, created_at, data_hash, intents)
        VALUES (?, ?, 'training', 'queued', 0, ?, ?, ?, ?)`).run(id, number, v.createdBy, v.createdAt, v.dataHash, JSON.stringify(v.intents));
      return toVersion(this.sql(`SELECT ${VERSION_COLUMNS} FROM nlu_versions WHERE id = ?`).get(id) as VersionRow);
    }).immediate());
  }

  async updateVersion(id: string, p: { status?: VersionStatus; phase?: string; percent?: number; metrics?: VersionMetrics; error?: string }): Promise<void> {
    this.step(() => this.sql(`UPDATE nlu_versions SET status = COALESCE(?, status), phase = COALESCE(?, phase), percent = COALESCE(?, percent),
      metrics = COALESCE(?, metrics), error = COALESCE(?, error) WHERE id = ?`)
      .run(p.status ?? null, p.phase ?? null, p.percent ?? null, p.metrics ? JSON.stringify(p.metrics) : null, p.error ?? null, id));
  }

  async saveModel(id: string, modelJson: string): Promise<void> {
    this.step(() => this.sql('UPDATE nlu_versions SET model = ? WHERE id = ?').run(modelJson, id));
  }

  async loadModel(id: string): Promise<string | undefined> {
    return this.step(() => (this.sql('SELECT model FROM nlu_versions WHERE id = ?').get(id) as { model: string | null } | undefined)?.model ?? undefined);
  }

  async versions(): Promise<ModelVersion[]> {
    return this.step(() => (this.sql(`SELECT ${VERSION_COLUMNS} FROM nlu_versions ORDER BY number DESC`).all() as VersionRow[]).map(toVersion));
  }

  async version(id: string): Promise<ModelVersion | undefined> {
    return this.step(() => {
      const row = this.sql(`SELECT ${VERSION_COLUMNS} FROM nlu_versions WHERE id = ?`).get(id) as VersionRow | undefined;
      return row ? toVersion(row) : undefined;
    });
  }

  async setLive(versionId: string, by: string, at: number): Promise<void> {
    this.step(() => this.sql(`INSERT INTO nlu_live (id, version_id, published_at, published_by) VALUES (1, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET version_id = excluded.version_id, published_at = excluded.published_at, published_by = excluded.published_by`)
      .run(versionId, at, by));
  }

  async live(): Promise<LivePointer | undefined> {
    return this.step(() => {
      const row = this.sql('SELECT version_id, published_at, published_by FROM nlu_live WHERE id = 1').get() as
        { version_id: string; published_at: number; published_by: string } | undefined;
      return row ? { versionId: row.version_id, publishedAt: row.published_at, publishedBy: row.published_by } : undefined;
    });
  }

  async corpusSeeds(): Promise<CorpusSeed[]> {
    return this.step(() => (this.sql('SELECT key, hash, corpus, recorded_by, recorded_at FROM nlu_corpus_seeds ORDER BY key').all() as
      Array<{ key: string; hash: string; corpus: string; recorded_by: string; recorded_at: number }>)
      .map((r) => ({ key: r.key, hash: r.hash, corpus: r.corpus, recordedBy: r.recorded_by, recordedAt: r.recorded_at })));
  }

  async recordCorpusSeed(s: CorpusSeed): Promise<void> {
    this.step(() => this.sql(`INSERT INTO nlu_corpus_seeds (key, hash, corpus, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (key) DO UPDATE SET hash = excluded.hash, corpus = excluded.corpus, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`)
      .run(s.key, s.hash, s.corpus, s.recordedBy, s.recordedAt));
  }
}

function toIntent(r: IntentRow): TrainingIntent {
  return { name: r.name, description: r.description, domain: r.domain, answers: JSON.parse(r.answers) as Record<string, string[]>, updatedAt: r.updated_at };
}

function toUtterance(r: UtteranceRow): TrainingUtterance {
  return { id: r.id, intent: r.intent, locale: r.locale, text: r.text, split: r.split, source: r.source, createdAt: r.created_at };
}

function toVersion(r: VersionRow): ModelVersion {
  return {
    id: r.id, number: r.number, status: r.status, phase: r.phase, percent: r.percent, createdBy: r.created_by, createdAt: r.created_at,
    dataHash: r.data_hash, intents: JSON.parse(r.intents) as string[], metrics: r.metrics ? (JSON.parse(r.metrics) as VersionMetrics) : null,
    error: r.error ?? undefined,
  };
}
