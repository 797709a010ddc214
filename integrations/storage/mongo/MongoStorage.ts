import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import { Schema, type ClientSession, type Connection, type Model } from 'mongoose';
import { StorageConflictError } from '../errors';
import { isDuplicateKey, mongoStep } from './mongoErrors';

export interface BotStateDoc { _id: string; eTag: string; data: string; updatedAt: Date }

export const botStateSchema = new Schema<BotStateDoc>({
  _id: { type: String, required: true },
  eTag: { type: String, required: true },
  // The state as JSON text: keys of bot state ("$…", dotted names) are not valid MongoDB field names.
  data: { type: String, required: true },
  updatedAt: { type: Date, required: true },
}, { versionKey: false, strict: 'throw', strictQuery: 'throw' });

/**
 * botbuilder `Storage` on MongoDB with MemoryStorage's eTag rules (see SqliteStorage): the eTag check is a
 * conditional update ({_id, eTag}) or an insert that only succeeds for a new key, so it holds across processes.
 * A batch is all-or-nothing when the deployment supports transactions (replica set or sharded cluster, the
 * production setup); on a standalone server items are written one by one.
 */
export class MongoStorage implements Storage {
  private readonly model: Model<BotStateDoc>;
  private transactions = true;

  constructor(private readonly conn: Connection) {
    this.model = conn.models.BotState ?? conn.model<BotStateDoc>('BotState', botStateSchema, 'bot_state');
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    return mongoStep('Storage read', async () => {
      const docs = await this.model.find({ _id: { $in: keys.map(String) } }).lean();
      const found: StoreItems = {};
      for (const d of docs) found[d._id] = { ...(JSON.parse(d.data) as object), eTag: d.eTag };
      return found;
    });
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const writes = Object.keys(changes).map((key) => {
      const item: unknown = changes[key];
      if (item === null || typeof item !== 'object') {
        throw new TypeError(`Storage: item "${key}" must be an object, got ${item === null ? 'null' : typeof item}.`);
      }
      const { eTag, ...rest } = item as Record<string, unknown>;
      return { key, expected: !eTag || eTag === '*' ? undefined : String(eTag), data: JSON.stringify(rest) };
    });
    if (!writes.length) return;
    await mongoStep('Storage write', async () => {
      if (this.transactions && writes.length > 1) {
        const session = await this.conn.startSession();
        try {
          await session.withTransaction(async () => {
            for (const w of writes) await this.writeOne(w, session);
          });
          return;
        } catch (err) {
          // Code 20 (IllegalOperation): a standalone server has no transactions.
          if ((err as { code?: number }).code !== 20) throw err;
          this.transactions = false;
        } finally {
          await session.endSession();
        }
      }
      for (const w of writes) await this.writeOne(w);
    });
  }

  private async writeOne(w: { key: string; expected?: string; data: string }, session?: ClientSession): Promise<void> {
    const eTag = randomUUID();
    const now = new Date();
    if (w.expected === undefined) {
      await this.model.updateOne({ _id: w.key }, { $set: { eTag, data: w.data, updatedAt: now } }, { upsert: true, session });
      return;
    }
    const updated = await this.model.updateOne({ _id: w.key, eTag: w.expected }, { $set: { eTag, data: w.data, updatedAt: now } }, { session });
    if (updated.matchedCount === 1) return;
    // Not found with that eTag: a new key may still be created (MemoryStorage writes items it does not have);
    // an existing key with another eTag is a conflict. $setOnInsert writes only when the upsert inserts.
    let inserted: boolean;
    try {
      const r = await this.model.updateOne({ _id: w.key }, { $setOnInsert: { eTag, data: w.data, updatedAt: now } }, { upsert: true, session });
      inserted = r.upsertedCount === 1;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      inserted = false;
    }
    if (!inserted) throw new StorageConflictError(w.key);
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    if (!keys.length) return;
    await mongoStep('Storage delete', () => this.model.deleteMany({ _id: { $in: keys.map(String) } }));
  }
}
