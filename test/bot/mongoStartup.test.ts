import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { capture } from '../support/capture';

const ROOT = join(__dirname, '..', '..');

describe('STORE=mongo when MongoDB cannot be reached', () => {
  it('refuses to start with a clear message (no silent fallback to SQLite), password redacted', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bot', 'index.ts')], {
      cwd: ROOT,
      env: {
        ...process.env, STORE: 'mongo', MONGODB_URI: 'mongodb://bot:s3cret@127.0.0.1:1/jiaoguan?serverSelectionTimeoutMS=500',
        DATA_DIR: mkdtempSync(join(tmpdir(), 'jiaoguan-mongo-')), PORT: '39977', LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString('utf8'); });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    capture('bot-process-stderr', stderr);
    expect(code).toBe(1);
    expect(stderr).toContain('jiaoguan-bot could not start: STORE=mongo: cannot connect to MongoDB at mongodb://bot:***@127.0.0.1:1/jiaoguan');
    expect(stderr).not.toContain('s3cret');
  }, 30_000);
});
