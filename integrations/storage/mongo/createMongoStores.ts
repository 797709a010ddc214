import type { StoreBundle } from '../StoreBundle';
import { connectMongo } from './connectMongo';
import { MongoAgentStore } from './MongoAgentStore';
import { MongoAuditLog } from './MongoAuditLog';
import { MongoConversationFacts } from './MongoConversationFacts';
import { MongoHandoffStore } from './MongoHandoffStore';
import { MongoInboxStore } from './MongoInboxStore';
import { MongoKnowledgeStore } from './MongoKnowledgeStore';
import { MongoMessageReceipts } from './MongoMessageReceipts';
import { MongoNoticeStore } from './MongoNoticeStore';
import { MongoRateLimits } from './MongoRateLimits';
import { MongoSharedTokens } from './MongoSharedTokens';
import { MongoStorage } from './MongoStorage';
import { MongoTrainingStore } from './MongoTrainingStore';
import { MongoTranscriptStore } from './MongoTranscriptStore';
import { MongoWebhookNonces } from './MongoWebhookNonces';
import { WriteHealth } from '../writeHealth';
import { watchMongoWrites } from './watchMongoWrites';

/**
 * Every storage port on one MongoDB connection (STORE=mongo). Indexes are declared in the schemas and built
 * at start-up (syncIndexes), so uniqueness and TTL rules hold before the first request.
 * @throws StorageUnavailableError when MongoDB cannot be reached.
 */
export async function createMongoStores(uri: string, options: { onInboxError?: (err: unknown) => void; serverSelectionTimeoutMS?: number } = {}): Promise<StoreBundle> {
  const conn = await connectMongo(uri, options);
  const health = new WriteHealth();
  watchMongoWrites(conn.getClient(), health);
  const bundle: StoreBundle = {
    kind: 'mongo',
    storage: new MongoStorage(conn),
    transcripts: new MongoTranscriptStore(conn),
    receipts: new MongoMessageReceipts(conn),
    nonces: new MongoWebhookNonces(conn),
    tokens: new MongoSharedTokens(conn),
    rateLimits: new MongoRateLimits(conn),
    handoffs: new MongoHandoffStore(conn),
    agents: new MongoAgentStore(conn),
    audit: new MongoAuditLog(conn),
    training: new MongoTrainingStore(conn),
    inbox: new MongoInboxStore(conn, options.onInboxError),
    knowledge: new MongoKnowledgeStore(conn),
    notices: new MongoNoticeStore(conn),
    facts: new MongoConversationFacts(conn),
    health,
    close: async () => {
      await conn.close();
    },
  };
  try {
    for (const model of Object.values(conn.models)) await model.syncIndexes();
    // Handoffs from before issue 18 get their citizen's key (history), once.
    await (bundle.handoffs as MongoHandoffStore).backfillCitizenKeys();
  } catch (err) {
    await conn.close().catch(() => undefined);
    throw err;
  }
  return bundle;
}
