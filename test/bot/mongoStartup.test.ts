import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScript } from '../support/runScript';


describe('STORE=mongo when MongoDB cannot be reached', () => {
  it('refuses to start with a clear message (no silent fallback to SQLite), password redacted', async () => {
    const { code, stderr } = await runScript('bot/index.ts', [], {
      env: {
        STORE: 'mongo', MONGODB_URI: 'mongodb://bot:s3cret@127.0.0.1:1/jiaoguan?serverSelectionTimeoutMS=500',
        DATA_DIR: mkdtempSync(join(tmpdir(), 'jiaoguan-mongo-')), PORT: '39977',
      },
      captureAs: 'bot-process-stderr',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('jiaoguan-bot could not start: STORE=mongo: cannot connect to MongoDB at mongodb://bot:***@127.0.0.1:1/jiaoguan');
    expect(stderr).not.toContain('s3cret');
  }, 30_000);
});
