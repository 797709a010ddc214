import { createMongoStores } from '../integrations/storage/mongo/createMongoStores';
import type { StoreBundle } from '../integrations/storage/StoreBundle';
import type { Config } from './config';
import type { Logger } from './logger';

/**
 * Opens the configured store before the bot is composed: MongoDB (STORE=mongo) must be reachable, or the
 * start fails with a clear message (never a silent fallback to SQLite). Undefined for SQLite, which compose
 * opens itself.
 */
export async function openStores(config: Config, logger: Logger): Promise<StoreBundle | undefined> {
  if (config.store !== 'mongo') return undefined;
  const stores = await createMongoStores(config.mongodbUri ?? '', {
    onInboxError: (err) => logger.warn({ err }, 'could not record a misunderstood message'),
  });
  logger.info({ store: 'mongo' }, 'connected to MongoDB');
  return stores;
}
