import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import {
  DuplicateUtteranceError, type CorpusSeed, type LivePointer, type ModelVersion, type TrainingIntent, type TrainingStore, type TrainingUtterance,
  type UtteranceSplit, type VersionMetrics, type VersionStatus,
} from '../training';
import { Counters } from './counters';
import { isDuplicateKey, mongoStep } from './mongoErrors';

export interface IntentDoc { _id: string; description: string; domain: string; answers: string; updatedAt: number }
export interface UtteranceDoc { _id: number; intent: string; locale: string; text: string; split: UtteranceSplit; source: string; createdAt: number }
export interface VersionDoc {
  _id: string; number: number; status: VersionStatus; phase: string; percent: number; createdBy: string; createdAt: number;
  dataHash: string; intents: string[]; metrics?: string; error?: string; model?: string;
}
export interface LiveDoc { _id: string; versionId: string; publishedAt: number; publishedBy: string }
export interface CorpusSeedDoc { _id: string; hash: string; corpus: string; recordedBy: string; recordedAt: number }

export const intentSchema = new Schema<IntentDoc>({
  _id: { type: String, required: true, maxlength: 64 },
  description: { type: String, default: '', maxlength: 200 },
  domain: { type: String, required: true, maxlength: 40 },
  answers: { type: String, required: true, default: '{}' },
  updatedAt: { type: Number, required: true },
}, { versionKey: false, strict: 'throw', strictQuery: 'throw' });

export const utteranceSchema = new Schema<UtteranceDoc>({
  _id: { type: Number, required: true },
  intent: { type: String, required: true, index: true },
  locale: { type: String, required: true, enum: ['zh-CN', 'en'] },
  text: { type: String, required: true, maxlength: 500 },
  split: { type: String, required: true, enum: ['train', 'test'] },
  source: { type: String, required: true },
  createdAt: { type: Number, required: true },
}, { versionKey: false, strict: 'throw', strictQuery: 'throw' });
utteranceSchema.index({ locale: 1, split: 1, text: 1 }, { unique: true, name: 'one_intent_per_utterance' });

// Model JSON (~2 MB) is kept in the version document, well under MongoDB's 16 MB limit.
export const versionSchema = new Schema<VersionDoc>({
  _id: { type: String, required: true },
  number: { type: Number, required: true, unique: true },
  status: { type: String, required: true, enum: ['training', 'ready', 'failed'] },
  phase: { type: String, required: true },
  percent: { type: Number, required: true, min: 0, max: 100 },
  createdBy: { type: String, required: true },
  createdAt: { type: Number, required: true },
  dataHash: { type: String, required: true },
  intents: { type: [String], required: true },
  metrics: String,
  error: String,
  model: String,
}, { versionKey: false, strict: 'throw', strictQuery: 'throw' });

export const liveSchema = new Schema<LiveDoc>({
  _id: { type: String, required: true },
  versionId: { type: String, required: true },
  publishedAt: { type: Number, required: true },
  publishedBy: { type: String, required: true },
}, { versionKey: false, strict: 'throw', strictQuery: 'throw' });

export const corpusSeedSchema = new Schema<CorpusSeedDoc>({
  _id: { type: String, required: true, maxlength: 100 },
  hash: { type: String, required: true, match: /^[0-9a-f]{64}$/ },
  corpus: { type: String, required: true },
  recordedBy: { type: String, required: true },
  recordedAt: { type: Number, required: true },
}, { versionKey: false, strict: 'throw', strictQuery: 'throw' });

const toIntent = (d: IntentDoc): TrainingIntent => ({ name: d._id, description: d.description, domain: d.domain, answers: JSON.parse(d.answers) as Record<string, string[]>, updatedAt: d.updatedAt });
const toUtterance = (d: UtteranceDoc): TrainingUtterance => ({ id: d._id, intent: d.intent, locale: d.locale, text: d.text, split: d.split, source: d.source, createdAt: d.createdAt });
const toVersion = (d: VersionDoc): ModelVersion => ({
  id: d._id, number: d.number, status: d.status, phase: d.phase, percent: d.percent, createdBy: d.createdBy, createdAt: d.createdAt,
  dataHash: d.dataHash, intents: d.intents, metrics: d.metrics ? (JSON.parse(d.metrics) as VersionMetrics) : null, error: d.error,
});
const NO_MODEL = { model: 0 } as const;

