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
  // Loaded only here: mongoose adds about 0.4 s to the start of every SQLite deployment otherwise.
  const { createMongoStores } = await import('../integrations/storage/mongo/createMongoStores');
  const stores = await createMongoStores(config.mongodbUri ?? '', {
    onInboxError: (err) => logger.warn({ err }, 'could not record a misunderstood message'),
  });
  logger.info({ store: 'mongo' }, 'connected to MongoDB');
  return stores;
}
