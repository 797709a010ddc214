import { Schema, type Connection, type Model } from 'mongoose';
import type { SharedToken, SharedTokens } from '../sharedTokens';
import { isDuplicateKey, mongoStep } from './mongoErrors';

export interface TokenDoc { _id: string; value?: string | null; expiresAt?: number | null; leaseHolder?: string | null; leaseUntil: number }

export const tokenSchema = new Schema<TokenDoc>({
  _id: { type: String, required: true },
  value: { type: String },
  expiresAt: { type: Number },
  leaseHolder: { type: String },
  leaseUntil: { type: Number, required: true, default: 0 },
}, { versionKey: false, strict: 'throw', strictQuery: 'throw' });

/** Shared access tokens in MongoDB; the refresh lease is one conditional findOneAndUpdate. */
export class MongoSharedTokens implements SharedTokens {
  private readonly model: Model<TokenDoc>;

  constructor(conn: Connection) {
    this.model = conn.models.SharedToken ?? conn.model<TokenDoc>('SharedToken', tokenSchema, 'shared_tokens');
  }

  async read(name: string): Promise<SharedToken | undefined> {
    return mongoStep('Shared tokens', async () => {
      const d = await this.model.findById(String(name)).lean();
      return d ? { name: d._id, value: d.value ?? undefined, expiresAt: d.expiresAt ?? undefined } : undefined;
    });
  }

  async tryLease(name: string, holder: string, now: number, leaseMs: number): Promise<boolean> {
    return mongoStep('Shared tokens', async () => {
      try {
        const d = await this.model.findOneAndUpdate(
          { _id: String(name), $or: [{ leaseUntil: { $lte: now } }, { leaseHolder: holder }] },
          { $set: { leaseHolder: holder, leaseUntil: now + leaseMs } },
          { upsert: true, new: true },
        ).lean();
        return d?.leaseHolder === holder;
      } catch (err) {
        // The document exists and someone else holds the lease: the upsert collided with it.
        if (isDuplicateKey(err)) return false;
        throw err;
      }
    });
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await mongoStep('Shared tokens', () => this.model.updateOne({ _id: String(name), leaseHolder: holder }, { $set: { leaseHolder: null, leaseUntil: 0 } }));
  }

  async save(name: string, value: string, expiresAt: number): Promise<void> {
    await mongoStep('Shared tokens', () => this.model.updateOne({ _id: String(name) }, { $set: { value, expiresAt, leaseHolder: null, leaseUntil: 0 } }, { upsert: true }));
  }

  async invalidate(name: string, value: string): Promise<void> {
    await mongoStep('Shared tokens', () => this.model.updateOne({ _id: String(name), value }, { $set: { value: null, expiresAt: null } }));
  }
}
