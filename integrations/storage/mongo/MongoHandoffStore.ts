import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import type {
  AgentDraft, AgentPresence, AgentPresenceStatus, CitizenSummary, HandoffEvent, HandoffEventKind, HandoffReason, HandoffRecord,
  HandoffStatus, HandoffStore, NewHandoff, SatisfactionRating,
} from '../handoffs';
import { Counters } from './counters';
import { isDuplicateKey, mongoStep } from './mongoErrors';

export interface HandoffDoc {
  _id: string; conversationKey: string; channelId: string; conversationId: string; reference: string; reason: HandoffReason;
  priority: number; status: HandoffStatus; open?: boolean; citizen: CitizenSummary; intents: string[]; locale: string; seq: number;
  createdAt: number; acceptedAt?: number; closedAt?: number; agentId?: string; outcome?: string; callbackRequested: boolean;
  /** Absent on handoffs stored before issue 18 (toRecord derives one from the reference). */
  citizenKey?: string; offeredTo?: string; offeredAt?: number; ratingAskedAt?: number;
  rating?: { score: number; comment?: string; at: number };
}
export interface HandoffEventDoc { _id: number; handoffId: string; kind: HandoffEventKind; agentId?: string; text?: string; at: number }
export interface AgentDraftDoc { agentId: string; handoffId: string; text: string; at: number }
export interface AgentPresenceDoc { _id: string; status: AgentPresenceStatus; since: number }

const ratingSchema = new Schema<NonNullable<HandoffDoc['rating']>>({
  score: { type: Number, required: true, min: 1, max: 5 },
  comment: { type: String, maxlength: 2_000 },
  at: { type: Number, required: true },
}, { _id: false, versionKey: false, strict: 'throw' });

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
  citizenKey: { type: String, maxlength: 400 },
  offeredTo: String,
  offeredAt: Number,
  ratingAskedAt: Number,
  rating: { type: ratingSchema, default: undefined },
}, { versionKey: false, strict: 'throw', strictQuery: 'throw' });
handoffSchema.index({ conversationKey: 1 }, { unique: true, partialFilterExpression: { open: true }, name: 'one_open_handoff_per_conversation' });
handoffSchema.index({ status: 1, priority: 1, createdAt: 1, seq: 1 });
handoffSchema.index({ conversationKey: 1, createdAt: -1 });
handoffSchema.index({ citizenKey: 1, createdAt: -1, seq: -1 });
handoffSchema.index({ createdAt: -1, seq: -1 });

export const handoffEventSchema = new Schema<HandoffEventDoc>({
  _id: { type: Number, required: true },
  handoffId: { type: String, required: true },
  kind: { type: String, required: true, enum: ['created', 'user', 'agent', 'note', 'accepted', 'transferred', 'ended', 'callback', 'offered', 'rated'] },
  agentId: String,
  text: { type: String, maxlength: 10_000 },
  at: { type: Number, required: true },
}, { versionKey: false, strict: 'throw', strictQuery: 'throw' });
handoffEventSchema.index({ handoffId: 1, _id: 1 });
handoffEventSchema.index({ kind: 1, at: 1 });

/** What an agent typed but did not send yet: one per agent and handoff. */
export const agentDraftSchema = new Schema<AgentDraftDoc>({
  agentId: { type: String, required: true },
  handoffId: { type: String, required: true },
  text: { type: String, required: true, maxlength: 10_000 },
  at: { type: Number, required: true },
}, { versionKey: false, strict: 'throw', strictQuery: 'throw' });
agentDraftSchema.index({ agentId: 1, handoffId: 1 }, { unique: true });
agentDraftSchema.index({ agentId: 1, at: -1 });

/** Each agent's availability (the _id is the agent id). */
export const agentPresenceSchema = new Schema<AgentPresenceDoc>({
  _id: { type: String, required: true },
  status: { type: String, required: true, enum: ['available', 'away'] },
  since: { type: Number, required: true },
}, { versionKey: false, strict: 'throw', strictQuery: 'throw' });

