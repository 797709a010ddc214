import type { StoreBundle } from '../integrations/storage/StoreBundle';
import { createSqliteStores } from '../integrations/storage/sqlite/createSqliteStores';
import type { Config } from './config';
import type { Logger } from './logger';

/**
 * Opens the configured store; the server (bot/index.ts) and every command-line tool (bot/cli/) open theirs
 * here, so they always work on the same data. MongoDB (STORE=mongo) must be reachable, or this fails with a
 * clear message (StorageUnavailableError: "STORE=mongo: cannot connect to MongoDB at …") — never a silent
 * fallback to SQLite, and no SQLite file is created. With STORE=sqlite the server lets compose open the file
 * (undefined here); a tool asks for it with `{ sqlite: true }`.
 */
export async function openStores(config: Config, logger: Logger): Promise<StoreBundle | undefined>;
export async function openStores(config: Config, logger: Logger, options: { sqlite: true }): Promise<StoreBundle>;
export async function openStores(config: Config, logger: Logger, options: { sqlite?: boolean } = {}): Promise<StoreBundle | undefined> {
  const onInboxError = (err: unknown): void => logger.warn({ err }, 'could not record a misunderstood message');
  if (config.store !== 'mongo') return options.sqlite ? createSqliteStores(config.dataDir, { onInboxError }) : undefined;
  // Loaded only here: mongoose adds about 0.4 s to the start of every SQLite deployment otherwise.
  const { createMongoStores } = await import('../integrations/storage/mongo/createMongoStores');
  const stores = await createMongoStores(config.mongodbUri ?? '', { onInboxError });
  logger.info({ store: 'mongo' }, 'connected to MongoDB');
  return stores;
}
