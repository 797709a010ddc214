import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import { NOTICE_STATUSES, type Consent, type ConsentState, type NewNotice, type NoticeCounts, type NoticeJob, type NoticeOutcome, type NoticeStatus, type NoticeStore, type NoticeTopic } from '../notices';
import { isDuplicateKey, mongoStep } from './mongoErrors';

export interface NoticeConsentDoc { citizen: string; topic: string; state: ConsentState; reason?: string; updatedAt: number }
export interface NoticeJobDoc {
  _id: string; key: string; citizen: string; topic: string; dueAt: number; payload: string; status: NoticeStatus; attempts: number;
  leaseOwner?: string; leaseUntil?: number; notBefore?: number; lastError?: string; createdAt: number; sentAt?: number;
}

/** A feed reader's cursor; its name is the _id, so there is one per reader. */
export interface NoticeCursorDoc { _id: string; value: string; updatedAt: number }

export const noticeConsentSchema = new Schema<NoticeConsentDoc>({
  citizen: { type: String, required: true, maxlength: 200 },
  topic: { type: String, required: true, maxlength: 100 },
  state: { type: String, required: true, enum: ['granted', 'revoked', 'refused'] },
  reason: String,
  updatedAt: { type: Number, required: true },
}, { versionKey: false, strict: 'throw', strictQuery: 'throw' });
noticeConsentSchema.index({ citizen: 1, topic: 1 }, { unique: true, name: 'one_consent_per_citizen_and_topic' });
noticeConsentSchema.index({ topic: 1, state: 1, citizen: 1 });

// The payload is kept as JSON (its fields are the template's, not the schema's).
export const noticeJobSchema = new Schema<NoticeJobDoc>({
  _id: { type: String, required: true },
  key: { type: String, required: true, maxlength: 400 },
  citizen: { type: String, required: true, maxlength: 200 },
  topic: { type: String, required: true, maxlength: 100 },
  dueAt: { type: Number, required: true },
  payload: { type: String, required: true },
  status: { type: String, required: true, enum: [...NOTICE_STATUSES] },
  attempts: { type: Number, required: true, min: 0 },
  leaseOwner: String,
  leaseUntil: Number,
  notBefore: Number,
  lastError: String,
  createdAt: { type: Number, required: true },
  sentAt: Number,
}, { versionKey: false, strict: 'throw', strictQuery: 'throw' });
noticeJobSchema.index({ key: 1 }, { unique: true, name: 'one_job_per_key' });
// The claim order after the status: each branch of the claim's $or is read in order from it and merged, so a claim
// stops at the first eligible job instead of sorting every due one.
noticeJobSchema.index({ status: 1, dueAt: 1, createdAt: 1, _id: 1 });
noticeJobSchema.index({ citizen: 1, dueAt: -1 });

export const noticeCursorSchema = new Schema<NoticeCursorDoc>({
  _id: { type: String, required: true, maxlength: 200 },
  value: { type: String, required: true },
  updatedAt: { type: Number, required: true },
}, { versionKey: false, strict: 'throw', strictQuery: 'throw' });

const toConsent = (d: NoticeConsentDoc): Consent => ({ citizen: d.citizen, topic: d.topic, state: d.state, reason: d.reason ?? undefined, updatedAt: d.updatedAt });
const toJob = (d: NoticeJobDoc): NoticeJob => ({
  id: d._id, key: d.key, citizen: d.citizen, topic: d.topic, dueAt: d.dueAt, payload: JSON.parse(d.payload) as Record<string, unknown>,
  status: d.status, attempts: d.attempts, leaseOwner: d.leaseOwner ?? undefined, leaseUntil: d.leaseUntil ?? undefined,
  notBefore: d.notBefore ?? undefined, lastError: d.lastError ?? undefined, createdAt: d.createdAt, sentAt: d.sentAt ?? undefined,
});
/** Oldest due first; createdAt and _id break ties so every claimer sees the same order. */
const CLAIM_ORDER = { dueAt: 1, createdAt: 1, _id: 1 } as const;
const NO_LEASE = { leaseOwner: 1, leaseUntil: 1 } as const;
const WHAT = 'Notices';

/** Runs an upsert; two first writes at once both insert and one loses to the unique index: it is then an update. */
async function upsert(write: () => Promise<unknown>): Promise<void> {
  await mongoStep(WHAT, async () => {
    try {
      await write();
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      await write();
    }
  });
}

/** Consent per citizen and topic, notice jobs and event-feed cursors in MongoDB; each claimed job is one atomic findOneAndUpdate, so two claimers never get the same job. */
export class MongoNoticeStore implements NoticeStore {
  private readonly consentsModel: Model<NoticeConsentDoc>;
  private readonly jobsModel: Model<NoticeJobDoc>;
  private readonly cursorsModel: Model<NoticeCursorDoc>;

