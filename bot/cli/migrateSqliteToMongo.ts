import { createMongoStores } from '../../integrations/storage/mongo/createMongoStores';
import { redactUri } from '../../integrations/storage/mongo/connectMongo';
import { copyStores } from '../../integrations/storage/migrate/copyStores';
import { createSqliteStores } from '../../integrations/storage/sqlite/createSqliteStores';
import { readConfig } from '../config';

/**
 * npm run migrate:sqlite-to-mongo — copies DATA_DIR/jiaoguan.sqlite into the MongoDB of MONGODB_URI.
 * Stop the bot first; the target database should be empty (agents with the same username are refused).
 */
async function main(): Promise<void> {
  const config = readConfig({ ...process.env, STORE: 'sqlite' });
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error('set MONGODB_URI to the target, e.g. MONGODB_URI=mongodb://host:27017/jiaoguan?replicaSet=rs0');
  const from = createSqliteStores(config.dataDir);
  process.stdout.write(`copying ${from.file} → ${redactUri(uri)}\n`);
  const to = await createMongoStores(uri);
  try {
    const report = await copyStores(from, to, (line) => process.stdout.write(`  ${line}\n`));
    process.stdout.write(`done: ${JSON.stringify(report)}\n`);
  } finally {
    await to.close();
    await from.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`migration failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
