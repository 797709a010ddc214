import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { NewNotice } from '../../../../integrations/storage/notices';
import { openSqlite } from '../../../../integrations/storage/sqlite/openSqlite';
import { SqliteNoticeStore } from '../../../../integrations/storage/sqlite/SqliteNoticeStore';

const T0 = Date.UTC(2100, 0, 1);
const ROOT = join(__dirname, '../../../..');
const notice = (i: number): NewNotice => ({
  key: `exam-reminder:b${i}`, citizen: `wechat:o${i % 7}`, topic: 'exam-reminder', dueAt: T0 - i, payload: { i }, createdAt: T0 - 1_000,
});

/** Two connections on one file: what two bot processes sharing the data folder see. */
describe('SqliteNoticeStore shared by two connections (the cross-process case)', () => {
  let dir: string;
  let file: string;
  let dbA: Database.Database;
  let dbB: Database.Database;
  let a: SqliteNoticeStore;
  let b: SqliteNoticeStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'jiaoguan-notices-'));
    file = join(dir, 'jiaoguan.sqlite');
    dbA = openSqlite(file);
    a = new SqliteNoticeStore(dbA);
    dbB = openSqlite(file);
    b = new SqliteNoticeStore(dbB);
  });
  afterEach(() => {
    for (const db of [dbA, dbB]) if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies the notices migration once for both connections', () => {
    expect(dbB.prepare("SELECT version FROM schema_migrations WHERE scope = 'notices' ORDER BY version").all()).toEqual([{ version: 1 }, { version: 2 }]);
  });

  it('creates one job per key whichever connection enqueues it', async () => {
    const [x, y] = await Promise.all([a.enqueue(notice(1)), b.enqueue(notice(1))]);
    expect([x.created, y.created].sort()).toEqual([false, true]);
    expect(x.id).toBe(y.id);
  });

  it('never hands one job to both connections claiming concurrently', async () => {
    for (let i = 0; i < 50; i += 1) await a.enqueue(notice(i));
    const rounds = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? a.claim('p1', T0, 60_000, 3) : b.claim('p2', T0, 60_000, 3))));
    const ids = rounds.flat().map((j) => j.id);
    expect(ids).toHaveLength(50);
    expect(new Set(ids).size).toBe(50);
    expect(await b.claim('p2', T0, 60_000, 100)).toEqual([]);
  });

  it('fences across connections: a lease taken over by the other connection cannot be failed by the first; a delivery is recorded once', async () => {
    const { id } = await a.enqueue(notice(1));
    await a.claim('p1', T0, 60_000, 1);
    expect(await b.claim('p2', T0 + 59_999, 60_000, 1)).toEqual([]);
    expect((await b.claim('p2', T0 + 60_000, 60_000, 1)).map((j) => j.id)).toEqual([id]);
    expect(await a.markFailed(id, 'p1', 'busy', T0 + 120_000)).toBe(false);
    // p1's send went through before its lease ran out: recorded (WeChat took it); p2's own send is then not recorded twice.
    expect(await a.markSent(id, 'p1', T0 + 60_001)).toBe(true);
    expect(await b.markSent(id, 'p2', T0 + 60_002)).toBe(false);
    expect(await a.job(id)).toMatchObject({ status: 'sent', sentAt: T0 + 60_001 });
  });

  // better-sqlite3 is synchronous, so two connections in one process never overlap mid-claim; two processes do.
  it('never hands one job to two processes claiming at the same time, and together they take every job', async () => {
    for (let i = 0; i < 300; i += 1) await a.enqueue(notice(i));
    const fixture = join(ROOT, 'test/fixtures/storage/claimNotices.ts');
    const children = ['p1', 'p2'].map((owner) => spawn(process.execPath, ['--import', 'tsx', fixture, file, owner, String(T0)], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] }));
    const outputs = children.map((child) => new Promise<string>((resolve, reject) => {
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
      });
      child.stderr.on('data', (chunk: Buffer) => {
        err += chunk.toString();
      });
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`child exited ${code}: ${err}`))));
    }));
    // Start both only once both are ready, so they really run at the same time.
    await Promise.all(children.map((child) => new Promise<void>((resolve) => {
      const onData = (chunk: Buffer): void => {
        if (chunk.toString().includes('ready')) {
          child.stdout.off('data', onData);
          resolve();
        }
      };
      child.stdout.on('data', onData);
    })));
    for (const child of children) child.stdin.write('go\n');
    const claimed = (await Promise.all(outputs)).map((out) => (JSON.parse(out.trim().split('\n').pop() ?? '{}') as { claimed: string[] }).claimed);
    const all = claimed.flat();
    expect(all).toHaveLength(300);
    expect(new Set(all).size).toBe(300);
    expect(await a.counts()).toEqual([{ topic: 'exam-reminder', status: 'sent', n: 300 }]);
  }, 60_000);
});