  constructor(conn: Connection) {
    this.consentsModel = conn.models.NoticeConsent ?? conn.model<NoticeConsentDoc>('NoticeConsent', noticeConsentSchema, 'notice_consents');
    this.jobsModel = conn.models.NoticeJob ?? conn.model<NoticeJobDoc>('NoticeJob', noticeJobSchema, 'notice_jobs');
    this.cursorsModel = conn.models.NoticeCursor ?? conn.model<NoticeCursorDoc>('NoticeCursor', noticeCursorSchema, 'notice_cursors');
  }

  async consents(citizen: string): Promise<Consent[]> {
    return mongoStep(WHAT, async () => (await this.consentsModel.find({ citizen: String(citizen) }).sort({ topic: 1 }).lean()).map(toConsent));
  }

  async consent(citizen: string, topic: NoticeTopic): Promise<Consent | undefined> {
    return mongoStep(WHAT, async () => {
      const d = await this.consentsModel.findOne({ citizen: String(citizen), topic: String(topic) }).lean();
      return d ? toConsent(d) : undefined;
    });
  }

  async setConsent(c: Consent): Promise<void> {
    const write = (): Promise<unknown> => this.consentsModel.updateOne(
      { citizen: String(c.citizen), topic: String(c.topic) },
      c.reason === undefined
        ? { $set: { state: c.state, updatedAt: c.updatedAt }, $unset: { reason: 1 } }
        : { $set: { state: c.state, reason: c.reason, updatedAt: c.updatedAt } },
      { upsert: true, runValidators: true },
    );
    await upsert(write);
  }

  async grantedFor(topic: NoticeTopic, limit: number, after?: string): Promise<string[]> {
    return mongoStep(WHAT, async () => (await this.consentsModel
      .find({ topic: String(topic), state: 'granted', citizen: { $gt: String(after ?? '') } }, { citizen: 1 })
      .sort({ citizen: 1 }).limit(limit).lean()).map((d) => d.citizen));
  }

  async enqueue(job: NewNotice): Promise<{ created: boolean; id: string }> {
    return mongoStep(WHAT, async () => {
      const id = randomUUID();
      try {
        await this.jobsModel.create({
          _id: id, key: job.key, citizen: job.citizen, topic: job.topic, dueAt: job.dueAt, payload: JSON.stringify(job.payload),
          status: 'pending', attempts: 0, createdAt: job.createdAt,
        });
        return { created: true, id };
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        // Jobs are never deleted, so the one holding the key is still there.
        const existing = await this.jobsModel.findOne({ key: String(job.key) }, { _id: 1 }).lean();
        if (!existing) throw err;
        return { created: false, id: existing._id };
      }
    });
  }

  async claim(owner: string, now: number, leaseMs: number, limit: number, leaseNow: number = now): Promise<NoticeJob[]> {
    return mongoStep(WHAT, async () => {
      const claimed: NoticeJob[] = [];
      // One job per findOneAndUpdate: each is atomic on its document, so a job another claimer just took no longer matches.
      while (claimed.length < limit) {
        const d = await this.jobsModel.findOneAndUpdate(
          {
            dueAt: { $lte: now },
            $or: [{ status: 'pending', notBefore: { $not: { $gt: now } } }, { status: 'sending', leaseUntil: { $lte: leaseNow } }],
          },
          { $set: { status: 'sending', leaseOwner: String(owner), leaseUntil: leaseNow + leaseMs }, $inc: { attempts: 1 } },
          { sort: CLAIM_ORDER, new: true },
        ).lean();
        if (!d) break;
        claimed.push(toJob(d));
      }
      return claimed;
    });
  }

  async markSent(id: string, _owner: string, at: number): Promise<boolean> {
    // Not fenced by the lease: WeChat accepted it, whoever holds the job now (see the port).
    return mongoStep(WHAT, async () => {
      const r = await this.jobsModel.updateOne({ _id: String(id), status: { $ne: 'sent' } }, { $set: { status: 'sent', sentAt: at }, $unset: { ...NO_LEASE, notBefore: 1 } });
      return r.modifiedCount === 1;
    });
  }

  async markFailed(id: string, owner: string, error: string, retryAt?: number): Promise<boolean> {
    return this.finish(id, owner, retryAt === undefined
      ? { $set: { status: 'failed', lastError: error }, $unset: NO_LEASE }
      : { $set: { status: 'pending', lastError: error, notBefore: retryAt }, $unset: NO_LEASE });
  }

  async markSkipped(id: string, owner: string, reason: string): Promise<boolean> {
    return this.finish(id, owner, { $set: { status: 'skipped', lastError: reason }, $unset: NO_LEASE });
  }

