import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import type { KnowledgeCard } from '../../../nlu-models/knowledge/types';
import type { DraftCard, DraftStatus, KnowledgeLive, KnowledgeStore, KnowledgeVersion } from '../knowledge';
import { Counters } from './counters';
import { mongoStep } from './mongoErrors';

/** A draft card; the card itself is kept as JSON (its shape is checked by the knowledge base, not the schema). */
export interface KnowledgeCardDoc { _id: string; card: string; status: DraftStatus; updatedBy: string; updatedAt: number }
export interface KnowledgeVersionDoc {
  _id: string; number: number; createdBy: string; createdAt: number; note: string; hash: string; cardCount: number; cards: string;
}
export interface KnowledgeLiveDoc { _id: string; versionId: string; publishedAt: number; publishedBy: string }
export interface KnowledgeSeedDoc { _id: string; hash: string; at: number }

export const knowledgeCardSchema = new Schema<KnowledgeCardDoc>({
  _id: { type: String, required: true, maxlength: 200 },
  card: { type: String, required: true },
  status: { type: String, required: true, enum: ['active', 'retired'] },
  updatedBy: { type: String, required: true },
  updatedAt: { type: Number, required: true },
}, { versionKey: false, strict: 'throw', strictQuery: 'throw' });

// A version's cards (a few hundred cards, well under MongoDB's 16 MB limit) are kept whole in its document.
export const knowledgeVersionSchema = new Schema<KnowledgeVersionDoc>({
  _id: { type: String, required: true },
  number: { type: Number, required: true, unique: true },
  createdBy: { type: String, required: true },
  createdAt: { type: Number, required: true },
  note: { type: String, default: '' },
  hash: { type: String, required: true },
  cardCount: { type: Number, required: true, min: 0 },
  cards: { type: String, required: true },
}, { versionKey: false, strict: 'throw', strictQuery: 'throw' });

export const knowledgeLiveSchema = new Schema<KnowledgeLiveDoc>({
  _id: { type: String, required: true },
  versionId: { type: String, required: true },
  publishedAt: { type: Number, required: true },
  publishedBy: { type: String, required: true },
}, { versionKey: false, strict: 'throw', strictQuery: 'throw' });

export const knowledgeSeedSchema = new Schema<KnowledgeSeedDoc>({
  _id: { type: String, required: true },
  hash: { type: String, required: true },
  at: { type: Number, required: true },
}, { versionKey: false, strict: 'throw', strictQuery: 'throw' });

const toDraft = (d: KnowledgeCardDoc): DraftCard => ({ card: JSON.parse(d.card) as KnowledgeCard, status: d.status, updatedBy: d.updatedBy, updatedAt: d.updatedAt });
const toVersion = (d: Omit<KnowledgeVersionDoc, 'cards'>): KnowledgeVersion => ({
  id: d._id, number: d.number, createdBy: d.createdBy, createdAt: d.createdAt, note: d.note, cardCount: d.cardCount, hash: d.hash,
});
const NO_CARDS = { cards: 0 } as const;
const WHAT = 'Knowledge base';

/** Draft cards, published versions (each with its cards, whole), the live pointer and the seed record in MongoDB. */
export class MongoKnowledgeStore implements KnowledgeStore {
  private readonly cardsModel: Model<KnowledgeCardDoc>;
  private readonly versionsModel: Model<KnowledgeVersionDoc>;
  private readonly liveModel: Model<KnowledgeLiveDoc>;
  private readonly seedModel: Model<KnowledgeSeedDoc>;
  private readonly counters: Counters;

