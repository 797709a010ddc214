import { MongoNetworkError, MongoServerError } from 'mongodb';
import mongoose, { type Connection } from 'mongoose';
import { StorageConflictError, StorageUnavailableError } from '../../../../integrations/storage/errors';
import { botStateSchema, MongoStorage, type BotStateDoc } from '../../../../integrations/storage/mongo/MongoStorage';
import { runStorageContract } from '../storageContract';

/**
 * MongoStorage's eTag and batch logic without a server: the bot_state model is replaced by an in-memory fake with
 * MongoDB's semantics for the calls MongoStorage makes (each call atomic, duplicate _id → E11000, documents
 * validated by the real botStateSchema on create, sessions with transactions that roll back, or code 20 on a
 * standalone server). The MongoDB contract suite (mongo.contracts.test.ts) checks the same against a real server.
 */
const validator = mongoose.createConnection().model('BotStateValidation', botStateSchema);

const illegalOperation = (): MongoServerError =>
  new MongoServerError({ message: 'Transaction numbers are only allowed on a replica set member or mongos', code: 20, codeName: 'IllegalOperation' });

/** Lets other pending calls run first, as a round trip to the server would. */
const roundTrip = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

class FakeSession {
  private undo: Array<() => void> = [];
  ended = false;

  constructor(private readonly deployment: FakeDeployment) {}

  async withTransaction(callback: () => Promise<void>): Promise<void> {
    this.undo = [];
    try {
      await callback();
    } catch (err) {
      for (const step of this.undo.reverse()) step();
      throw err;
    }
  }

  /** Called by the model for every write made with this session. */
  wrote(undo: () => void): void {
    if (!this.deployment.transactions) throw illegalOperation();
    this.undo.push(undo);
  }

  async endSession(): Promise<void> {
    this.ended = true;
  }
}

interface WriteOptions { upsert?: boolean; session?: FakeSession }

class FakeBotStateModel {
  readonly docs = new Map<string, BotStateDoc>();

  constructor(private readonly deployment: FakeDeployment) {}

  find(filter: { _id: { $in: string[] } }): { lean(): Promise<BotStateDoc[]> } {
    return {
      lean: async () => {
        await this.serverCall();
        return filter._id.$in.flatMap((key) => {
          const doc = this.docs.get(key);
          return doc ? [{ ...doc }] : [];
        });
      },
    };
  }

  async updateOne(
    filter: { _id: string; eTag?: string },
    update: { $set?: Omit<BotStateDoc, '_id'>; $setOnInsert?: Omit<BotStateDoc, '_id'> },
    options: WriteOptions = {},
  ): Promise<{ matchedCount: number; modifiedCount: number; upsertedCount: number }> {
    await this.serverCall(options.session);
    const current = this.docs.get(filter._id);
    if (current && (filter.eTag === undefined || filter.eTag === current.eTag)) {
      // MongoDB: $setOnInsert changes nothing on a matched document.
      if (update.$set) this.put({ ...current, ...update.$set }, options.session);
      return { matchedCount: 1, modifiedCount: update.$set ? 1 : 0, upsertedCount: 0 };
    }
    if (!current && options.upsert && filter.eTag === undefined) {
      const fields = update.$set ?? update.$setOnInsert;
      if (!fields) throw new Error('fake: nothing to insert');
      this.put({ _id: filter._id, ...fields }, options.session);
      return { matchedCount: 0, modifiedCount: 0, upsertedCount: 1 };
    }
    return { matchedCount: 0, modifiedCount: 0, upsertedCount: 0 };
  }

  async create(docs: BotStateDoc[], options: WriteOptions = {}): Promise<BotStateDoc[]> {
    await this.serverCall(options.session);
    for (const doc of docs) {
      const invalid = new validator(doc).validateSync();
      if (invalid) throw invalid;
      if (this.docs.has(doc._id)) {
        throw new MongoServerError({ message: `E11000 duplicate key error collection: test.bot_state index: _id_ dup key: { _id: "${doc._id}" }`, code: 11000 });
      }
      this.put(doc, options.session);
    }
    return docs;
  }

  async deleteMany(filter: { _id: { $in: string[] } }): Promise<{ deletedCount: number }> {
    await this.serverCall();
    let deletedCount = 0;
    for (const key of filter._id.$in) if (this.docs.delete(key)) deletedCount += 1;
    return { deletedCount };
  }

  private put(doc: BotStateDoc, session?: FakeSession): void {
    const before = this.docs.get(doc._id);
    session?.wrote(() => (before ? this.docs.set(doc._id, before) : this.docs.delete(doc._id)));
    this.docs.set(doc._id, { ...doc });
  }

  private async serverCall(session?: FakeSession): Promise<void> {
    await roundTrip();
    if (this.deployment.down) throw new MongoNetworkError('connection 2 to 10.0.0.5:27017 closed');
    if (session && !this.deployment.transactions) throw illegalOperation();
  }
}

/** A fake deployment: a replica set (transactions) or a standalone server; `down` makes every call fail. */
class FakeDeployment {
  down = false;
  readonly model = new FakeBotStateModel(this);
  readonly sessions: FakeSession[] = [];

