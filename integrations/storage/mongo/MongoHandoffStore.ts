import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import type {
  CitizenSummary, HandoffEvent, HandoffEventKind, HandoffReason, HandoffRecord, HandoffStatus, HandoffStore, NewHandoff,
} from '../handoffs';
import { Counters } from './counters';
import { isDuplicateKey, mongoStep } from './mongoErrors';

export interface HandoffDoc {
  _id: string; conversationKey: string; channelId: string; conversationId: string; reference: string; reason: HandoffReason;
  priority: number; status: HandoffStatus; open?: boolean; citizen: CitizenSummary; intents: string[]; locale: string; seq: number;
  createdAt: number; acceptedAt?: number; closedAt?: number; agentId?: string; outcome?: string; callbackRequested: boolean;
}
export interface HandoffEventDoc { _id: number; handoffId: string; kind: HandoffEventKind; agentId?: string; text?: string; at: number }

export const handoffSchema = new Schema<HandoffDoc>({
  _id: { type: String, required: true },
  conversationKey: { type: String, required: true, maxlength: 400 },
  channelId: { type: String, required: true },
  conversationId: { type: String, required: true },
  reference: { type: String, required: true },
  reason: { type: String, required: true, enum: ['requested', 'misunderstood', 'rule', 'platform_failure', 'complaint'] },
  priority: { type: Number, required: true, min: 0 },
  status: { type: String, required: true, enum: ['waiting', 'active', 'closed', 'cancelled', 'expired'] },
  // Present (true) only while waiting or active: the partial unique index allows one open handoff per conversation.
  open: { type: Boolean },
  citizen: { type: Schema.Types.Mixed, required: true },
  intents: { type: [String], required: true },
  locale: { type: String, required: true },
  seq: { type: Number, required: true },
  createdAt: { type: Number, required: true },
  acceptedAt: Number,
  closedAt: Number,
  agentId: String,
  outcome: String,
  callbackRequested: { type: Boolean, required: true, default: false },
}, { versionKey: false, strict: 'throw', strictQuery: 'throw' });
handoffSchema.index({ conversationKey: 1 }, { unique: true, partialFilterExpression: { open: true }, name: 'one_open_handoff_per_conversation' });
handoffSchema.index({ status: 1, priority: 1, createdAt: 1, seq: 1 });
handoffSchema.index({ conversationKey: 1, createdAt: -1 });

export const handoffEventSchema = new Schema<HandoffEventDoc>({
  _id: { type: Number, required: true },
  handoffId: { type: String, required: true },
  kind: { type: String, required: true, enum: ['created', 'user', 'agent', 'note', 'accepted', 'transferred', 'ended', 'callback'] },
  agentId: String,
  text: { type: String, maxlength: 10_000 },
  at: { type: Number, required: true },
}, { versionKey: false, strict: 'throw', strictQuery: 'throw' });
handoffEventSchema.index({ handoffId: 1, _id: 1 });

const toRecord = (d: HandoffDoc): HandoffRecord => ({
  id: d._id, conversationKey: d.conversationKey, channelId: d.channelId, conversationId: d.conversationId, reference: d.reference,
  reason: d.reason, priority: d.priority, status: d.status, citizen: d.citizen, intents: d.intents, locale: d.locale,
  createdAt: d.createdAt, acceptedAt: d.acceptedAt, closedAt: d.closedAt, agentId: d.agentId, outcome: d.outcome, callbackRequested: d.callbackRequested,
});
const toEvent = (d: HandoffEventDoc): HandoffEvent => ({ id: d._id, handoffId: d.handoffId, kind: d.kind, agentId: d.agentId, text: d.text, at: d.at });
const QUEUE_ORDER = { priority: 1, createdAt: 1, seq: 1 } as const;

/** The handoff queue in MongoDB: ownership changes are conditional updates, one open handoff per conversation by index. */
export class MongoHandoffStore implements HandoffStore {
  private readonly handoffs: Model<HandoffDoc>;
  private readonly events: Model<HandoffEventDoc>;
  private readonly counters: Counters;

  constructor(conn: Connection) {
    this.handoffs = conn.models.Handoff ?? conn.model<HandoffDoc>('Handoff', handoffSchema, 'handoffs');
    this.events = conn.models.HandoffEvent ?? conn.model<HandoffEventDoc>('HandoffEvent', handoffEventSchema, 'handoff_events');
    this.counters = new Counters(conn);
  }

  async create(input: NewHandoff, now: number): Promise<{ record: HandoffRecord; created: boolean }> {
    return mongoStep('Handoffs', async () => {
      const open = await this.openFor(input.conversationKey);
      if (open) return { record: open, created: false };
      const doc: HandoffDoc = {
        _id: randomUUID(), ...input, intents: [...input.intents], priority: input.reason === 'complaint' ? 0 : 1, status: 'waiting', open: true,
        seq: await this.counters.next('handoff'), createdAt: now, callbackRequested: false,
      };
      try {
        await this.handoffs.create(doc);
        return { record: toRecord(doc), created: true };
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        const raced = await this.openFor(input.conversationKey);
        if (!raced) throw err;
        return { record: raced, created: false };
      }
    });
  }

