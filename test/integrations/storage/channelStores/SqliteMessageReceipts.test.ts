import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { StorageUnavailableError } from '../../../../integrations/storage/errors';
import { openSqlite } from '../../../../integrations/storage/sqlite/openSqlite';
import { SqliteMessageReceipts } from '../../../../integrations/storage/sqlite/SqliteMessageReceipts';

const KEY = 'wechat:msg:gh_account:6054768590064713728';
const REPLY = '<xml><Content><![CDATA[您好]]></Content></xml>';

describe('SqliteMessageReceipts', () => {
  let db: Database.Database;
  let receipts: SqliteMessageReceipts;

  beforeEach(() => {
    db = new Database(':memory:');
    receipts = new SqliteMessageReceipts(db);
  });
  afterEach(() => {
    if (db.open) db.close();
  });

  it('lets the first copy claim a key; later copies get its receipt', async () => {
    expect(await receipts.claim(KEY, 1000)).toEqual({ claimed: true });
    expect(await receipts.claim(KEY, 2000)).toEqual({ claimed: false, receipt: { key: KEY, status: 'processing', reply: undefined, createdAt: 1000 } });
    expect(await receipts.claim(KEY, 3000)).toMatchObject({ claimed: false });
  });

  it('keeps keys independent', async () => {
    expect(await receipts.claim(KEY, 1000)).toEqual({ claimed: true });
    expect(await receipts.claim(`${KEY}1`, 1000)).toEqual({ claimed: true });
    expect(await receipts.read('never-claimed')).toBeUndefined();
  });

  it('completeReplied: processing → replied with the reply, which later copies read', async () => {
    await receipts.claim(KEY, 1000);
    expect(await receipts.completeReplied(KEY, REPLY)).toBe(true);
    expect(await receipts.read(KEY)).toEqual({ key: KEY, status: 'replied', reply: REPLY, createdAt: 1000 });
    expect(await receipts.claim(KEY, 2000)).toEqual({ claimed: false, receipt: { key: KEY, status: 'replied', reply: REPLY, createdAt: 1000 } });
  });

  it('completeReplied only from processing: a second completion does not overwrite the first reply', async () => {
    await receipts.claim(KEY, 1000);
    await receipts.completeReplied(KEY, REPLY);
    expect(await receipts.completeReplied(KEY, '<xml>other</xml>')).toBe(false);
    expect((await receipts.read(KEY))?.reply).toBe(REPLY);
  });

  it('completeReplied of a key never claimed returns false and creates nothing', async () => {
    expect(await receipts.completeReplied('unknown', REPLY)).toBe(false);
    expect(await receipts.read('unknown')).toBeUndefined();
  });

  it('defer then completeReplied: false, and the receipt stays deferred without a reply', async () => {
    await receipts.claim(KEY, 1000);
    expect(await receipts.defer(KEY)).toBe(true);
    expect(await receipts.completeReplied(KEY, REPLY)).toBe(false);
    expect(await receipts.read(KEY)).toEqual({ key: KEY, status: 'deferred', reply: undefined, createdAt: 1000 });
  });

  it('defer twice: true both times (already deferred)', async () => {
    await receipts.claim(KEY, 1000);
    expect(await receipts.defer(KEY)).toBe(true);
    expect(await receipts.defer(KEY)).toBe(true);
  });

  it('defer after replied returns false and keeps the reply', async () => {
    await receipts.claim(KEY, 1000);
    await receipts.completeReplied(KEY, REPLY);
    expect(await receipts.defer(KEY)).toBe(false);
    expect(await receipts.read(KEY)).toMatchObject({ status: 'replied', reply: REPLY });
  });

  it('defer of a key never claimed returns false', async () => {
    expect(await receipts.defer('unknown')).toBe(false);
  });

  it('prune deletes receipts created before the cut-off, and only those', async () => {
    await receipts.claim('old-1', 1000);
    await receipts.claim('old-2', 1999);
    await receipts.claim('edge', 2000);
    await receipts.claim('new', 3000);
    expect(await receipts.prune(2000)).toBe(2);
    expect(await receipts.read('old-1')).toBeUndefined();
    expect(await receipts.read('old-2')).toBeUndefined();
    expect(await receipts.read('edge')).toBeDefined();
    expect(await receipts.read('new')).toBeDefined();
    expect(await receipts.prune(2000)).toBe(0);
  });

  it('a pruned key can be claimed again', async () => {
    await receipts.claim(KEY, 1000);
    await receipts.prune(5000);
    expect(await receipts.claim(KEY, 6000)).toEqual({ claimed: true });
  });

  it('two stores on one connection share the table (the migration runs once)', async () => {
    const again = new SqliteMessageReceipts(db);
    await receipts.claim(KEY, 1000);
    expect(await again.claim(KEY, 1000)).toMatchObject({ claimed: false });
  });

  it.each([
    ['claim', (r: SqliteMessageReceipts) => r.claim(KEY, 1)],
    ['read', (r: SqliteMessageReceipts) => r.read(KEY)],
    ['completeReplied', (r: SqliteMessageReceipts) => r.completeReplied(KEY, REPLY)],
    ['defer', (r: SqliteMessageReceipts) => r.defer(KEY)],
    ['prune', (r: SqliteMessageReceipts) => r.prune(1)],
  ])('%s on a closed database → StorageUnavailableError naming the store', async (_name, call) => {
    db.close();
    const attempt = call(receipts);
    await expect(attempt).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(attempt).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE', message: expect.stringMatching(/^Message receipts: SQLite failed: .*not open/) });
  });
});

describe('SqliteMessageReceipts across processes (two connections to one WAL file)', () => {
  let dir: string;
  let a: Database.Database;
  let b: Database.Database;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'receipts-'));
    a = openSqlite(join(dir, 'channels.sqlite'));
    b = openSqlite(join(dir, 'channels.sqlite'));
  });
  afterEach(() => {
    for (const db of [a, b]) if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the file is in WAL mode', () => {
    expect(a.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it("sees the other's claim, reply and deferral", async () => {
    const first = new SqliteMessageReceipts(a);
    const second = new SqliteMessageReceipts(b);
    expect(await first.claim(KEY, 1000)).toEqual({ claimed: true });
    expect(await second.claim(KEY, 1001)).toEqual({ claimed: false, receipt: expect.objectContaining({ status: 'processing', createdAt: 1000 }) });

    expect(await second.defer(KEY)).toBe(true);
    expect(await first.completeReplied(KEY, REPLY)).toBe(false);
    expect(await first.read(KEY)).toMatchObject({ status: 'deferred' });

    expect(await second.claim('k2', 2000)).toEqual({ claimed: true });
    expect(await second.completeReplied('k2', REPLY)).toBe(true);
    expect(await first.claim('k2', 2001)).toEqual({ claimed: false, receipt: expect.objectContaining({ status: 'replied', reply: REPLY }) });
  });

  it('of many interleaved claims of one key, exactly one wins', async () => {
    const stores = [new SqliteMessageReceipts(a), new SqliteMessageReceipts(b)];
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => stores[i % 2].claim(KEY, 1000 + i)));
    expect(results.filter((r) => r.claimed)).toHaveLength(1);
  });
});