  constructor(conn: Connection) {
    this.cardsModel = conn.models.KnowledgeCard ?? conn.model<KnowledgeCardDoc>('KnowledgeCard', knowledgeCardSchema, 'knowledge_cards');
    this.versionsModel = conn.models.KnowledgeVersion ?? conn.model<KnowledgeVersionDoc>('KnowledgeVersion', knowledgeVersionSchema, 'knowledge_versions');
    this.liveModel = conn.models.KnowledgeLive ?? conn.model<KnowledgeLiveDoc>('KnowledgeLive', knowledgeLiveSchema, 'knowledge_live');
    this.seedModel = conn.models.KnowledgeSeed ?? conn.model<KnowledgeSeedDoc>('KnowledgeSeed', knowledgeSeedSchema, 'knowledge_seed');
    this.counters = new Counters(conn);
  }

  async draftCards(): Promise<DraftCard[]> {
    return mongoStep(WHAT, async () => (await this.cardsModel.find().sort({ _id: 1 }).lean()).map(toDraft));
  }

  async draftCard(id: string): Promise<DraftCard | undefined> {
    return mongoStep(WHAT, async () => {
      const d = await this.cardsModel.findById(String(id)).lean();
      return d ? toDraft(d) : undefined;
    });
  }

  async saveDraftCard(d: DraftCard): Promise<void> {
    await mongoStep(WHAT, () => this.cardsModel.updateOne(
      { _id: String(d.card.id) },
      { $set: { card: JSON.stringify(d.card), status: d.status, updatedBy: d.updatedBy, updatedAt: d.updatedAt } },
      { upsert: true, runValidators: true },
    ));
  }

  async createVersion(v: { createdBy: string; createdAt: number; note: string; hash: string; cards: readonly KnowledgeCard[] }): Promise<KnowledgeVersion> {
    return mongoStep(WHAT, async () => {
      const doc: KnowledgeVersionDoc = {
        _id: randomUUID(), number: await this.counters.next('knowledge_version'), createdBy: v.createdBy, createdAt: v.createdAt,
        note: v.note, hash: v.hash, cardCount: v.cards.length, cards: JSON.stringify(v.cards),
      };
      await this.versionsModel.create(doc);
      return toVersion(doc);
    });
  }

  async versions(): Promise<KnowledgeVersion[]> {
    return mongoStep(WHAT, async () => (await this.versionsModel.find({}, NO_CARDS).sort({ number: -1 }).lean()).map(toVersion));
  }

  async version(id: string): Promise<KnowledgeVersion | undefined> {
    return mongoStep(WHAT, async () => {
      const d = await this.versionsModel.findById(String(id), NO_CARDS).lean();
      return d ? toVersion(d) : undefined;
    });
  }

  async versionCards(id: string): Promise<KnowledgeCard[] | undefined> {
    return mongoStep(WHAT, async () => {
      const d = await this.versionsModel.findById(String(id), { cards: 1 }).lean();
      return d ? (JSON.parse(d.cards) as KnowledgeCard[]) : undefined;
    });
  }

  async setLive(versionId: string, by: string, at: number): Promise<void> {
    await mongoStep(WHAT, async () => {
      if (!(await this.versionsModel.exists({ _id: String(versionId) }))) {
        throw Object.assign(new Error(`No knowledge version ${versionId}`), { code: 'KNOWLEDGE_VERSION_UNKNOWN' });
      }
      await this.liveModel.updateOne({ _id: 'live' }, { $set: { versionId: String(versionId), publishedAt: at, publishedBy: by } }, { upsert: true, runValidators: true });
    });
  }

  async live(): Promise<KnowledgeLive | undefined> {
    return mongoStep(WHAT, async () => {
      const d = await this.liveModel.findById('live').lean();
      return d ? { versionId: d.versionId, publishedAt: d.publishedAt, publishedBy: d.publishedBy } : undefined;
    });
  }

  async seed(): Promise<{ hash: string; at: number } | undefined> {
    return mongoStep(WHAT, async () => {
      const d = await this.seedModel.findById('seed').lean();
      return d ? { hash: d.hash, at: d.at } : undefined;
    });
  }

  async recordSeed(hash: string, at: number): Promise<void> {
    await mongoStep(WHAT, () => this.seedModel.updateOne({ _id: 'seed' }, { $set: { hash, at } }, { upsert: true, runValidators: true }));
  }
}
