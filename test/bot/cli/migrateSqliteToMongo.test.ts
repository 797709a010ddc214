import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../tools/faults/botProcess';
import { runScript } from '../../support/runScript';


describe('npm run migrate:sqlite-to-mongo reads the SQLite store the server wrote', () => {
  it('a DATA_DIR without the store is an error (exit 1, the path named), never an empty copy; nothing is created there', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jiaoguan-migrate-'));
    const port = await freePort();
    const run = await runScript('bot/cli/migrateSqliteToMongo.ts', [], {
      env: { STORE: 'mongo', MONGODB_URI: `mongodb://127.0.0.1:${port}/x`, DATA_DIR: dataDir }, captureAs: 'migrate-cli',
    });
    const { code } = run;
    const out = run.stdout + run.stderr;
    expect(code).toBe(1);
    expect(out).toContain(`migration failed: there is no SQLite store at ${join(dataDir, 'jiaoguan.sqlite')}: set DATA_DIR to the folder the bot kept its data in`);
    expect(readdirSync(dataDir)).toEqual([]);
  }, 30_000);
});
