import Database from 'better-sqlite3';
import type { HandoffReason } from '../../../../integrations/storage/handoffs';
import { SqliteHandoffStore } from '../../../../integrations/storage/sqlite/SqliteHandoffStore';
import { applyMigrations } from '../../../../integrations/storage/sqlite/migrate';
import { peopleMigrations } from '../../../../integrations/storage/sqlite/peopleMigrations';
import { CITIZEN, newHandoff } from './handoffFixtures';

describe('SqliteHandoffStore (in memory)', () => {
  let db: Database.Database;
  let store: SqliteHandoffStore;

  beforeEach(() => {
    db = new Database(':memory:');
    store = new SqliteHandoffStore(db);
  });
  afterEach(() => {
    if (db.open) db.close();
  });

  async function open(key: string, reason: HandoffReason = 'requested', at = 1_000): Promise<string> {
    return (await store.create(newHandoff(key, reason), at)).record.id;
  }

  describe('create', () => {
    it('opens a waiting handoff with everything the agent console shows, citizen and intents round-tripped', async () => {
      const { record, created } = await store.create(newHandoff('wechat:c1'), 1_000);
      expect(created).toBe(true);
      expect(record).toEqual({
        id: expect.any(String), citizenKey: 'user:wechat:c1', conversationKey: 'wechat:c1', channelId: 'wechat', conversationId: 'c1',
        reference: newHandoff('wechat:c1').reference, reason: 'requested', priority: 1, status: 'waiting', citizen: CITIZEN,
        intents: ['exam.book', 'fine.query'], locale: 'zh-CN', createdAt: 1_000, acceptedAt: undefined, closedAt: undefined,
        agentId: undefined, outcome: undefined, callbackRequested: false,
      });
      expect(await store.get(record.id)).toEqual(record);
      expect(await store.get('no-such-id')).toBeUndefined();
    });

    it('round-trips a minimal unbound citizen without inventing fields', async () => {
      const { record } = await store.create(newHandoff('web:c2', 'rule', { citizen: { label: '访客', bound: false }, intents: [] }), 5);
      expect((await store.get(record.id))?.citizen).toEqual({ label: '访客', bound: false });
      expect((await store.get(record.id))?.intents).toEqual([]);
    });

    it.each<[HandoffReason, number]>([
      ['complaint', 0], ['requested', 1], ['misunderstood', 1], ['rule', 1], ['platform_failure', 1],
    ])('reason %s gets priority %i', async (reason, priority) => {
      expect((await store.create(newHandoff('wechat:p', reason), 1)).record.priority).toBe(priority);
    });

    it('returns the open handoff (created=false) for a second request of the same conversation, waiting or active', async () => {
      const first = await open('wechat:c1');
      const again = await store.create(newHandoff('wechat:c1', 'complaint'), 2_000);
      expect(again).toEqual({ record: expect.objectContaining({ id: first, reason: 'requested', createdAt: 1_000 }), created: false });
      await store.accept(first, 'agent-1', 3_000);
      expect((await store.create(newHandoff('wechat:c1'), 4_000)).record).toMatchObject({ id: first, status: 'active', agentId: 'agent-1' });
      expect((await store.create(newHandoff('wechat:c1'), 4_000)).created).toBe(false);
      expect(db.prepare('SELECT COUNT(*) AS n FROM handoffs').get()).toEqual({ n: 1 });
    });

    it.each<'closed' | 'cancelled' | 'expired'>(['closed', 'cancelled', 'expired'])(
      'allows a new handoff once the previous one is %s; latestFor then returns the new one',
      async (status) => {
        const first = await open('wechat:c1', 'requested', 1_000);
        expect(await store.finish(first, ['waiting', 'active'], status, 'done', 1_500)).toBe(true);
        expect(await store.openFor('wechat:c1')).toBeUndefined();
        expect((await store.latestFor('wechat:c1'))?.id).toBe(first);
        const second = await store.create(newHandoff('wechat:c1'), 2_000);
        expect(second.created).toBe(true);
        expect(second.record.id).not.toBe(first);
        expect((await store.openFor('wechat:c1'))?.id).toBe(second.record.id);
        expect((await store.latestFor('wechat:c1'))?.id).toBe(second.record.id);
      },
    );

    it('keeps conversations apart', async () => {
      const a = await open('wechat:a');
      const b = await open('web:a');
      expect(a).not.toBe(b);
      expect((await store.openFor('web:a'))?.id).toBe(b);
      expect(await store.latestFor('wechat:zzz')).toBeUndefined();
    });
  });

  describe('queue order and position', () => {
    it('serves complaints first, then by created time, then by insertion order', async () => {
      const a = await open('w:a', 'requested', 100);
      const b = await open('w:b', 'complaint', 300);
      const c = await open('w:c', 'misunderstood', 100);
      const d = await open('w:d', 'complaint', 200);
      const e = await open('w:e', 'rule', 50);
      const order = [d, b, e, a, c];
      expect((await store.waiting()).map((r) => r.id)).toEqual(order);
      for (const [i, id] of order.entries()) expect(await store.position(id)).toBe(i);

      expect(await store.accept(d, 'agent-1', 400)).toBe(true);
      expect((await store.waiting()).map((r) => r.id)).toEqual([b, e, a, c]);
      expect(await store.position(c)).toBe(3);
      expect(await store.position(b)).toBe(0);
    });

    it('gives position 0 for a handoff that is not waiting or does not exist', async () => {
      const a = await open('w:a');
      await store.accept(a, 'agent-1', 2);
      expect(await store.position(a)).toBe(0);
      expect(await store.position('nope')).toBe(0);
    });
  });

  describe('ownership', () => {
    it('accepts a waiting handoff once: the second agent loses and the owner is unchanged', async () => {
      const id = await open('w:a');
      expect(await store.accept(id, 'agent-1', 2_000)).toBe(true);
      expect(await store.accept(id, 'agent-2', 2_001)).toBe(false);
      expect(await store.get(id)).toMatchObject({ status: 'active', agentId: 'agent-1', acceptedAt: 2_000 });
      expect((await store.active()).map((r) => r.id)).toEqual([id]);
    });

    it('does not accept a closed or unknown handoff', async () => {
      const id = await open('w:a');
      await store.finish(id, ['waiting'], 'cancelled', 'citizen', 5);
      expect(await store.accept(id, 'agent-1', 6)).toBe(false);
      expect(await store.accept('nope', 'agent-1', 6)).toBe(false);
    });

    it('lists active handoffs in the order they were accepted', async () => {
      const a = await open('w:a', 'requested', 1);
      const b = await open('w:b', 'requested', 2);
      await store.accept(b, 'agent-1', 10);
      await store.accept(a, 'agent-2', 20);
      expect((await store.active()).map((r) => r.id)).toEqual([b, a]);
    });

    it('transfers only by the current owner and only while active', async () => {
      const id = await open('w:a');
      expect(await store.transfer(id, 'agent-1', 'agent-2')).toBe(false); // still waiting
      await store.accept(id, 'agent-1', 2);
      expect(await store.transfer(id, 'agent-3', 'agent-2')).toBe(false);
      expect((await store.get(id))?.agentId).toBe('agent-1');
      expect(await store.transfer(id, 'agent-1', 'agent-2')).toBe(true);
      expect(await store.get(id)).toMatchObject({ agentId: 'agent-2', status: 'active' });
      expect(await store.transfer(id, 'agent-1', 'agent-3')).toBe(false);
      await store.finish(id, ['active'], 'closed', 'resolved', 3);
      expect(await store.transfer(id, 'agent-2', 'agent-3')).toBe(false);
    });
  });

  describe('finish', () => {
    // Which statuses a handoff finishes from: the handoff-store contract (contracts/handoffStoreContract.ts, run on SQLite).

    it('finishes only once', async () => {
      const id = await open('w:a');
      expect(await store.finish(id, ['waiting', 'active'], 'cancelled', 'citizen', 5)).toBe(true);
      expect(await store.finish(id, ['waiting', 'active'], 'closed', 'agent', 6)).toBe(false);
      expect(await store.get(id)).toMatchObject({ status: 'cancelled', outcome: 'citizen', closedAt: 5 });
    });
  });

  describe('expiry and callbacks', () => {
    it('expires only waiting handoffs created before the cut-off, each once', async () => {
      const a = await open('w:a', 'requested', 100);
      const b = await open('w:b', 'complaint', 200);
      const c = await open('w:c', 'requested', 250);
      const d = await open('w:d', 'requested', 10);
      await store.accept(d, 'agent-1', 20);
      const expired = await store.expireWaiting(250, 1_000);
      expect(expired.map((r) => r.id).sort()).toEqual([a, b].sort());
      for (const r of expired) expect(r).toMatchObject({ status: 'expired', outcome: 'timeout', closedAt: 1_000 });
      expect(await store.expireWaiting(250, 1_001)).toEqual([]);
      expect((await store.get(c))?.status).toBe('waiting');
      expect((await store.get(d))?.status).toBe('active');
    });

    it('records a callback request only for an expired handoff, and only once', async () => {
      const waiting = await open('w:a', 'requested', 500);
      const old = await open('w:b', 'requested', 100);
      const closed = await open('w:c', 'requested', 600);
      await store.finish(closed, ['waiting'], 'closed', 'x', 700);
      expect(await store.requestCallback(waiting)).toBe(false);
      expect(await store.requestCallback(closed)).toBe(false);
      await store.expireWaiting(200, 800);
      expect(await store.requestCallback(old)).toBe(true);
      expect(await store.requestCallback(old)).toBe(false);
      expect((await store.get(old))?.callbackRequested).toBe(true);
      expect(await store.requestCallback('nope')).toBe(false);
    });

    it('lists callback requests newest expiry first, up to the limit', async () => {
      const ids: string[] = [];
      for (const i of [1, 2, 3]) {
        ids.push(await open(`w:${i}`, 'requested', i));
        await store.expireWaiting(i + 1, i * 100);
      }
      const silent = await open('w:4', 'requested', 4);
      await store.expireWaiting(5, 400);
      for (const id of ids) await store.requestCallback(id);
      expect((await store.callbacks(10)).map((r) => r.id)).toEqual([ids[2], ids[1], ids[0]]);
      expect((await store.callbacks(2)).map((r) => r.id)).toEqual([ids[2], ids[1]]);
      expect((await store.callbacks(10)).map((r) => r.id)).not.toContain(silent);
    });
  });

  describe('events', () => {
    it('numbers events across handoffs, pages them in order and lists them per handoff', async () => {
      const a = await open('w:a');
      const b = await open('w:b');
      expect(await store.lastEventId()).toBe(0);
      const e1 = await store.addEvent({ handoffId: a, kind: 'created', at: 1 });
      const e2 = await store.addEvent({ handoffId: b, kind: 'created', at: 2 });
      const e3 = await store.addEvent({ handoffId: a, kind: 'agent', agentId: 'agent-1', text: '您好', at: 3 });
      const e4 = await store.addEvent({ handoffId: a, kind: 'ended', text: 'resolved', at: 4 });
      expect([e1.id, e2.id, e3.id, e4.id]).toEqual([1, 2, 3, 4]);
      expect(e3).toEqual({ id: 3, handoffId: a, kind: 'agent', agentId: 'agent-1', text: '您好', at: 3 });
      expect(await store.lastEventId()).toBe(4);

      expect((await store.eventsAfter(0, 2)).map((e) => e.id)).toEqual([1, 2]);
      expect((await store.eventsAfter(2, 2)).map((e) => e.id)).toEqual([3, 4]);
      expect(await store.eventsAfter(4, 2)).toEqual([]);
      expect(await store.eventsAfter(1, 1)).toEqual([{ id: 2, handoffId: b, kind: 'created', agentId: undefined, text: undefined, at: 2 }]);

      expect((await store.eventsOf(a)).map((e) => e.kind)).toEqual(['created', 'agent', 'ended']);
      expect((await store.eventsOf(b)).map((e) => e.id)).toEqual([2]);
      expect(await store.eventsOf('nope')).toEqual([]);
    });
  });

  describe('migration 3 (issue 18)', () => {
    it.each<[string, string, string, string]>([
      ['a WeChat follower: their OpenID, as the bot names them', 'wechat', JSON.stringify({ user: { id: 'oABC' } }), 'user:wechat:oABC'],
      ['a Bot Framework user: channel and id', 'webchat', JSON.stringify({ user: { id: 'u-7' } }), 'user:botframework:webchat:u-7'],
      ['a reference without a user: the conversation', 'webchat', JSON.stringify({ conversation: { id: 'c' } }), 'user:webchat:old'],
      ['a reference that is not JSON: the conversation', 'webchat', 'not json', 'user:webchat:old'],
    ])('gives handoffs of before a citizen key: %s', async (_label, channel, reference, citizenKey) => {
      const old = new Database(':memory:');
      applyMigrations(old, 'people', peopleMigrations.filter((m) => m.version <= 2));
      old.prepare(`INSERT INTO handoffs (id, conversation_key, channel_id, conversation_id, reference, reason, priority, status, citizen, intents, locale, created_at)
        VALUES ('h1', ?, ?, 'old', ?, 'requested', 1, 'closed', '{"label":"x","bound":false}', '[]', 'zh-CN', 5)`).run(`${channel}:old`, channel, reference);
      const migrated = new SqliteHandoffStore(old);
      expect(await migrated.get('h1')).toMatchObject({ citizenKey, status: 'closed' });
      expect((await migrated.history(citizenKey, 5)).map((r) => r.id)).toEqual(['h1']);
      old.close();
    });
  });
});
