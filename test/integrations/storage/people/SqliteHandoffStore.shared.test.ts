import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { StorageUnavailableError } from '../../../../integrations/storage/errors';
import type { HandoffRecord } from '../../../../integrations/storage/handoffs';
import { openSqlite } from '../../../../integrations/storage/sqlite/openSqlite';
import { SqliteHandoffStore } from '../../../../integrations/storage/sqlite/SqliteHandoffStore';
import { newHandoff } from './handoffFixtures';

/** Two connections on one file: what two bot processes sharing the data folder see. */
describe('SqliteHandoffStore shared by two connections (the cross-process case)', () => {
  let dir: string;
  let dbA: Database.Database;
  let dbB: Database.Database;
  let a: SqliteHandoffStore;
  let b: SqliteHandoffStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'jiaoguan-handoffs-'));
    const file = join(dir, 'jiaoguan.sqlite');
    dbA = openSqlite(file);
    a = new SqliteHandoffStore(dbA);
    dbB = openSqlite(file);
    b = new SqliteHandoffStore(dbB);
  });
  afterEach(() => {
    for (const db of [dbA, dbB]) if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies the people migration once for both connections', () => {
    expect(dbB.prepare("SELECT version FROM schema_migrations WHERE scope = 'people'").all()).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }]);
  });

  it('never opens a second handoff for a conversation, whichever connection asks', async () => {
    const first = await a.create(newHandoff('wechat:c1'), 1_000);
    const second = await b.create(newHandoff('wechat:c1', 'complaint'), 1_001);
    expect(second).toEqual({ record: first.record, created: false });
    const both = await Promise.all([a.create(newHandoff('web:c2'), 5), b.create(newHandoff('web:c2'), 5)]);
    expect(both.map((r) => r.created).sort()).toEqual([false, true]);
    expect(both[0].record.id).toBe(both[1].record.id);
    expect(dbA.prepare("SELECT COUNT(*) AS n FROM handoffs WHERE status IN ('waiting', 'active')").get()).toEqual({ n: 2 });
  });

  it('is backed by the schema: a raw second open row for the conversation is refused', async () => {
    await a.create(newHandoff('wechat:c1'), 1);
    expect(() => dbB.prepare(`INSERT INTO handoffs (id, conversation_key, channel_id, conversation_id, reference, reason, priority,
      status, citizen, intents, locale, created_at) VALUES ('x', 'wechat:c1', 'wechat', 'c1', '{}', 'rule', 1, 'waiting', '{}', '[]', 'zh-CN', 2)`).run())
      .toThrow(/UNIQUE/);
  });

  it('sees a new handoff again from the other connection once the first is closed', async () => {
    const first = await a.create(newHandoff('wechat:c1'), 1);
    expect(await b.finish(first.record.id, ['waiting', 'active'], 'closed', 'handback', 2)).toBe(true);
    const second = await a.create(newHandoff('wechat:c1'), 3);
    expect(second.created).toBe(true);
    expect((await b.openFor('wechat:c1'))?.id).toBe(second.record.id);
  });

  it('lets exactly one of two racing agents accept, whichever asks first', async () => {
    for (let i = 0; i < 6; i += 1) {
      const { record } = await a.create(newHandoff(`w:${i}`), i);
      const [first, second] = i % 2 === 0 ? [a, b] : [b, a];
      const results = await Promise.all([first.accept(record.id, 'agent-first', 10), second.accept(record.id, 'agent-second', 10)]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results[0] ? 'agent-first' : 'agent-second';
      expect((await a.get(record.id))?.agentId).toBe(winner);
      expect((await b.get(record.id))?.agentId).toBe(winner);
    }
  });

  it('transfers only by the owner, seen from the other connection', async () => {
    const { record } = await a.create(newHandoff('w:1'), 1);
    await a.accept(record.id, 'agent-1', 2);
    expect(await b.transfer(record.id, 'agent-2', 'agent-2')).toBe(false);
    expect(await b.transfer(record.id, 'agent-1', 'agent-2')).toBe(true);
    expect(await a.transfer(record.id, 'agent-1', 'agent-3')).toBe(false);
    expect((await a.get(record.id))?.agentId).toBe('agent-2');
  });

  it('expires each waiting handoff once when both connections sweep (union without duplicates)', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 8; i += 1) ids.push((await (i % 2 ? a : b).create(newHandoff(`w:${i}`), 100 + i)).record.id);
    const sweeps: HandoffRecord[][] = await Promise.all([a.expireWaiting(104, 1_000), b.expireWaiting(200, 1_000), a.expireWaiting(200, 1_001)]);
    const union = sweeps.flat().map((r) => r.id);
    expect(new Set(union).size).toBe(union.length);
    expect([...union].sort()).toEqual([...ids].sort());
    expect(await b.waiting()).toEqual([]);
  });

  it('grants one callback request across connections', async () => {
    const { record } = await a.create(newHandoff('w:1'), 1);
    await b.expireWaiting(2, 3);
    const results = await Promise.all([a.requestCallback(record.id), b.requestCallback(record.id)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await a.callbacks(5)).map((r) => r.id)).toEqual([record.id]);
  });

  it('numbers events across connections so a stream from either resumes without gaps', async () => {
    const { record } = await a.create(newHandoff('w:1'), 1);
    const e1 = await a.addEvent({ handoffId: record.id, kind: 'created', at: 1 });
    const e2 = await b.addEvent({ handoffId: record.id, kind: 'user', text: '还在吗', at: 2 });
    const e3 = await a.addEvent({ handoffId: record.id, kind: 'accepted', agentId: 'agent-1', at: 3 });
    expect([e1.id, e2.id, e3.id]).toEqual([1, 2, 3]);
    expect(await b.lastEventId()).toBe(3);
    expect((await b.eventsAfter(e1.id, 10)).map((e) => e.kind)).toEqual(['user', 'accepted']);
    expect((await a.eventsOf(record.id)).map((e) => e.id)).toEqual([1, 2, 3]);
  });

  it('keeps everything across a reopen (restart)', async () => {
    const { record } = await a.create(newHandoff('w:1', 'complaint', { citizen: { label: '李*', bound: true, phone: '139****0000' } }), 7);
    await a.addEvent({ handoffId: record.id, kind: 'created', at: 7 });
    dbA.close();
    dbB.close();
    dbA = openSqlite(join(dir, 'jiaoguan.sqlite'));
    const reopened = new SqliteHandoffStore(dbA);
    expect(await reopened.get(record.id)).toEqual(record);
    expect(await reopened.lastEventId()).toBe(1);
  });
});

