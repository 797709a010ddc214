import { Schema, type Connection, type Model } from 'mongoose';
import type { NonceCheck, WebhookNonces } from '../webhookNonces';
import { isDuplicateKey, mongoStep } from './mongoErrors';

export interface NonceDoc { _id: string; bodyHash: string; expiresAt: Date }

export const nonceSchema = new Schema<NonceDoc>({
  _id: { type: String, required: true },
  bodyHash: { type: String, required: true },
  expiresAt: { type: Date, required: true },
}, { versionKey: false, strict: 'throw', strictQuery: 'throw' });
// MongoDB deletes a record once its signature's window has closed (the TTL monitor runs about once a minute).
nonceSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

/**
 * Signed webhook requests in MongoDB: remembering one is an insert on the unique _id (atomic across processes);
 * a record that expired but was not yet deleted by the TTL monitor is replaced by one conditional update.
 */
export class MongoWebhookNonces implements WebhookNonces {
  private readonly model: Model<NonceDoc>;

  constructor(conn: Connection) {
    this.model = conn.models.WebhookNonce ?? conn.model<NonceDoc>('WebhookNonce', nonceSchema, 'webhook_nonces');
  }

  async check(key: string, bodyHash: string, now: number, expiresAt: number): Promise<NonceCheck> {
    const _id = String(key);
    return mongoStep('Webhook nonces', async () => {
      for (;;) {
        try {
          await this.model.create({ _id, bodyHash, expiresAt: new Date(expiresAt) });
          return 'new';
        } catch (err) {
          if (!isDuplicateKey(err)) throw err;
        }
        const seen = await this.model.findById(_id).lean();
        if (!seen) continue; // deleted meanwhile (TTL monitor, prune): try the insert again
        if (seen.expiresAt.getTime() > now) return seen.bodyHash === bodyHash ? 'repeat' : 'conflict';
        const replaced = await this.model.updateOne(
          { _id, expiresAt: seen.expiresAt, bodyHash: seen.bodyHash },
          { $set: { bodyHash, expiresAt: new Date(expiresAt) } },
        );
        if (replaced.matchedCount === 1) return 'new';
        // Another process replaced or removed it first: look again.
      }
    });
  }

  async prune(before: number): Promise<number> {
    return mongoStep('Webhook nonces', async () => (await this.model.deleteMany({ expiresAt: { $lt: new Date(before) } })).deletedCount);
  }
}