  async defer(id: string, owner: string, notBefore: number, note: string): Promise<boolean> {
    // The claim counted an attempt (so a held job has at least one); this one was not made, so it is given back.
    return this.finish(id, owner, { $set: { status: 'pending', notBefore, lastError: note }, $inc: { attempts: -1 }, $unset: NO_LEASE });
  }

  /** Only the lease holder may finish a job: a process whose lease expired and was taken over is fenced off. */
  private async finish(id: string, owner: string, update: object): Promise<boolean> {
    return mongoStep(WHAT, async () => {
      const r = await this.jobsModel.updateOne({ _id: String(id), leaseOwner: String(owner), status: 'sending' }, update);
      return r.modifiedCount === 1;
    });
  }

  async job(id: string): Promise<NoticeJob | undefined> {
    return mongoStep(WHAT, async () => {
      const d = await this.jobsModel.findById(String(id)).lean();
      return d ? toJob(d) : undefined;
    });
  }

  async jobByKey(key: string): Promise<NoticeJob | undefined> {
    return mongoStep(WHAT, async () => {
      const d = await this.jobsModel.findOne({ key: String(key) }).lean();
      return d ? toJob(d) : undefined;
    });
  }

  async jobsOf(citizen: string, limit: number): Promise<NoticeJob[]> {
    return mongoStep(WHAT, async () => (await this.jobsModel.find({ citizen: String(citizen) })
      .sort({ dueAt: -1, createdAt: -1, _id: -1 }).limit(limit).lean()).map(toJob));
  }

  async failedJobs(limit: number): Promise<NoticeJob[]> {
    return mongoStep(WHAT, async () => (await this.jobsModel.find({ status: 'failed' }).sort({ dueAt: -1, _id: -1 }).limit(limit).lean()).map(toJob));
  }

  async counts(): Promise<NoticeCounts[]> {
    return mongoStep(WHAT, async () => {
      const rows = await this.jobsModel.aggregate<{ _id: { topic: string; status: NoticeStatus }; n: number }>([
        { $group: { _id: { topic: '$topic', status: '$status' }, n: { $sum: 1 } } },
        { $sort: { '_id.topic': 1, '_id.status': 1 } },
      ]);
      return rows.map((r) => ({ topic: r._id.topic, status: r._id.status, n: r.n }));
    });
  }

  async outcomes(from: number, to: number): Promise<NoticeOutcome[]> {
    return mongoStep(WHAT, async () => {
      const [sent, failed] = await Promise.all([
        this.jobsModel.find({ status: 'sent', sentAt: { $gte: Number(from), $lt: Number(to) } }, { topic: 1, sentAt: 1 }).lean(),
        this.jobsModel.find({ status: 'failed', dueAt: { $gte: Number(from), $lt: Number(to) } }, { topic: 1, dueAt: 1 }).lean(),
      ]);
      return [
        ...sent.map((d) => ({ topic: d.topic, outcome: 'sent' as const, at: d.sentAt ?? 0 })),
        ...failed.map((d) => ({ topic: d.topic, outcome: 'failed' as const, at: d.dueAt })),
      ].sort((a, b) => a.at - b.at || a.topic.localeCompare(b.topic));
    });
  }

  async sentSince(citizen: string, since: number): Promise<number> {
    return mongoStep(WHAT, () => this.jobsModel.countDocuments({ citizen: String(citizen), status: 'sent', sentAt: { $gte: since } }));
  }

  async restore(j: NoticeJob): Promise<boolean> {
    return mongoStep(WHAT, async () => {
      try {
        await this.jobsModel.create({
          _id: j.id, key: j.key, citizen: j.citizen, topic: j.topic, dueAt: j.dueAt, payload: JSON.stringify(j.payload), status: j.status,
          attempts: j.attempts, leaseOwner: j.leaseOwner, leaseUntil: j.leaseUntil, notBefore: j.notBefore, lastError: j.lastError,
          createdAt: j.createdAt, sentAt: j.sentAt,
        });
        return true;
      } catch (err) {
        if (isDuplicateKey(err)) return false;
        throw err;
      }
    });
  }

  async cursor(name: string): Promise<string | undefined> {
    return mongoStep(WHAT, async () => (await this.cursorsModel.findById(String(name), { value: 1 }).lean())?.value);
  }

  async saveCursor(name: string, value: string, at: number): Promise<void> {
    const write = (): Promise<unknown> => this.cursorsModel.updateOne(
      { _id: String(name) }, { $set: { value: String(value), updatedAt: at } }, { upsert: true, runValidators: true },
    );
    await upsert(write);
  }
}
