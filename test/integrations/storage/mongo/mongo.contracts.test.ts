import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import mongoose, { type Connection } from 'mongoose';
import { createMongoStores } from '../../../../integrations/storage/mongo/createMongoStores';
import type { StoreBundle } from '../../../../integrations/storage/StoreBundle';
import { runAgentStoreContract } from '../contracts/agentStoreContract';
import { runAuditLogContract } from '../contracts/auditLogContract';
import { runHandoffConsoleContract } from '../contracts/handoffConsoleContract';
import { runHandoffEventsContract } from '../contracts/handoffEventsContract';
import { runHandoffStoreContract } from '../contracts/handoffStoreContract';
import { runInboxStoreContract } from '../contracts/inboxStoreContract';
import { runKnowledgeStoreContract } from '../contracts/knowledgeStoreContract';
import { runMessageReceiptsContract } from '../contracts/messageReceiptsContract';
import { runNoticeStoreContract } from '../contracts/noticeStoreContract';
import { runWebhookNoncesContract } from '../contracts/webhookNoncesContract';
import type { PortFactory } from '../contracts/portContract';
import { runRateLimitsContract } from '../contracts/rateLimitsContract';
import { runSharedTokensContract } from '../contracts/sharedTokensContract';
import { runTrainingStoreContract } from '../contracts/trainingStoreContract';
import { runTranscriptStoreContract } from '../contracts/transcriptStoreContract';
import { runStorageContract } from '../storageContract';

/**
 * Every storage contract against the MongoDB adapters (createMongoStores), each test on a fresh database that is
 * dropped afterwards. Needs a running server, so it runs only when MONGODB_URI is set:
 *
 *   MONGODB_URI=mongodb://localhost:27017 npx jest test/integrations/storage/mongo
 *
 * A replica set (e.g. `mongodb://localhost:27017/?replicaSet=rs0`) also checks that a bot state batch with an
 * eTag conflict stores nothing (transactions); a standalone server writes batches item by item. The kind of
 * deployment is detected; MONGODB_TRANSACTIONS=1 or 0 overrides the detection.
 */
const URI = process.env.MONGODB_URI;
const COMMAND = 'MONGODB_URI=mongodb://localhost:27017 npx jest test/integrations/storage/mongo';

/** The URI with its database (the path) replaced by `db`; hosts, credentials and options are kept. */
function withDatabase(uri: string, db: string): string {
  const m = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(uri);
  if (!m) throw new Error(`MONGODB_URI is not a mongodb:// or mongodb+srv:// URI: ${uri}`);
  return `${m[1]}/${db}${m[2] ?? ''}`;
}

/**
 * Whether the deployment supports transactions (replica set member or mongos). Jest collects tests
 * synchronously, so the server is asked once, synchronously, by a child process.
 */
function supportsTransactions(uri: string): boolean {
  const forced = process.env.MONGODB_TRANSACTIONS;
  if (forced === '1' || forced === 'true') return true;
  if (forced === '0' || forced === 'false') return false;
  const probe = `
    const { MongoClient } = require('mongodb');
    const client = new MongoClient(process.env.PROBE_URI, { serverSelectionTimeoutMS: 5000 });
    client.db('admin').command({ hello: 1 })
      .then((h) => process.stdout.write(JSON.stringify({ setName: h.setName || null, msg: h.msg || null })))
      .catch((e) => process.stdout.write(JSON.stringify({ error: String(e && e.message) })))
      .finally(() => client.close());`;
  const run = spawnSync(process.execPath, ['-e', probe], {
    cwd: join(__dirname, '../../../..'), env: { ...process.env, PROBE_URI: uri }, encoding: 'utf8', timeout: 30_000,
  });
  let hello: { setName?: string | null; msg?: string | null; error?: string } = {};
  try {
    hello = JSON.parse(run.stdout) as typeof hello;
  } catch {
    hello = { error: run.stderr || 'no answer' };
  }
  if (hello.error) console.warn(`MongoDB deployment probe failed (${hello.error}); assuming a standalone server`);
  return Boolean(hello.setName) || hello.msg === 'isdbgrid';
}

