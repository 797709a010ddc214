import { mkdtempSync, openSync, readSync, rmSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { StorageUnavailableError } from '../../../integrations/storage/errors';
import { storageFaultOf } from '../../../integrations/storage/storageFaultOf';
import { openSqlite } from '../../../integrations/storage/sqlite/openSqlite';
import { sqliteFault, sqliteFaultCode } from '../../../integrations/storage/sqlite/sqliteFault';
import { sqliteStep } from '../../../integrations/storage/sqlite/sqliteStep';
import { SqliteMessageReceipts } from '../../../integrations/storage/sqlite/SqliteMessageReceipts';
import { SqliteRateLimits } from '../../../integrations/storage/sqlite/SqliteRateLimits';
import { SqliteStorage } from '../../../integrations/storage/sqlite/SqliteStorage';
import { SqliteTranscriptStore } from '../../../integrations/storage/sqlite/SqliteTranscriptStore';
import { SqliteAuditLog } from '../../../integrations/storage/sqlite/SqliteAuditLog';
import { fillUp } from '../../support/fillUp';
import { createSqliteStores } from '../../../integrations/storage/sqlite/createSqliteStores';

const dirs: string[] = [];
function freshFile(name = 'faults.sqlite'): string {
  const dir = mkdtempSync(join(tmpdir(), 'jiaoguan-faults-'));
  dirs.push(dir);
  return join(dir, name);
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The thrown error of a promise (fails the test when it resolves). */
async function failure(p: Promise<unknown>): Promise<StorageUnavailableError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(StorageUnavailableError);
    return e as StorageUnavailableError;
  }
  throw new Error('expected a StorageUnavailableError, but the call succeeded');
}

const entry = (text: string) => ({ conversationId: 'c1', channelId: 'wechat', from: 'user' as const, text, timestamp: '2026-11-25T09:00:00.000Z' });