  private async one(filter: Record<string, unknown>, sort?: Record<string, 1 | -1>): Promise<HandoffRecord | undefined> {
    return mongoStep('Handoffs', async () => {
      const d = await this.handoffs.findOne(filter).sort(sort ?? {}).lean();
      return d ? toRecord(d) : undefined;
    });
  }

  get(id: string): Promise<HandoffRecord | undefined> {
    return this.one({ _id: String(id) });
  }

  openFor(conversationKey: string): Promise<HandoffRecord | undefined> {
    return this.one({ conversationKey: String(conversationKey), open: true });
  }

  latestFor(conversationKey: string): Promise<HandoffRecord | undefined> {
    return this.one({ conversationKey: String(conversationKey) }, { createdAt: -1, seq: -1 });
  }

  async waiting(): Promise<HandoffRecord[]> {
    return mongoStep('Handoffs', async () => (await this.handoffs.find({ status: 'waiting' }).sort(QUEUE_ORDER).lean()).map(toRecord));
  }

  async active(): Promise<HandoffRecord[]> {
    return mongoStep('Handoffs', async () => (await this.handoffs.find({ status: 'active' }).sort({ acceptedAt: 1, seq: 1 }).lean()).map(toRecord));
  }

  async callbacks(limit: number): Promise<HandoffRecord[]> {
    if (limit <= 0) return []; // MongoDB reads limit(0) as "no limit"; the port means none.
    return mongoStep('Handoffs', async () => (await this.handoffs.find({ status: 'expired', callbackRequested: true }).sort({ closedAt: -1 }).limit(limit).lean()).map(toRecord));
  }

  async position(id: string): Promise<number> {
    return mongoStep('Handoffs', async () => {
      const me = await this.handoffs.findOne({ _id: String(id), status: 'waiting' }).lean();
      if (!me) return 0;
      return this.handoffs.countDocuments({
        status: 'waiting',
        $or: [
          { priority: { $lt: me.priority } },
          { priority: me.priority, createdAt: { $lt: me.createdAt } },
          { priority: me.priority, createdAt: me.createdAt, seq: { $lt: me.seq } },
        ],
      });
    });
  }

  async accept(id: string, agentId: string, now: number): Promise<boolean> {
    return mongoStep('Handoffs', async () =>
      (await this.handoffs.updateOne({ _id: String(id), status: 'waiting' }, { $set: { status: 'active', agentId, acceptedAt: now } })).modifiedCount === 1);
  }

  async transfer(id: string, fromAgentId: string, toAgentId: string): Promise<boolean> {
    return mongoStep('Handoffs', async () =>
      (await this.handoffs.updateOne({ _id: String(id), status: 'active', agentId: fromAgentId }, { $set: { agentId: toAgentId } })).modifiedCount === 1);
  }

  async finish(id: string, from: readonly HandoffStatus[], status: 'closed' | 'cancelled' | 'expired', outcome: string, now: number): Promise<boolean> {
    if (!from.length) return false;
    return mongoStep('Handoffs', async () => (await this.handoffs.updateOne(
      { _id: String(id), status: { $in: [...from] } }, { $set: { status, outcome, closedAt: now }, $unset: { open: 1 } },
    )).modifiedCount === 1);
  }

  async expireWaiting(before: number, now: number): Promise<HandoffRecord[]> {
    return mongoStep('Handoffs', async () => {
      const expired: HandoffRecord[] = [];
      // One document at a time, each claimed by a conditional update: every record is returned by one caller only.
      for (const d of await this.handoffs.find({ status: 'waiting', createdAt: { $lt: before } }, { _id: 1 }).lean()) {
        const claimed = await this.handoffs.findOneAndUpdate(
          { _id: d._id, status: 'waiting' }, { $set: { status: 'expired', outcome: 'timeout', closedAt: now }, $unset: { open: 1 } }, { new: true },
        ).lean();
        if (claimed) expired.push(toRecord(claimed));
      }
      return expired;
    });
  }

  async requestCallback(id: string): Promise<boolean> {
    return mongoStep('Handoffs', async () => (await this.handoffs.updateOne(
      { _id: String(id), status: 'expired', callbackRequested: false }, { $set: { callbackRequested: true } },
    )).modifiedCount === 1);
  }

  async addEvent(event: Omit<HandoffEvent, 'id'>): Promise<HandoffEvent> {
    return mongoStep('Handoff events', async () => {
      const id = await this.counters.next('handoff_event');
      await this.events.create({ _id: id, ...event });
      return { ...event, id };
    });
  }

  async eventsAfter(afterId: number, limit: number): Promise<HandoffEvent[]> {
    if (limit <= 0) return []; // MongoDB reads limit(0) as "no limit"; the port means none.
    return mongoStep('Handoff events', async () => (await this.events.find({ _id: { $gt: Number(afterId) } }).sort({ _id: 1 }).limit(limit).lean()).map(toEvent));
  }

  async eventsOf(handoffId: string): Promise<HandoffEvent[]> {
    return mongoStep('Handoff events', async () => (await this.events.find({ handoffId: String(handoffId) }).sort({ _id: 1 }).lean()).map(toEvent));
  }

  async lastEventId(): Promise<number> {
    return mongoStep('Handoff events', () => this.counters.current('handoff_event'));
  }
}