if (URI === undefined || URI === '') {
  describe.skip('MongoDB contract suites (set MONGODB_URI to run)', () => {
    it(`runs every storage contract against MongoDB: ${COMMAND}`, () => undefined);
  });
} else {
  const uri = URI;
  const transactions = supportsTransactions(uri);

  describe(`MongoDB contract suites (${transactions ? 'with transactions' : 'standalone server'})`, () => {
    let admin: Connection;

    beforeAll(async () => {
      admin = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 5000 }).asPromise();
    });
    afterAll(async () => {
      await admin?.close();
    });

    /** A bundle on a database of its own; close() closes it and drops the database (idempotent). */
    async function openBundle(options: { onInboxError?: (err: unknown) => void } = {}): Promise<{
      stores: StoreBundle; db: string; close(): Promise<void>; dump(collection: string): Promise<string>;
    }> {
      const db = `jiaoguan_test_${randomBytes(6).toString('hex')}`;
      const stores = await createMongoStores(withDatabase(uri, db), { ...options, serverSelectionTimeoutMS: 5000 });
      let closed = false;
      return {
        stores,
        db,
        close: async () => {
          if (closed) return;
          closed = true;
          await stores.close();
          await admin.getClient().db(db).dropDatabase();
        },
        dump: async (collection) => JSON.stringify(await admin.getClient().db(db).collection(collection).find().toArray()),
      };
    }

    function port<T>(pick: (stores: StoreBundle) => T, collection?: string): PortFactory<T> {
      return async () => {
        const b = await openBundle();
        return { store: pick(b.stores), close: b.close, stored: collection === undefined ? undefined : () => b.dump(collection) };
      };
    }

    runStorageContract('MongoStorage', async () => {
      const b = await openBundle();
      return { storage: b.stores.storage, close: b.close };
    }, { atomicBatches: transactions });
    runTranscriptStoreContract('MongoDB', port((s) => s.transcripts, 'transcripts'));
    runMessageReceiptsContract('MongoDB', port((s) => s.receipts));
    runWebhookNoncesContract('MongoDB', port((s) => s.nonces));
    runSharedTokensContract('MongoDB', port((s) => s.tokens));
    runRateLimitsContract('MongoDB', port((s) => s.rateLimits));
    runHandoffStoreContract('MongoDB', port((s) => s.handoffs));
    runHandoffEventsContract('MongoDB', port((s) => s.handoffs));
    runHandoffConsoleContract('MongoDB', port((s) => s.handoffs));
    runAgentStoreContract('MongoDB', port((s) => s.agents));
    runAuditLogContract('MongoDB', port((s) => s.audit, 'audit_log'));
    runTrainingStoreContract('MongoDB', port((s) => s.training));
    runKnowledgeStoreContract('MongoDB', port((s) => s.knowledge));
    runNoticeStoreContract('MongoDB', port((s) => s.notices));
    runInboxStoreContract('MongoDB', async (onInboxError) => {
      const b = await openBundle({ onInboxError });
      return { store: b.stores.inbox, close: b.close, stored: () => b.dump('nlu_inbox') };
    });

    describe('createMongoStores', () => {
      it('builds the declared indexes at start-up (uniqueness and TTL hold before the first request)', async () => {
        const b = await openBundle();
        try {
          const indexes = async (c: string): Promise<Array<Record<string, unknown>>> => admin.getClient().db(b.db).collection(c).indexes();
          expect(await indexes('handoffs')).toContainEqual(expect.objectContaining({
            name: 'one_open_handoff_per_conversation', key: { conversationKey: 1 }, unique: true, partialFilterExpression: { open: true },
          }));
          expect(await indexes('agents')).toContainEqual(expect.objectContaining({ key: { username: 1 }, unique: true }));
          expect(await indexes('handoffs')).toContainEqual(expect.objectContaining({ key: { citizenKey: 1, createdAt: -1, seq: -1 } }));
          expect(await indexes('agent_drafts')).toContainEqual(expect.objectContaining({ key: { agentId: 1, handoffId: 1 }, unique: true }));
          expect(await indexes('nlu_utterances')).toContainEqual(expect.objectContaining({ key: { locale: 1, split: 1, text: 1 }, unique: true }));
          expect(await indexes('knowledge_versions')).toContainEqual(expect.objectContaining({ key: { number: 1 }, unique: true }));
          expect(await indexes('notice_jobs')).toContainEqual(expect.objectContaining({ key: { key: 1 }, unique: true }));
          expect(await indexes('notice_consents')).toContainEqual(expect.objectContaining({ key: { citizen: 1, topic: 1 }, unique: true }));
          expect(await indexes('message_receipts')).toContainEqual(expect.objectContaining({ key: { createdAt: 1 }, expireAfterSeconds: 86_400 }));
          expect(await indexes('webhook_nonces')).toContainEqual(expect.objectContaining({ key: { expiresAt: 1 }, expireAfterSeconds: 0 }));
          expect(await indexes('agent_sessions')).toContainEqual(expect.objectContaining({ key: { expiresAt: 1 }, expireAfterSeconds: 0 }));
          expect(await indexes('rate_limits')).toContainEqual(expect.objectContaining({ key: { expiresAt: 1 }, expireAfterSeconds: 0 }));
        } finally {
          await b.close();
        }
      });

      it('gives handoffs stored before citizen keys their channel user\'s key at start-up, so history finds them', async () => {
        const b = await openBundle();
        try {
          const legacy = {
            _id: 'legacy-1', conversationKey: 'wechat/o_legacy', channelId: 'wechat', conversationId: 'o_legacy',
            reference: JSON.stringify({ user: { id: 'o_legacy' }, conversation: { id: 'o_legacy' } }), reason: 'requested', priority: 1,
            status: 'closed', open: false, seq: 1, createdAt: 1, closedAt: 2, callbackRequested: false, intents: [], locale: 'zh-CN',
            citizen: { label: '微信用户' },
          };
          await admin.getClient().db(b.db).collection('handoffs').insertOne(legacy as never);
          expect(await b.stores.handoffs.history('user:wechat:o_legacy', 10)).toEqual([]);
          // A restart (createMongoStores again on the same database) fills the key in.
          const again = await createMongoStores(withDatabase(uri, b.db), { serverSelectionTimeoutMS: 5000 });
          try {
            expect((await again.handoffs.history('user:wechat:o_legacy', 10)).map((r) => r.id)).toEqual(['legacy-1']);
          } finally {
            await again.close();
          }
        } finally {
          await b.close();
        }
      });

      it('closes idempotently', async () => {
        const b = await openBundle();
        await b.stores.close();
        await expect(b.stores.close()).resolves.toBeUndefined();
        await b.close();
      });
    });
  });
}