const ENDED: HandoffStatus[] = ['closed', 'cancelled', 'expired'];
/** Event kinds whose text search looks into: what the citizen and agents wrote, notes. */
const SEARCHED_EVENTS: HandoffEventKind[] = ['user', 'agent', 'note'];
const CITIZEN_FIELDS = ['citizen.label', 'citizen.name', 'citizen.idNumber', 'citizen.phone'];
const NO_OFFER = { offeredTo: 1, offeredAt: 1 } as const;

/** A handoff stored before issue 18 is keyed by its channel user, as the bot names it, else by its conversation. */
function legacyCitizenKey(d: HandoffDoc): string {
  let user: unknown;
  try {
    user = (JSON.parse(d.reference) as { user?: { id?: unknown } } | null)?.user?.id;
  } catch {
    user = undefined;
  }
  if (typeof user !== 'string') return `user:${d.conversationKey}`;
  return d.channelId === 'wechat' ? `user:wechat:${user}` : `user:botframework:${d.channelId}:${user}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const toRecord = (d: HandoffDoc): HandoffRecord => ({
  id: d._id, citizenKey: d.citizenKey ?? legacyCitizenKey(d), conversationKey: d.conversationKey, channelId: d.channelId, conversationId: d.conversationId, reference: d.reference,
  reason: d.reason, priority: d.priority, status: d.status, citizen: d.citizen, intents: d.intents, locale: d.locale,
  createdAt: d.createdAt, acceptedAt: d.acceptedAt, closedAt: d.closedAt, agentId: d.agentId, outcome: d.outcome, callbackRequested: d.callbackRequested,
  ...(d.offeredTo !== undefined && d.offeredTo !== null ? { offeredTo: d.offeredTo, offeredAt: d.offeredAt } : {}),
  ...(d.ratingAskedAt !== undefined && d.ratingAskedAt !== null ? { ratingAskedAt: d.ratingAskedAt } : {}),
  ...(d.rating ? {
    rating: { score: d.rating.score as SatisfactionRating['score'], ...(d.rating.comment !== undefined ? { comment: d.rating.comment } : {}), at: d.rating.at },
  } : {}),
});
const toEvent = (d: HandoffEventDoc): HandoffEvent => ({ id: d._id, handoffId: d.handoffId, kind: d.kind, agentId: d.agentId, text: d.text, at: d.at });
const QUEUE_ORDER = { priority: 1, createdAt: 1, seq: 1 } as const;

/** The handoff queue in MongoDB: ownership changes are conditional updates, one open handoff per conversation by index. */
export class MongoHandoffStore implements HandoffStore {
  private readonly handoffs: Model<HandoffDoc>;
  private readonly events: Model<HandoffEventDoc>;
  private readonly drafts_: Model<AgentDraftDoc>;
  private readonly presence_: Model<AgentPresenceDoc>;
  private readonly counters: Counters;

  constructor(conn: Connection) {
    this.handoffs = conn.models.Handoff ?? conn.model<HandoffDoc>('Handoff', handoffSchema, 'handoffs');
    this.events = conn.models.HandoffEvent ?? conn.model<HandoffEventDoc>('HandoffEvent', handoffEventSchema, 'handoff_events');
    this.drafts_ = conn.models.AgentDraft ?? conn.model<AgentDraftDoc>('AgentDraft', agentDraftSchema, 'agent_drafts');
    this.presence_ = conn.models.AgentPresence ?? conn.model<AgentPresenceDoc>('AgentPresence', agentPresenceSchema, 'agent_presence');
    this.counters = new Counters(conn);
  }

  /**
   * Gives handoffs stored before citizen keys existed the key of their channel user (as the SQLite migration does),
   * so a returning citizen's history finds them. Run at start-up; a second run finds nothing to do. Returns how many.
   */
  async backfillCitizenKeys(batch = 500): Promise<number> {
    return mongoStep('Handoffs', async () => {
      let done = 0;
      for (;;) {
        const legacy = await this.handoffs.find({ citizenKey: { $exists: false } }, { reference: 1, channelId: 1, conversationKey: 1 }).limit(batch).lean();
        if (!legacy.length) return done;
        await this.handoffs.bulkWrite(legacy.map((d) => ({
          updateOne: { filter: { _id: d._id, citizenKey: { $exists: false } }, update: { $set: { citizenKey: legacyCitizenKey(d as HandoffDoc) } } },
        })));
        done += legacy.length;
      }
    });
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
      (await this.handoffs.updateOne({ _id: String(id), status: 'waiting' }, { $set: { status: 'active', agentId, acceptedAt: now }, $unset: NO_OFFER })).modifiedCount === 1);
  }

  async transfer(id: string, fromAgentId: string, toAgentId: string): Promise<boolean> {
    return mongoStep('Handoffs', async () =>
      (await this.handoffs.updateOne({ _id: String(id), status: 'active', agentId: fromAgentId }, { $set: { agentId: toAgentId } })).modifiedCount === 1);
  }

  async finish(id: string, from: readonly HandoffStatus[], status: 'closed' | 'cancelled' | 'expired', outcome: string, now: number): Promise<boolean> {
    if (!from.length) return false;
    return mongoStep('Handoffs', async () => (await this.handoffs.updateOne(
      { _id: String(id), status: { $in: [...from] } }, { $set: { status, outcome, closedAt: now }, $unset: { open: 1, ...NO_OFFER } },
    )).modifiedCount === 1);
  }

  async expireWaiting(before: number, now: number): Promise<HandoffRecord[]> {
    return mongoStep('Handoffs', async () => {
      const expired: HandoffRecord[] = [];
      // One document at a time, each claimed by a conditional update: every record is returned by one caller only.
      for (const d of await this.handoffs.find({ status: 'waiting', createdAt: { $lt: before } }, { _id: 1 }).lean()) {
        const claimed = await this.handoffs.findOneAndUpdate(
          { _id: d._id, status: 'waiting' }, { $set: { status: 'expired', outcome: 'timeout', closedAt: now }, $unset: { open: 1, ...NO_OFFER } }, { new: true },
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

  async offer(id: string, agentId: string | null, now: number, expected?: string | null): Promise<boolean> {
    const filter: Record<string, unknown> = { _id: String(id), status: 'waiting' };
    // `offeredTo: null` matches a handoff not offered to anyone (the field absent).
    if (expected !== undefined) filter.offeredTo = expected === null ? null : String(expected);
    const update = agentId === null ? { $unset: NO_OFFER } : { $set: { offeredTo: String(agentId), offeredAt: now } };
    // Matched, not modified: offering again to the same agent, or withdrawing no offer, still succeeds (as in SQLite).
    return mongoStep('Handoffs', async () => (await this.handoffs.updateOne(filter, update)).matchedCount === 1);
  }

  async history(citizenKey: string, limit: number): Promise<HandoffRecord[]> {
    if (limit <= 0) return []; // MongoDB reads limit(0) as "no limit"; the port means none.
    return mongoStep('Handoffs', async () =>
      (await this.handoffs.find({ citizenKey: String(citizenKey) }).sort({ createdAt: -1, seq: -1 }).limit(limit).lean()).map(toRecord));
  }

  async search(q: { text?: string; from?: number; to?: number; limit: number }): Promise<HandoffRecord[]> {
    if (q.limit <= 0) return [];
    return mongoStep('Handoffs', async () => {
      const created: Record<string, number> = {};
      if (q.from !== undefined) created.$gte = Number(q.from);
      if (q.to !== undefined) created.$lt = Number(q.to);
      const filter: Record<string, unknown> = Object.keys(created).length ? { createdAt: created } : {};
      const text = q.text?.trim();
      if (text) {
        const pattern = new RegExp(escapeRegExp(text), 'i');
        // An event is never older than its handoff: the lower date bound narrows the events too.
        const said = await this.events.distinct('handoffId', {
          kind: { $in: SEARCHED_EVENTS }, text: pattern, ...(q.from !== undefined ? { at: { $gte: Number(q.from) } } : {}),
        });
        filter.$or = [...CITIZEN_FIELDS.map((f) => ({ [f]: pattern })), { _id: { $in: said.map(String) } }];
      }
      return (await this.handoffs.find(filter).sort({ createdAt: -1, seq: -1 }).limit(q.limit).lean()).map(toRecord);
    });
  }

  async between(from: number, to: number): Promise<HandoffRecord[]> {
    return mongoStep('Handoffs', async () =>
      (await this.handoffs.find({ createdAt: { $gte: Number(from), $lt: Number(to) } }).sort({ createdAt: 1, seq: 1 }).lean()).map(toRecord));
  }

  async askRating(id: string, now: number): Promise<boolean> {
    return mongoStep('Handoffs', async () => (await this.handoffs.updateOne(
      { _id: String(id), status: { $in: ENDED }, ratingAskedAt: { $exists: false } }, { $set: { ratingAskedAt: now } },
    )).modifiedCount === 1);
  }

  async rate(id: string, score: SatisfactionRating['score'], now: number): Promise<boolean> {
    if (!Number.isInteger(score) || score < 1 || score > 5) throw new RangeError(`Handoffs: a rating is 1 to 5, got ${score}.`);
    return mongoStep('Handoffs', async () => (await this.handoffs.updateOne(
      { _id: String(id), ratingAskedAt: { $exists: true }, rating: { $exists: false } }, { $set: { rating: { score, at: now } } },
    )).modifiedCount === 1);
  }

  async commentRating(id: string, comment: string): Promise<boolean> {
    return mongoStep('Handoffs', async () => (await this.handoffs.updateOne(
      { _id: String(id), 'rating.score': { $exists: true }, 'rating.comment': { $exists: false } }, { $set: { 'rating.comment': String(comment) } },
    )).modifiedCount === 1);
  }

  async saveDraft(agentId: string, handoffId: string, text: string, now: number): Promise<void> {
    const key = { agentId: String(agentId), handoffId: String(handoffId) };
    await mongoStep('Agent drafts', async () => {
      if (!text) {
        await this.drafts_.deleteOne(key);
        return;
      }
      const save = () => this.drafts_.updateOne(key, { $set: { text: String(text), at: now } }, { upsert: true });
      // Two first saves at once: one inserts, the other hits the unique index and then updates.
      await save().catch((err: unknown) => {
        if (!isDuplicateKey(err)) throw err;
        return save();
      });
    });
  }

  async drafts(agentId: string): Promise<AgentDraft[]> {
    return mongoStep('Agent drafts', async () => (await this.drafts_.find({ agentId: String(agentId) }).sort({ at: -1, _id: -1 }).lean())
      .map((d) => ({ handoffId: d.handoffId, text: d.text, at: d.at })));
  }

  async setPresence(agentId: string, status: AgentPresenceStatus, now: number): Promise<void> {
    const save = () => this.presence_.updateOne({ _id: String(agentId) }, { $set: { status, since: now } }, { upsert: true });
    await mongoStep('Agent presence', async () => {
      await save().catch((err: unknown) => {
        if (!isDuplicateKey(err)) throw err;
        return save();
      });
    });
  }

  async presence(): Promise<AgentPresence[]> {
    return mongoStep('Agent presence', async () => (await this.presence_.find({}).sort({ _id: 1 }).lean())
      .map((d) => ({ agentId: d._id, status: d.status, since: d.since })));
  }
}