  constructor(readonly transactions: boolean) {}

  storage(): MongoStorage {
    const conn = {
      models: { BotState: this.model },
      model: () => {
        throw new Error('MongoStorage should reuse the registered BotState model');
      },
      startSession: async () => {
        const session = new FakeSession(this);
        this.sessions.push(session);
        return session;
      },
    };
    // The one unchecked step: the fake stands in for the few Connection and Model members MongoStorage uses.
    return new MongoStorage(conn as unknown as Connection);
  }
}

afterAll(async () => {
  await validator.db.close();
});

runStorageContract('MongoStorage logic (fake replica set: transactions)', async () => ({
  storage: new FakeDeployment(true).storage(),
  close: async () => undefined,
}));

runStorageContract('MongoStorage logic (fake standalone server: no transactions)', async () => ({
  storage: new FakeDeployment(false).storage(),
  close: async () => undefined,
}), { atomicBatches: false });

describe('MongoStorage logic', () => {
  it('writes a single item without a session, and a batch in a transaction', async () => {
    const deployment = new FakeDeployment(true);
    const storage = deployment.storage();
    await storage.write({ a: { count: 1 } });
    expect(deployment.sessions).toHaveLength(0);
    await storage.write({ a: { count: 2 }, b: { count: 1 } });
    await storage.write({ c: { count: 1 }, d: { count: 1 } });
    expect(deployment.sessions).toHaveLength(2);
    expect(deployment.sessions.every((s) => s.ended)).toBe(true);
  });

  it('learns once that a standalone server has no transactions, then writes batches item by item', async () => {
    const deployment = new FakeDeployment(false);
    const storage = deployment.storage();
    await storage.write({ a: { count: 1 }, b: { count: 1 } });
    await storage.write({ a: { count: 2 }, b: { count: 2 } });
    expect(deployment.sessions).toHaveLength(1);
    expect(deployment.sessions[0].ended).toBe(true);
    expect(await storage.read(['a', 'b'])).toMatchObject({ a: { count: 2 }, b: { count: 2 } });
  });

  it('throws StorageConflictError (with its code and key) for a stale eTag in a transaction batch, and keeps using transactions', async () => {
    const deployment = new FakeDeployment(true);
    const storage = deployment.storage();
    await storage.write({ k: { count: 1 } });
    const stale = (await storage.read(['k'])).k as { eTag: string };
    await storage.write({ k: { count: 2 } });
    const error = await storage.write({ other: { count: 1 }, k: { ...stale, count: 3 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageConflictError);
    expect(error).toMatchObject({ code: 'STORAGE_ETAG_CONFLICT', key: 'k' });
    await storage.write({ x: { count: 1 }, y: { count: 1 } });
    expect(deployment.sessions).toHaveLength(2);
  });

  it('reports an unreachable server as StorageUnavailableError naming the operation', async () => {
    const deployment = new FakeDeployment(true);
    const storage = deployment.storage();
    await storage.write({ k: { count: 1 } });
    deployment.down = true;
    await expect(storage.read(['k'])).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE', message: expect.stringMatching(/^Storage read: MongoDB unavailable: /) });
    await expect(storage.write({ k: { count: 2 } })).rejects.toMatchObject({ message: expect.stringMatching(/^Storage write: MongoDB unavailable: /) });
    await expect(storage.write({ a: { count: 2 }, b: { count: 2 } })).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(storage.delete(['k'])).rejects.toMatchObject({ message: expect.stringMatching(/^Storage delete: MongoDB unavailable: /) });
    deployment.down = false;
    expect((await storage.read(['k'])).k).toMatchObject({ count: 1 });
  });

  it('rejects items that are not objects before writing anything of the batch', async () => {
    const deployment = new FakeDeployment(false);
    const storage = deployment.storage();
    await expect(storage.write({ ok: { count: 1 }, bad: 'text' })).rejects.toThrow('Storage: item "bad" must be an object, got string.');
    await expect(storage.write({ ok: { count: 1 }, none: null })).rejects.toThrow('Storage: item "none" must be an object, got null.');
    expect(deployment.model.docs.size).toBe(0);
  });

  it('stores the state as JSON text, so keys MongoDB forbids in field names ($, dots) are kept', async () => {
    const deployment = new FakeDeployment(true);
    const storage = deployment.storage();
    const value = { $dialogState: { 'step.index': 1 }, 'a.b': { $ref: 'x' } };
    await storage.write({ k: value });
    expect(typeof deployment.model.docs.get('k')?.data).toBe('string');
    expect(await storage.read(['k'])).toEqual({ k: { ...value, eTag: expect.any(String) } });
  });

  // The contract treats '' as a key like any other, and creates a missing key even when the item carries an eTag
  // (MemoryStorage and SQLite do). Creating is an upsert with $setOnInsert, which accepts the empty _id.
  it("creates the key '' even when the item carries an eTag, as for any other key", async () => {
    const storage = new FakeDeployment(false).storage();
    await storage.write({ '': { count: 1, eTag: 'from-another-store' } });
    expect((await storage.read(['']))['']).toMatchObject({ count: 1 });
  });
});