/** Training data, versions and the live pointer in MongoDB. */
export class MongoTrainingStore implements TrainingStore {
  private readonly intentsModel: Model<IntentDoc>;
  private readonly utterancesModel: Model<UtteranceDoc>;
  private readonly versionsModel: Model<VersionDoc>;
  private readonly liveModel: Model<LiveDoc>;
  private readonly seedsModel: Model<CorpusSeedDoc>;
  private readonly counters: Counters;

  constructor(conn: Connection) {
    this.intentsModel = conn.models.NluIntent ?? conn.model<IntentDoc>('NluIntent', intentSchema, 'nlu_intents');
    this.utterancesModel = conn.models.NluUtterance ?? conn.model<UtteranceDoc>('NluUtterance', utteranceSchema, 'nlu_utterances');
    this.versionsModel = conn.models.NluVersion ?? conn.model<VersionDoc>('NluVersion', versionSchema, 'nlu_versions');
    this.liveModel = conn.models.NluLive ?? conn.model<LiveDoc>('NluLive', liveSchema, 'nlu_live');
    this.seedsModel = conn.models.NluCorpusSeed ?? conn.model<CorpusSeedDoc>('NluCorpusSeed', corpusSeedSchema, 'nlu_corpus_seeds');
    this.counters = new Counters(conn);
  }

  intentCount(): Promise<number> {
    return mongoStep('Training data', () => this.intentsModel.countDocuments());
  }

  async intents(): Promise<TrainingIntent[]> {
    return mongoStep('Training data', async () => (await this.intentsModel.find().sort({ _id: 1 }).lean()).map(toIntent));
  }

  async intent(name: string): Promise<TrainingIntent | undefined> {
    return mongoStep('Training data', async () => {
      const d = await this.intentsModel.findById(String(name)).lean();
      return d ? toIntent(d) : undefined;
    });
  }

  async upsertIntent(i: TrainingIntent): Promise<void> {
    await mongoStep('Training data', () => this.intentsModel.updateOne(
      { _id: i.name }, { $set: { description: i.description, domain: i.domain, answers: JSON.stringify(i.answers), updatedAt: i.updatedAt } }, { upsert: true, runValidators: true },
    ));
  }

  async deleteIntent(name: string): Promise<boolean> {
    return mongoStep('Training data', async () => {
      await this.utterancesModel.deleteMany({ intent: String(name) });
      return (await this.intentsModel.deleteOne({ _id: String(name) })).deletedCount === 1;
    });
  }

  async utterances(intent?: string): Promise<TrainingUtterance[]> {
    return mongoStep('Training data', async () =>
      (await this.utterancesModel.find(intent === undefined ? {} : { intent: String(intent) }).sort({ _id: 1 }).lean()).map(toUtterance));
  }

  async addUtterance(u: Omit<TrainingUtterance, 'id'>): Promise<TrainingUtterance> {
    return mongoStep('Training data', async () => {
      const id = await this.counters.next('utterance');
      try {
        await this.utterancesModel.create({ _id: id, ...u });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        const existing = await this.utterancesModel.findOne({ locale: u.locale, split: u.split, text: u.text }).lean();
        throw new DuplicateUtteranceError(existing?.intent ?? '?', u.text);
      }
      return { ...u, id };
    });
  }

  async addUtterances(list: ReadonlyArray<Omit<TrainingUtterance, 'id'>>): Promise<{ added: number; skipped: number }> {
    return mongoStep('Training data', async () => {
      const seen = new Set<string>();
      const fresh = list.filter((u) => {
        const key = `${u.locale}\u0000${u.split}\u0000${u.text}`;
        return !seen.has(key) && seen.add(key);
      });
      if (fresh.length === 0) return { added: 0, skipped: list.length };
      const first = await this.counters.reserve('utterance', fresh.length);
      try {
        await this.utterancesModel.insertMany(fresh.map((u, i) => ({ _id: first + i, ...u })), { ordered: false });
        return { added: fresh.length, skipped: list.length - fresh.length };
      } catch (err) {
        // Unordered: every other document is inserted; the ones the unique index refused are skipped.
        if (!isDuplicateKey(err)) throw err;
        const e = err as { insertedDocs?: unknown[]; result?: { insertedCount?: number } };
        const inserted = e.insertedDocs?.length ?? e.result?.insertedCount ?? 0;
        return { added: inserted, skipped: list.length - inserted };
      }
    });
  }