describe('sqliteFaultCode: SQLite result codes → stable fault codes', () => {
  it.each([
    ['SQLITE_FULL', 'STORAGE_FULL'],
    ['SQLITE_IOERR', 'STORAGE_IO'],
    ['SQLITE_IOERR_WRITE', 'STORAGE_IO'],
    ['SQLITE_IOERR_SHORT_READ', 'STORAGE_IO'],
    ['SQLITE_BUSY', 'STORAGE_LOCKED'],
    ['SQLITE_BUSY_SNAPSHOT', 'STORAGE_LOCKED'],
    ['SQLITE_LOCKED', 'STORAGE_LOCKED'],
    ['SQLITE_READONLY', 'STORAGE_READONLY'],
    ['SQLITE_READONLY_DBMOVED', 'STORAGE_READONLY'],
    ['SQLITE_CORRUPT', 'STORAGE_CORRUPT'],
    ['SQLITE_CORRUPT_INDEX', 'STORAGE_CORRUPT'],
    ['SQLITE_NOTADB', 'STORAGE_CORRUPT'],
    ['SQLITE_CONSTRAINT_UNIQUE', 'STORAGE_UNAVAILABLE'],
    ['SQLITE_FULLX', 'STORAGE_UNAVAILABLE'],
  ])('%s → %s', (sqlite, ours) => {
    expect(sqliteFaultCode(new Database.SqliteError('driver message', sqlite))).toBe(ours);
  });

  it('an error without a SQLite code (a closed connection) is STORAGE_UNAVAILABLE', () => {
    const db = new Database(':memory:');
    db.close();
    let closed: unknown;
    try {
      db.prepare('SELECT 1');
    } catch (e) {
      closed = e;
    }
    expect(closed).toBeDefined();
    expect(sqliteFaultCode(closed)).toBe('STORAGE_UNAVAILABLE');
  });

  it('sqliteFault names the store, keeps the cause and says what happened and what to do', () => {
    const cause = new Database.SqliteError('database or disk is full', 'SQLITE_FULL');
    const err = sqliteFault('Message receipts', 'Message receipts: SQLite failed', cause);
    expect(err).toMatchObject({ code: 'STORAGE_FULL', store: 'Message receipts', cause });
    expect(err.message).toMatch(/^Message receipts: SQLite failed: database or disk is full \(STORAGE_FULL: the disk .* is full; nothing of this step was saved\. Operator: free space/);
    expect(storageFaultOf(new Error('wrapped', { cause: err }))).toBe(err);
    expect(storageFaultOf(new Error('other'))).toBeUndefined();
  });

  it("sqliteStep lets the store's own refusals through unchanged", () => {
    const own = Object.assign(new Error('exists'), { code: 'UTTERANCE_EXISTS' });
    expect(() => sqliteStep('Training data', () => { throw own; })).toThrow(own);
  });
});

describe('disk full (PRAGMA max_page_count, filled until SQLITE_FULL)', () => {
  it('bot state: a batch that does not fit is STORAGE_FULL, all-or-nothing, and works again once space is freed', async () => {
    const db = openSqlite(freshFile());
    const storage = new SqliteStorage(db);
    await storage.write({ 'wechat/conversations/a': { step: 'idNumber' } });
    const free = fillUp(db);

    const err = await failure(storage.write({ 'wechat/conversations/a': { step: 'name' }, 'wechat/conversations/b': { big: 'x'.repeat(20_000) } }));
    expect(err).toMatchObject({ code: 'STORAGE_FULL', store: 'Bot state' });
    expect(err.message).toMatch(/^Storage: SQLite write of bot state failed: database or disk is full \(STORAGE_FULL/);
    // Nothing of the batch was written: the earlier state is intact.
    expect(await storage.read(['wechat/conversations/a', 'wechat/conversations/b'])).toEqual({
      'wechat/conversations/a': { step: 'idNumber', eTag: expect.any(String) },
    });

    free();
    await storage.write({ 'wechat/conversations/a': { step: 'name' }, 'wechat/conversations/b': { big: 'x'.repeat(20_000) } });
    expect((await storage.read(['wechat/conversations/a']))['wechat/conversations/a']).toMatchObject({ step: 'name' });
    db.close();
  });

  it('transcripts, message receipts and the audit log (sqliteStep) report STORAGE_FULL naming their store', async () => {
    const db = openSqlite(freshFile());
    const transcripts = new SqliteTranscriptStore(db);
    const receipts = new SqliteMessageReceipts(db);
    const audit = new SqliteAuditLog(db);
    await receipts.claim('msg-1', 1000);
    fillUp(db);

    expect(await failure(transcripts.append(entry('长'.repeat(5000))))).toMatchObject({ code: 'STORAGE_FULL', store: 'Transcripts' });
    const receiptError = await failure(receipts.completeReplied('msg-1', `<xml>${'x'.repeat(20_000)}</xml>`));
    expect(receiptError).toMatchObject({ code: 'STORAGE_FULL', store: 'Message receipts' });
    expect(receiptError.message).toMatch(/^Message receipts: SQLite failed: database or disk is full/);
    expect(await failure(audit.append({ at: 1, actor: 'a1', action: 'nlu.import', details: { text: 'y'.repeat(20_000) } })))
      .toMatchObject({ code: 'STORAGE_FULL', store: 'Audit log' });
    // The receipt kept its earlier status: nothing half-written.
    expect(await receipts.read('msg-1')).toMatchObject({ status: 'processing' });
    db.close();
  });
});

describe('locked (a second connection holds BEGIN EXCLUSIVE)', () => {
  it('writers give up after their busy timeout with STORAGE_LOCKED, and work again once the lock is released', async () => {
    const file = freshFile();
    const db = openSqlite(file);
    db.pragma('busy_timeout = 100');
    const storage = new SqliteStorage(db);
    const transcripts = new SqliteTranscriptStore(db);
    const limits = new SqliteRateLimits(db);
    await storage.write({ k: { n: 1 } });

    const other = new Database(file);
    other.exec('BEGIN EXCLUSIVE');
    try {
      const started = Date.now();
      const stateError = await failure(storage.write({ k: { n: 2 } }));
      expect(stateError).toMatchObject({ code: 'STORAGE_LOCKED', store: 'Bot state' });
      expect(stateError.message).toMatch(/database is locked \(STORAGE_LOCKED: .*Operator: look for a process holding the database/);
      expect(await failure(transcripts.append(entry('hi')))).toMatchObject({ code: 'STORAGE_LOCKED', store: 'Transcripts' });
      expect(await failure(limits.hit('account:a1:read', 0, 60_000, 10))).toMatchObject({ code: 'STORAGE_LOCKED', store: 'Rate limits' });
      expect(Date.now() - started).toBeLessThan(3000);
      // Reading still works in WAL mode, and shows the state from before.
      expect((await storage.read(['k'])).k).toMatchObject({ n: 1 });
    } finally {
      other.exec('COMMIT');
      other.close();
    }
    await storage.write({ k: { n: 2 } });
    expect((await storage.read(['k'])).k).toMatchObject({ n: 2 });
    db.close();
  });
});

describe('start-up on a locked file', () => {
  it('preparing the stores (migrations) fails with STORAGE_LOCKED and the file named, not a raw SQLite error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jiaoguan-locked-start-'));
    const other = new Database(join(dir, 'jiaoguan.sqlite'));
    other.exec('BEGIN EXCLUSIVE');
    try {
      let error: unknown;
      try {
        createSqliteStores(dir);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(StorageUnavailableError);
      expect(error).toMatchObject({ code: 'STORAGE_LOCKED', store: 'SQLite store' });
      expect((error as Error).message).toContain(`"${join(dir, 'jiaoguan.sqlite')}": database is locked (STORAGE_LOCKED`);
    } finally {
      other.exec('ROLLBACK');
      other.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 20_000);
});

describe('read-only and damaged files', () => {
  it('a database opened read-only: writes are STORAGE_READONLY', async () => {
    const file = freshFile();
    const setup = openSqlite(file);
    new SqliteRateLimits(setup);
    setup.close();
    const db = new Database(file, { readonly: true });
    const limits = new SqliteRateLimits(db);
    expect(await failure(limits.hit('k', 0, 60_000, 10))).toMatchObject({ code: 'STORAGE_READONLY', store: 'Rate limits' });
    db.close();
  });

  it('a damaged table page: reads are STORAGE_CORRUPT', async () => {
    const file = freshFile();
    const setup = openSqlite(file);
    const before = new SqliteTranscriptStore(setup);
    for (let i = 0; i < 20; i += 1) await before.append(entry(`message ${i} ${'.'.repeat(300)}`));
    const root = (setup.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'transcript_entries'").get() as { rootpage: number }).rootpage;
    const pageSize = setup.pragma('page_size', { simple: true }) as number;
    setup.close();
    // Overwrite the table's root page with garbage (the WAL was checkpointed into the file on close).
    const fd = openSync(file, 'r+');
    const check = Buffer.alloc(1);
    readSync(fd, check, 0, 1, (root - 1) * pageSize);
    expect([0x05, 0x0d]).toContain(check[0]);
    writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (root - 1) * pageSize);
    closeSync(fd);

    const db = openSqlite(file);
    const transcripts = new SqliteTranscriptStore(db);
    const err = await failure(transcripts.list('c1'));
    expect(err).toMatchObject({ code: 'STORAGE_CORRUPT', store: 'Transcripts' });
    expect(err.message).toMatch(/Operator: stop the bot, keep a copy of the damaged file, and restore the latest backup/);
    db.close();
  });
});