describe('SqliteHandoffStore when the database is closed', () => {
  const calls: Array<[string, (s: SqliteHandoffStore) => Promise<unknown>]> = [
    ['create', (s) => s.create(newHandoff('w:a'), 1)],
    ['get', (s) => s.get('x')],
    ['openFor', (s) => s.openFor('w:a')],
    ['latestFor', (s) => s.latestFor('w:a')],
    ['waiting', (s) => s.waiting()],
    ['active', (s) => s.active()],
    ['callbacks', (s) => s.callbacks(5)],
    ['position', (s) => s.position('x')],
    ['accept', (s) => s.accept('x', 'a', 1)],
    ['transfer', (s) => s.transfer('x', 'a', 'b')],
    ['finish', (s) => s.finish('x', ['waiting'], 'closed', 'o', 1)],
    ['expireWaiting', (s) => s.expireWaiting(1, 1)],
    ['requestCallback', (s) => s.requestCallback('x')],
    ['addEvent', (s) => s.addEvent({ handoffId: 'x', kind: 'note', at: 1 })],
    ['eventsAfter', (s) => s.eventsAfter(0, 1)],
    ['eventsOf', (s) => s.eventsOf('x')],
    ['lastEventId', (s) => s.lastEventId()],
  ];
  it.each(calls)('%s rejects with StorageUnavailableError naming the store', async (_name, call) => {
    const db = new Database(':memory:');
    const store = new SqliteHandoffStore(db);
    db.close();
    await expect(call(store)).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(call(store)).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE', message: expect.stringContaining('Handoffs') });
  });
});
