import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { FACT_KINDS, type ConversationFact, type ConversationFacts, type FactKind } from '../conversationFacts';
import { mongoStep } from './mongoErrors';

export interface FactDoc { _id: Types.ObjectId; at: number; channel: string; conversation: string; kind: FactKind; service?: string; step?: string; group?: string }

export const factSchema = new Schema<FactDoc>({
  at: { type: Number, required: true },
  channel: { type: String, required: true, maxlength: 100 },
  conversation: { type: String, required: true, maxlength: 100 },
  kind: { type: String, required: true, enum: FACT_KINDS },
  service: { type: String, maxlength: 100 },
  step: { type: String, maxlength: 100 },
  group: { type: String, maxlength: 100 },
}, { versionKey: false, strict: 'throw', strictQuery: 'throw' });
factSchema.index({ at: 1, _id: 1 });

const WHAT = 'Conversation facts';

function fromDoc(d: FactDoc): ConversationFact {
  return {
    at: d.at, channel: d.channel, conversation: d.conversation, kind: d.kind,
    ...(d.service != null ? { service: d.service } : {}), ...(d.step != null ? { step: d.step } : {}), ...(d.group != null ? { group: d.group } : {}),
  };
}

/** The conversation facts in MongoDB (collection conversation_facts): one document each, read by time. */
export class MongoConversationFacts implements ConversationFacts {
  private readonly model: Model<FactDoc>;

  constructor(conn: Connection) {
    this.model = (conn.models.ConversationFact as Model<FactDoc> | undefined) ?? conn.model<FactDoc>('ConversationFact', factSchema, 'conversation_facts');
  }

  async append(f: ConversationFact): Promise<void> {
    await mongoStep(WHAT, async () => {
      await this.model.create({ at: f.at, channel: String(f.channel), conversation: String(f.conversation), kind: f.kind, service: f.service, step: f.step, group: f.group });
    });
  }

  async between(from: number, to: number): Promise<ConversationFact[]> {
    return mongoStep(WHAT, async () => (await this.model.find({ at: { $gte: Number(from), $lt: Number(to) } }).sort({ at: 1, _id: 1 }).lean()).map(fromDoc));
  }

  async page(after: number, limit: number): Promise<ConversationFact[]> {
    if (limit <= 0) return [];
    return mongoStep(WHAT, async () => (await this.model.find({}).sort({ _id: 1 }).skip(after).limit(limit).lean()).map(fromDoc));
  }
}
