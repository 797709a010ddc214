import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GroupCommit } from '../../../integrations/storage/sqlite/groupCommit';
import { openSqlite } from '../../../integrations/storage/sqlite/openSqlite';

describe('GroupCommit', () => {
  let dir: string;
  let db: Database.Database;
  let commits: GroupCommit;
  const count = () => (db.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n;
  const insert = (v: string) => () => db.prepare('INSERT INTO t (v) VALUES (?)').run(v).lastInsertRowid;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'jiaoguan-group-'));
    db = openSqlite(join(dir, 'g.sqlite'));
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)');
    commits = new GroupCommit(db);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes asked for together commit together, each caller getting its own result after the commit', async () => {
    const totalChanges = db.prepare('SELECT total_changes() AS n');
    const pending = [commits.run(insert('a')), commits.run(insert('b')), commits.run(insert('c'))];
    expect(count()).toBe(0); // nothing runs before the batch
    expect(await Promise.all(pending)).toEqual([1, 2, 3]);
    expect(count()).toBe(3);
    expect((totalChanges.get() as { n: number }).n).toBe(3);
    // Another connection sees all of it: it was committed.
    const other = new Database(join(dir, 'g.sqlite'), { readonly: true });
    expect((other.prepare('SELECT group_concat(v) AS v FROM t').get() as { v: string }).v).toBe('a,b,c');
    other.close();
  });

  it('a failing write loses only itself: its caller gets the error, the others are stored', async () => {
    const results = await Promise.allSettled([commits.run(insert('a')), commits.run(insert('a')), commits.run(insert('b'))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
    expect(count()).toBe(2);
  });

  it('when the transaction cannot be had (another connection holds the lock) every caller is told and nothing is stored', async () => {
    db.pragma('busy_timeout = 50');
    const holder = new Database(join(dir, 'g.sqlite'));
    holder.exec('BEGIN EXCLUSIVE');
    const results = await Promise.allSettled([commits.run(insert('a')), commits.run(insert('b'))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'SQLITE_BUSY' });
    holder.exec('ROLLBACK');
    holder.close();
    expect(count()).toBe(0);
    expect(await commits.run(insert('c'))).toBe(1);
  });

  it('a full disk in the middle of a batch stores none of it and tells every caller', async () => {
    db.pragma('page_size = 512');
    db.exec('VACUUM');
    const pages = (db.pragma('page_count', { simple: true }) as number);
    db.pragma(`max_page_count = ${pages + 2}`);
    const big = 'x'.repeat(400);
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => commits.run(insert(`${i}${big}`))));
    const rejected = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(rejected.length).toBeGreaterThan(0);
    expect(rejected[0].reason).toMatchObject({ code: 'SQLITE_FULL' });
    const stored = count();
    // Whatever was reported stored is stored, and nothing reported failed is.
    expect(stored).toBe(results.filter((r) => r.status === 'fulfilled').length);
  });
});
