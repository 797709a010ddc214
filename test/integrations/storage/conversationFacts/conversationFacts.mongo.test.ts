import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { createMongoStores } from '../../../../integrations/storage/mongo/createMongoStores';
import type { StoreBundle } from '../../../../integrations/storage/StoreBundle';
import type { PortFactory } from '../contracts/portContract';
import { runConversationFactsContract, runNoticeOutcomesContract } from './conversationFactsContract';

/**
 * The operations view's storage contracts against MongoDB, each test on a fresh database dropped afterwards. Needs a
 * running server: MONGODB_URI=mongodb://localhost:27017 npx jest test/integrations/storage/conversationFacts
 */
const URI = process.env.MONGODB_URI;

function withDatabase(uri: string, db: string): string {
  const m = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(uri);
  if (!m) throw new Error(`MONGODB_URI is not a mongodb:// or mongodb+srv:// URI: ${uri}`);
  return `${m[1]}/${db}${m[2] ?? ''}`;
}

if (!URI) {
  describe.skip('MongoDB operations contracts (set MONGODB_URI to run)', () => {
    it('runs the conversation facts and notice outcomes contracts against MongoDB', () => undefined);
  });
} else {
  const port = <T>(pick: (s: StoreBundle) => T): PortFactory<T> => async () => {
    const db = `jiaoguan_test_${randomBytes(6).toString('hex')}`;
    const stores = await createMongoStores(withDatabase(URI, db), { serverSelectionTimeoutMS: 5000 });
    let closed = false;
    return {
      store: pick(stores),
      close: async () => {
        if (closed) return;
        closed = true;
        await stores.close();
        const admin = await mongoose.createConnection(withDatabase(URI, db), { serverSelectionTimeoutMS: 5000 }).asPromise();
        await admin.dropDatabase();
        await admin.close();
      },
    };
  };
  runConversationFactsContract('MongoConversationFacts', port((s) => s.facts));
  runNoticeOutcomesContract('MongoNoticeStore', port((s) => s.notices));
}