  async deleteUtterance(id: number): Promise<TrainingUtterance | undefined> {
    return mongoStep('Training data', async () => {
      const d = await this.utterancesModel.findOneAndDelete({ _id: Number(id) }).lean();
      return d ? toUtterance(d) : undefined;
    });
  }

  async counts(): Promise<Array<{ intent: string; locale: string; split: UtteranceSplit; n: number }>> {
    return mongoStep('Training data', async () => {
      const rows = await this.utterancesModel.aggregate<{ _id: { intent: string; locale: string; split: UtteranceSplit }; n: number }>([
        { $group: { _id: { intent: '$intent', locale: '$locale', split: '$split' }, n: { $sum: 1 } } },
      ]);
      return rows.map((r) => ({ ...r._id, n: r.n }));
    });
  }

  async createVersion(v: { createdBy: string; createdAt: number; dataHash: string; intents: readonly string[] }): Promise<ModelVersion> {
    return mongoStep('Model versions', async () => {
      const doc: VersionDoc = {
        _id: randomUUID(), number: await this.counters.next('nlu_version'), status: 'training', phase: 'queued', percent: 0,
        createdBy: v.createdBy, createdAt: v.createdAt, dataHash: v.dataHash, intents: [...v.intents],
      };
      await this.versionsModel.create(doc);
      return toVersion(doc);
    });
  }

  async updateVersion(id: string, p: { status?: VersionStatus; phase?: string; percent?: number; metrics?: VersionMetrics; error?: string }): Promise<void> {
    const set: Record<string, unknown> = {};
    if (p.status !== undefined) set.status = p.status;
    if (p.phase !== undefined) set.phase = p.phase;
    if (p.percent !== undefined) set.percent = p.percent;
    if (p.metrics !== undefined) set.metrics = JSON.stringify(p.metrics);
    if (p.error !== undefined) set.error = p.error;
    await mongoStep('Model versions', () => this.versionsModel.updateOne({ _id: String(id) }, { $set: set }, { runValidators: true }));
  }

  async saveModel(id: string, modelJson: string): Promise<void> {
    await mongoStep('Model versions', () => this.versionsModel.updateOne({ _id: String(id) }, { $set: { model: modelJson } }));
  }

  async loadModel(id: string): Promise<string | undefined> {
    return mongoStep('Model versions', async () => (await this.versionsModel.findById(String(id), { model: 1 }).lean())?.model ?? undefined);
  }

  async versions(): Promise<ModelVersion[]> {
    return mongoStep('Model versions', async () => (await this.versionsModel.find({}, NO_MODEL).sort({ number: -1 }).lean()).map(toVersion));
  }

  async version(id: string): Promise<ModelVersion | undefined> {
    return mongoStep('Model versions', async () => {
      const d = await this.versionsModel.findById(String(id), NO_MODEL).lean();
      return d ? toVersion(d) : undefined;
    });
  }

  async setLive(versionId: string, by: string, at: number): Promise<void> {
    await mongoStep('Model versions', () => this.liveModel.updateOne({ _id: 'live' }, { $set: { versionId, publishedAt: at, publishedBy: by } }, { upsert: true }));
  }

  async live(): Promise<LivePointer | undefined> {
    return mongoStep('Model versions', async () => {
      const d = await this.liveModel.findById('live').lean();
      return d ? { versionId: d.versionId, publishedAt: d.publishedAt, publishedBy: d.publishedBy } : undefined;
    });
  }

  async corpusSeeds(): Promise<CorpusSeed[]> {
    return mongoStep('Training data', async () => (await this.seedsModel.find().sort({ _id: 1 }).lean())
      .map((d) => ({ key: d._id, hash: d.hash, corpus: d.corpus, recordedBy: d.recordedBy, recordedAt: d.recordedAt })));
  }

  async recordCorpusSeed(s: CorpusSeed): Promise<void> {
    await mongoStep('Training data', () => this.seedsModel.updateOne(
      { _id: String(s.key) }, { $set: { hash: s.hash, corpus: s.corpus, recordedBy: s.recordedBy, recordedAt: s.recordedAt } }, { upsert: true, runValidators: true },
    ));
  }
}
