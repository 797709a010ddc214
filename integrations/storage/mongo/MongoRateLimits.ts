import { Schema, type Connection, type Model } from 'mongoose';
import type { RateDecision, RateLimits } from '../rateLimits';
import { mongoStep } from './mongoErrors';

export interface RateDoc { _id: string; windowStart: number; count: number; expiresAt: Date }

export const rateSchema = new Schema<RateDoc>({
  _id: { type: String, required: true },
  windowStart: { type: Number, required: true },
  count: { type: Number, required: true },
  expiresAt: { type: Date, required: true },
}, { versionKey: false, strict: 'throw', strictQuery: 'throw' });
rateSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

/** Fixed-window counters in MongoDB: one atomic pipeline update per hit (resets when the window changed). */
export class MongoRateLimits implements RateLimits {
  private readonly model: Model<RateDoc>;

  constructor(conn: Connection) {
    this.model = conn.models.RateLimit ?? conn.model<RateDoc>('RateLimit', rateSchema, 'rate_limits');
  }

  async refund(key: string, now: number, windowMs: number): Promise<void> {
    const windowStart = now - (now % windowMs);
    await mongoStep('Rate limits', () => this.model.updateOne({ _id: String(key), windowStart, count: { $gt: 0 } }, { $inc: { count: -1 } }));
  }

  async hit(key: string, now: number, windowMs: number, limit: number): Promise<RateDecision> {
    const windowStart = now - (now % windowMs);
    const doc = await mongoStep('Rate limits', () => this.model.findOneAndUpdate(
      { _id: String(key) },
      [{ $set: {
        count: { $cond: [{ $eq: ['$windowStart', windowStart] }, { $add: [{ $ifNull: ['$count', 0] }, 1] }, 1] },
        windowStart,
        expiresAt: new Date(windowStart + 2 * windowMs),
      } }],
      { upsert: true, new: true },
    ).lean());
    const count = doc?.count ?? 1;
    return { allowed: count <= limit, count, retryAfterMs: windowStart + windowMs - now };
  }
}
