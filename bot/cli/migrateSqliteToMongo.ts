import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createMongoStores } from '../../integrations/storage/mongo/createMongoStores';
import { redactUri } from '../../integrations/storage/mongo/connectMongo';
import { copyStores } from '../../integrations/storage/migrate/copyStores';
import { createSqliteStores } from '../../integrations/storage/sqlite/createSqliteStores';
import { readConfig } from '../config';

/**
 * npm run migrate:sqlite-to-mongo — copies DATA_DIR/jiaoguan.sqlite (the file an embedded deployment's server
 * uses) into the MongoDB of MONGODB_URI. Stop the bot first; the target database should be empty (agents with
 * the same username are refused). The source must exist: a wrong DATA_DIR is an error, never an empty copy.
 */
async function main(): Promise<void> {
  // The source is the SQLite store whatever STORE says (a deployment switching to MongoDB already has STORE=mongo).
  const config = readConfig({ ...process.env, STORE: 'sqlite' });
  const uri = config.mongodbUri;
  if (!uri) throw new Error('set MONGODB_URI to the target, e.g. MONGODB_URI=mongodb://host:27017/jiaoguan?replicaSet=rs0');
  const file = join(config.dataDir, 'jiaoguan.sqlite');
  if (!existsSync(file)) throw new Error(`there is no SQLite store at ${file}: set DATA_DIR to the folder the bot kept its data in`);
  const from = createSqliteStores(config.dataDir);
  process.stdout.write(`copying ${from.file} → ${redactUri(uri)}\n`);
  try {
    const to = await createMongoStores(uri);
    try {
      const report = await copyStores(from, to, (line) => process.stdout.write(`  ${line}\n`));
      process.stdout.write(`done: ${JSON.stringify(report)}\n`);
    } finally {
      await to.close();
    }
  } finally {
    await from.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`migration failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
