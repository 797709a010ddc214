import { Schema, type Connection, type Model } from 'mongoose';
import { maskPii } from '../../privacy/maskPii';
import type { InboxItem, InboxStatus, InboxStore, MisunderstoodMessage } from '../training';
import { Counters } from './counters';
import { mongoStep } from './mongoErrors';

export interface InboxDoc {
  _id: number; text: string; locale: string; intent: string; score: number; createdAt: number; status: InboxStatus;
  filedIntent?: string; handledBy?: string; handledAt?: number; botAsked?: string;
}

export const inboxSchema = new Schema<InboxDoc>({
  _id: { type: Number, required: true },
  text: { type: String, required: true, maxlength: 500 },
  locale: { type: String, required: true },
  intent: { type: String, required: true },
  score: { type: Number, required: true },
  createdAt: { type: Number, required: true },
  status: { type: String, required: true, enum: ['new', 'filed', 'out_of_scope', 'ignored'], default: 'new' },
  filedIntent: String,
  handledBy: String,
  handledAt: Number,
  botAsked: { type: String, maxlength: 500 },
}, { versionKey: false, strict: 'throw', strictQuery: 'throw' });
inboxSchema.index({ status: 1, _id: -1 });

/** The misunderstood inbox in MongoDB; texts are masked before they are written. */
export class MongoInboxStore implements InboxStore {
  private readonly model: Model<InboxDoc>;
  private readonly counters: Counters;

  constructor(conn: Connection, private readonly onError: (err: unknown) => void = () => undefined) {
    this.model = conn.models.NluInbox ?? conn.model<InboxDoc>('NluInbox', inboxSchema, 'nlu_inbox');
    this.counters = new Counters(conn);
  }

  async record(item: MisunderstoodMessage): Promise<void> {
    try {
      const text = maskPii(item.text.trim()).slice(0, 500);
      if (!text) return;
      const botAsked = item.botAsked?.trim() ? maskPii(item.botAsked.trim()).slice(0, 500) : undefined;
      await this.model.create({
        _id: await this.counters.next('inbox'), text, locale: item.locale, intent: item.intent, score: item.score, createdAt: item.at, status: 'new', ...(botAsked ? { botAsked } : {}),
      });
    } catch (err) {
      this.onError(err);
    }
  }

  async open(limit: number): Promise<InboxItem[]> {
    if (limit <= 0) return []; // MongoDB reads limit(0) as "no limit"; the port means none.
    return mongoStep('Inbox', async () => (await this.model.find({ status: 'new' }).sort({ _id: -1 }).limit(limit).lean()).map(toItem));
  }

  async item(id: number): Promise<InboxItem | undefined> {
    return mongoStep('Inbox', async () => {
      const d = await this.model.findById(Number(id)).lean();
      return d ? toItem(d) : undefined;
    });
  }

  async resolve(id: number, status: Exclude<InboxStatus, 'new'>, by: string, at: number, intent?: string): Promise<boolean> {
    return mongoStep('Inbox', async () => (await this.model.updateOne(
      { _id: Number(id), status: 'new' }, { $set: { status, filedIntent: intent, handledBy: by, handledAt: at } },
    )).modifiedCount === 1);
  }
}

function toItem(d: InboxDoc): InboxItem {
  return { id: d._id, text: d.text, locale: d.locale, intent: d.intent, score: d.score, createdAt: d.createdAt, status: d.status, ...(d.botAsked ? { botAsked: d.botAsked } : {}) };
}
