import { Schema, type Connection, type Model } from 'mongoose';
import type { ClaimResult, MessageReceipt, MessageReceipts, ReceiptStatus } from '../messageReceipts';
import { isDuplicateKey, mongoStep } from './mongoErrors';

export interface ReceiptDoc { _id: string; status: ReceiptStatus; reply?: string; createdAt: Date }

export const receiptSchema = new Schema<ReceiptDoc>({
  _id: { type: String, required: true },
  status: { type: String, required: true, enum: ['processing', 'replied', 'deferred'] },
  reply: { type: String },
  createdAt: { type: Date, required: true },
}, { versionKey: false, strict: 'throw', strictQuery: 'throw' });
// WeChat stops retrying after 15 s; MongoDB deletes receipts a day old by itself.
receiptSchema.index({ createdAt: 1 }, { expireAfterSeconds: 24 * 3600 });

/** WeChat message receipts in MongoDB: the claim is an insert on the unique _id, atomic across processes. */
export class MongoMessageReceipts implements MessageReceipts {
  private readonly model: Model<ReceiptDoc>;

  constructor(conn: Connection) {
    this.model = conn.models.Receipt ?? conn.model<ReceiptDoc>('Receipt', receiptSchema, 'message_receipts');
  }

  async claim(key: string, now: number): Promise<ClaimResult> {
    return mongoStep('Message receipts', async () => {
      try {
        await this.model.create({ _id: key, status: 'processing', createdAt: new Date(now) });
        return { claimed: true } as const;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        const existing = await this.read(key);
        if (!existing) throw new Error(`receipt "${key}" vanished while being claimed`);
        return { claimed: false, receipt: existing } as const;
      }
    });
  }

  async read(key: string): Promise<MessageReceipt | undefined> {
    return mongoStep('Message receipts', async () => {
      const d = await this.model.findById(String(key)).lean();
      return d ? { key: d._id, status: d.status, reply: d.reply, createdAt: d.createdAt.getTime() } : undefined;
    });
  }

  async completeReplied(key: string, reply: string): Promise<boolean> {
    return mongoStep('Message receipts', async () =>
      (await this.model.updateOne({ _id: String(key), status: 'processing' }, { $set: { status: 'replied', reply } })).modifiedCount === 1);
  }

  async defer(key: string): Promise<boolean> {
    return mongoStep('Message receipts', async () => {
      if ((await this.model.updateOne({ _id: String(key), status: 'processing' }, { $set: { status: 'deferred' } })).modifiedCount === 1) return true;
      return (await this.model.findById(String(key)).lean())?.status === 'deferred';
    });
  }

  async reclaim(key: string, claimedBefore: number, now: number): Promise<boolean> {
    return mongoStep('Message receipts', async () => (await this.model.updateOne(
      { _id: String(key), status: 'processing', createdAt: { $lt: new Date(claimedBefore) } },
      { $set: { createdAt: new Date(now) } },
    )).modifiedCount === 1);
  }

  async prune(before: number): Promise<number> {
    return mongoStep('Message receipts', async () => (await this.model.deleteMany({ createdAt: { $lt: new Date(before) } })).deletedCount);
  }
}
