import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { manualClock } from '../../../integrations/clock';
import { StorageConflictError, StorageUnavailableError } from '../../../integrations/storage/errors';
import { botStateMigrations } from '../../../integrations/storage/sqlite/botStateMigrations';
import { createSqliteStores } from '../../../integrations/storage/sqlite/createSqliteStores';
import { applyMigrations } from '../../../integrations/storage/sqlite/migrate';
import { openSqlite } from '../../../integrations/storage/sqlite/openSqlite';
import { SqliteStorage } from '../../../integrations/storage/sqlite/SqliteStorage';
import { runStorageContract } from './storageContract';

const tempDirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jiaoguan-storage-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

runStorageContract('SqliteStorage (file)', async () => {
  const stores = createSqliteStores(freshDir());
  return { storage: stores.storage, close: stores.close };
});

describe('SqliteStorage', () => {
  const open: Database.Database[] = [];
  function openFile(file: string): Database.Database {
    const db = openSqlite(file);
    open.push(db);
    return db;
  }
  afterEach(() => {
    for (const db of open.splice(0)) if (db.open) db.close();
  });

  it('throws StorageConflictError with a stable code and the key on a stale eTag', async () => {
    const storage = new SqliteStorage(openFile(':memory:'));
    await storage.write({ 'conv/1': { count: 1 } });
    const stale = (await storage.read(['conv/1']))['conv/1'] as { eTag: string };
    await storage.write({ 'conv/1': { ...stale, count: 2 } });
    const error = await storage.write({ 'conv/1': { ...stale, count: 3 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageConflictError);
    expect(error).toMatchObject({ code: 'STORAGE_ETAG_CONFLICT', key: 'conv/1' });
    expect((error as Error).message).toBe('Storage: error writing "conv/1" due to eTag conflict.');
  });

  it('keeps the data when the file is closed and opened again', async () => {
    const file = join(freshDir(), 'state.sqlite');
    const first = openFile(file);
    await new SqliteStorage(first).write({ 'user/1': { name: '张伟', bound: true } });
    const eTag = ((await new SqliteStorage(first).read(['user/1']))['user/1'] as { eTag: string }).eTag;
    first.close();

    const reopened = new SqliteStorage(openFile(file));
    expect((await reopened.read(['user/1']))['user/1']).toEqual({ name: '张伟', bound: true, eTag });
  });

  it('two connections on one file respect each other’s eTags', async () => {
    const file = join(freshDir(), 'shared.sqlite');
    const a = new SqliteStorage(openFile(file));
    const b = new SqliteStorage(openFile(file));

    await a.write({ k: { count: 1 } });
    const seenByB = (await b.read(['k'])).k as { count: number; eTag: string };
    expect(seenByB.count).toBe(1);

    const seenByA = (await a.read(['k'])).k as { count: number; eTag: string };
    await a.write({ k: { ...seenByA, count: 2 } });

    await expect(b.write({ k: { ...seenByB, count: 3 } })).rejects.toBeInstanceOf(StorageConflictError);
    expect((await b.read(['k'])).k).toMatchObject({ count: 2 });

    const fresh = (await b.read(['k'])).k as { count: number; eTag: string };
    await b.write({ k: { ...fresh, count: 3 } });
    expect((await a.read(['k'])).k).toMatchObject({ count: 3 });
  });

  it('loses no update when two processes increment the same item concurrently', async () => {
    const file = join(freshDir(), 'processes.sqlite');
    const setup = openFile(file);
    await new SqliteStorage(setup).write({ counter: { count: 0 } });
    setup.close();

    const times = 1500;
    const fixture = join(__dirname, '../../fixtures/storage/incrementCounter.ts');
    const children = [0, 1].map(() =>
      spawn(process.execPath, ['--import', 'tsx', fixture, file, 'counter', String(times)], {
        cwd: join(__dirname, '../../..'),
        stdio: ['pipe', 'pipe', 'pipe'],
      }),
    );
    const outputs = children.map(
      (child) =>
        new Promise<string>((resolve, reject) => {
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
        }),
    );
    // Start both only once both are ready, so they really run at the same time.
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            const onData = (chunk: Buffer): void => {
              if (chunk.toString().includes('ready')) {
                child.stdout.off('data', onData);
                resolve();
              }
            };
            child.stdout.on('data', onData);
          }),
      ),
    );
    for (const child of children) child.stdin.write('go\n');

    const results = (await Promise.all(outputs)).map(
      (out) => JSON.parse(out.trim().split('\n').pop() ?? '{}') as { conflicts: number },
    );
    const check = new SqliteStorage(openFile(file));
    expect((await check.read(['counter'])).counter).toMatchObject({ count: 2 * times });
    // The processes did contend; every conflict was detected and retried rather than overwritten.
    expect(results[0].conflicts + results[1].conflicts).toBeGreaterThan(0);
  }, 60_000);

  it('records its migration once however often it is constructed', () => {
    const db = openFile(':memory:');
    new SqliteStorage(db);
    new SqliteStorage(db);
    expect(applyMigrations(db, 'botstate', botStateMigrations)).toBe(0);
    const rows = db.prepare("SELECT version FROM schema_migrations WHERE scope = 'botstate'").all();
    expect(rows).toEqual([{ version: 1 }]);
  });

  it('stamps updated_at from the injected clock', async () => {
    const db = openFile(':memory:');
    const storage = new SqliteStorage(db, { clock: manualClock('2026-11-25T09:00:00+08:00') });
    await storage.write({ k: { count: 1 } });
    expect(db.prepare('SELECT updated_at FROM bot_state WHERE key = ?').get('k')).toEqual({
      updated_at: '2026-11-25T01:00:00.000Z',
    });
  });

  it('rejects items that are not objects and writes nothing of that batch', async () => {
    const storage = new SqliteStorage(openFile(':memory:'));
    await expect(storage.write({ ok: { count: 1 }, bad: 'text' })).rejects.toThrow(
      'Storage: item "bad" must be an object, got string.',
    );
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(storage.write({ ok: { count: 1 }, loop: circular })).rejects.toThrow(TypeError);
    expect(await storage.read(['ok', 'bad', 'loop'])).toEqual({});
  });

  it('reports a closed database as StorageUnavailableError', async () => {
    const db = openFile(':memory:');
    const storage = new SqliteStorage(db);
    db.close();
    await expect(storage.read(['k'])).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(storage.write({ k: { count: 1 } })).rejects.toMatchObject({
      code: 'STORAGE_UNAVAILABLE',
      message: expect.stringMatching(/^Storage: SQLite write of bot state failed: /),
    });
    await expect(storage.delete(['k'])).rejects.toBeInstanceOf(StorageUnavailableError);
  });
});

