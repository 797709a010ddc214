import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../tools/faults/botProcess';
import { capture } from '../../support/capture';

const ROOT = join(__dirname, '..', '..', '..');

describe('npm run migrate:sqlite-to-mongo reads the SQLite store the server wrote', () => {
  it('a DATA_DIR without the store is an error (exit 1, the path named), never an empty copy; nothing is created there', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jiaoguan-migrate-'));
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bot', 'cli', 'migrateSqliteToMongo.ts')], {
      cwd: ROOT, env: { ...process.env, STORE: 'mongo', MONGODB_URI: `mongodb://127.0.0.1:${port}/x`, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => { out += c.toString('utf8'); });
    child.stderr.on('data', (c: Buffer) => { out += c.toString('utf8'); });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    capture('migrate-cli', out);
    expect(code).toBe(1);
    expect(out).toContain(`migration failed: there is no SQLite store at ${join(dataDir, 'jiaoguan.sqlite')}: set DATA_DIR to the folder the bot kept its data in`);
    expect(readdirSync(dataDir)).toEqual([]);
  }, 30_000);
});
