import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../tools/faults/botProcess';
import { createSqliteStores } from '../../integrations/storage/sqlite/createSqliteStores';
import { runScript } from '../support/runScript';

/**
 * Permission bits do not stop root (CI runs the tests as root): there the bot runs as "nobody", for whom the
 * folder's bits hold as they would for any service account. Anyone else runs it as themselves.
 */
const AS_ROOT = process.getuid?.() === 0;
const NOBODY = 65534;

/** Starts the real bot (`node --import tsx bot/index.ts`) on DATA_DIR; resolves with its exit code and stderr. */
async function startBot(dataDir: string): Promise<{ code: number | null; stderr: string }> {
  return runScript('bot/index.ts', [], {
    env: { DATA_DIR: dataDir, PORT: String(await freePort()) }, spawn: AS_ROOT ? { uid: NOBODY, gid: NOBODY } : {}, captureAs: 'bot-process-stderr',
  });
}

/** A folder the bot's user may read but not write (0500, the bot's user owning it). */
function readOnly(path: string): void {
  if (AS_ROOT) chownSync(path, NOBODY, NOBODY);
  chmodSync(path, 0o500);
}

describe('a read-only data folder (real file system, a real bot process)', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'jiaoguan-readonly-'));
    // The bot's user must reach the folder inside.
    chmodSync(root, 0o755);
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('an empty read-only DATA_DIR: the bot refuses to start with STORAGE_READONLY, naming the file and what to do', async () => {
    const dataDir = join(root, 'data');
    mkdirSync(dataDir);
    readOnly(dataDir);
    const { code, stderr } = await startBot(dataDir);
    expect(code).toBe(1);
    expect(stderr).toContain(`jiaoguan-bot could not start: Storage: the SQLite database "${join(dataDir, 'jiaoguan.sqlite')}" or its folder cannot be written`);
    expect(stderr).toContain('(STORAGE_READONLY: the database cannot be written; nothing of this step was saved. Operator: check the permissions');
  }, 60_000);

  it('an existing database in a read-only DATA_DIR (SQLite could not create its -wal file): STORAGE_READONLY too, not an I/O error', async () => {
    const dataDir = join(root, 'data');
    await createSqliteStores(dataDir).close();
    if (AS_ROOT) chownSync(join(dataDir, 'jiaoguan.sqlite'), NOBODY, NOBODY);
    readOnly(dataDir);
    const { code, stderr } = await startBot(dataDir);
    expect(code).toBe(1);
    expect(stderr).toContain('STORAGE_READONLY');
    expect(stderr).not.toMatch(/STORAGE_IO|STORAGE_UNAVAILABLE/);
  }, 60_000);
});