describe('openSqlite', () => {
  it('creates missing parent folders and sets WAL, NORMAL sync, busy timeout and foreign keys', () => {
    const file = join(freshDir(), 'a', 'b', 'c.sqlite');
    const db = openSqlite(file);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      db.close();
    }
  });

  it('opens a private in-memory database for ":memory:"', () => {
    const a = openSqlite(':memory:');
    const b = openSqlite(':memory:');
    a.exec('CREATE TABLE t (x)');
    expect(b.prepare("SELECT name FROM sqlite_master WHERE name = 't'").all()).toEqual([]);
    a.close();
    b.close();
  });

  it('names the file and the cause when the folder cannot be created', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'not-a-folder'), 'x');
    const file = join(dir, 'not-a-folder', 'db.sqlite');
    expect(() => openSqlite(file)).toThrow(StorageUnavailableError);
    expect(() => openSqlite(file)).toThrow(`Storage: cannot open SQLite database "${file}": `);
  });

  it('names the file and the cause when the file is not a database', () => {
    const file = join(freshDir(), 'garbage.sqlite');
    writeFileSync(file, 'this is not a sqlite database, just some text that is long enough'.repeat(20));
    let error: unknown;
    try {
      openSqlite(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect(error).toMatchObject({ code: 'STORAGE_CORRUPT', store: 'SQLite store' });
    expect((error as Error).message).toMatch(new RegExp(`^Storage: cannot open SQLite database "${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}": file is not a database \\(STORAGE_CORRUPT: .*Operator: `));
    expect(((error as Error).cause as { message?: string } | undefined)?.message).toBe('file is not a database');
  });
});
