import type { HandoffReason, HandoffStatus, HandoffStore } from '../../../../integrations/storage/handoffs';
import { CITIZEN, newHandoff } from '../people/handoffFixtures';
import { T0, useSubject, type PortFactory } from './portContract';

/** What every HandoffStore adapter must do: one open handoff per conversation, a fair queue, exclusive ownership. */
export function runHandoffStoreContract(name: string, make: PortFactory<HandoffStore>): void {
  describe(`HandoffStore contract: ${name}`, () => {
    const subject = useSubject(make);
    const store = (): HandoffStore => subject().store;
    const open = async (key: string, reason: HandoffReason = 'requested', at = T0): Promise<string> =>
      (await store().create(newHandoff(key, reason), at)).record.id;

    it('opens a waiting handoff with everything the console shows, and reads it back', async () => {
      const { record, created } = await store().create(newHandoff('wechat:c1'), T0);
      expect(created).toBe(true);
      expect(record).toEqual({
        id: expect.any(String), citizenKey: 'user:wechat:c1', conversationKey: 'wechat:c1', channelId: 'wechat', conversationId: 'c1',
        reference: newHandoff('wechat:c1').reference, reason: 'requested', priority: 1, status: 'waiting', citizen: CITIZEN,
        intents: ['exam.book', 'fine.query'], locale: 'zh-CN', createdAt: T0, callbackRequested: false,
      });
      expect(await store().get(record.id)).toEqual(record);
      expect(await store().get('no-such-id')).toBeUndefined();
      const minimal = await store().create(newHandoff('web:c2', 'rule', { citizen: { label: '访客', bound: false }, intents: [] }), T0);
      expect(await store().get(minimal.record.id)).toMatchObject({ citizen: { label: '访客', bound: false }, intents: [] });
    });

    it('gives complaints priority 0 and every other reason 1', async () => {
      const reasons: HandoffReason[] = ['complaint', 'requested', 'misunderstood', 'rule', 'platform_failure'];
      const records = await Promise.all(reasons.map((r, i) => store().create(newHandoff(`w:${i}`, r), T0)));
      expect(records.map((r) => r.record.priority)).toEqual([0, 1, 1, 1, 1]);
    });

    it('never opens a second handoff for a conversation while one is waiting or active', async () => {
      const first = await open('wechat:c1');
      expect(await store().create(newHandoff('wechat:c1', 'complaint'), T0 + 1)).toEqual({
        record: expect.objectContaining({ id: first, reason: 'requested', createdAt: T0 }), created: false,
      });
      await store().accept(first, 'agent-1', T0 + 2);
      expect(await store().create(newHandoff('wechat:c1'), T0 + 3)).toMatchObject({ record: { id: first, status: 'active' }, created: false });
      expect((await store().openFor('wechat:c1'))?.id).toBe(first);
      expect(await store().openFor('web:c1')).toBeUndefined();
    });

    it('opens exactly one handoff when many processes ask at once for the same conversation', async () => {
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => store().create(newHandoff('wechat:race'), T0 + i)));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.record.id)).size).toBe(1);
      expect(await store().waiting()).toHaveLength(1);
    });

    it.each<'closed' | 'cancelled' | 'expired'>(['closed', 'cancelled', 'expired'])('opens a new handoff once the last one is %s', async (status) => {
      const first = await open('wechat:c1', 'requested', T0);
      expect(await store().finish(first, ['waiting', 'active'], status, 'done', T0 + 5)).toBe(true);
      expect(await store().openFor('wechat:c1')).toBeUndefined();
      expect((await store().latestFor('wechat:c1'))?.id).toBe(first);
      const second = await store().create(newHandoff('wechat:c1'), T0 + 10);
      expect(second.created).toBe(true);
      expect((await store().latestFor('wechat:c1'))?.id).toBe(second.record.id);
      expect(await store().latestFor('wechat:none')).toBeUndefined();
    });

    it('serves complaints first, then first come first served (ties in creation order), with positions', async () => {
      const a = await open('w:a', 'requested', T0 + 100);
      const b = await open('w:b', 'complaint', T0 + 300);
      const c = await open('w:c', 'misunderstood', T0 + 100);
      const d = await open('w:d', 'complaint', T0 + 200);
      const e = await open('w:e', 'rule', T0 + 50);
      const order = [d, b, e, a, c];
      expect((await store().waiting()).map((r) => r.id)).toEqual(order);
      for (const [i, id] of order.entries()) expect(await store().position(id)).toBe(i);
      await store().accept(d, 'agent-1', T0 + 400);
      expect((await store().waiting()).map((r) => r.id)).toEqual([b, e, a, c]);
      expect(await store().position(c)).toBe(3);
      expect(await store().position(d)).toBe(0);
      expect(await store().position('nope')).toBe(0);
    });

    it('lets exactly one of many agents accept a waiting handoff', async () => {
      const id = await open('w:a');
      const wins = await Promise.all(Array.from({ length: 5 }, (_, i) => store().accept(id, `agent-${i}`, T0 + 10 + i)));
      expect(wins.filter(Boolean)).toHaveLength(1);
      const owner = `agent-${wins.indexOf(true)}`;
      expect(await store().get(id)).toMatchObject({ status: 'active', agentId: owner, acceptedAt: T0 + 10 + wins.indexOf(true) });
      expect(await store().accept(id, 'agent-late', T0 + 99)).toBe(false);
      expect((await store().active()).map((r) => r.id)).toEqual([id]);
    });

    it('lists active handoffs in the order they were accepted', async () => {
      const a = await open('w:a', 'requested', T0 + 1);
      const b = await open('w:b', 'requested', T0 + 2);
      await store().accept(b, 'agent-1', T0 + 10);
      await store().accept(a, 'agent-2', T0 + 20);
      expect((await store().active()).map((r) => r.id)).toEqual([b, a]);
    });

    it('transfers only by the current owner and only while active', async () => {
      const id = await open('w:a');
      expect(await store().transfer(id, 'agent-1', 'agent-2')).toBe(false);
      await store().accept(id, 'agent-1', T0 + 1);
      expect(await store().transfer(id, 'agent-3', 'agent-2')).toBe(false);
      expect(await store().transfer(id, 'agent-1', 'agent-2')).toBe(true);
      expect(await store().get(id)).toMatchObject({ status: 'active', agentId: 'agent-2' });
      await store().finish(id, ['active'], 'closed', 'resolved', T0 + 2);
      expect(await store().transfer(id, 'agent-2', 'agent-3')).toBe(false);
    });

    it.each<[string, 'waiting' | 'active', HandoffStatus[], boolean]>([
      ['waiting, from [waiting]: finishes', 'waiting', ['waiting'], true],
      ['waiting, from [active]: refused', 'waiting', ['active'], false],
      ['active, from [waiting]: refused', 'active', ['waiting'], false],
      ['active, from [waiting, active]: finishes', 'active', ['waiting', 'active'], true],
      ['active, from []: refused', 'active', [], false],
    ])('finishes only from the listed statuses: %s', async (_label, state, from, ok) => {
      const id = await open('w:a');
      if (state === 'active') await store().accept(id, 'agent-1', T0 + 1);
      expect(await store().finish(id, from, 'closed', 'resolved', T0 + 9)).toBe(ok);
      if (ok) expect(await store().get(id)).toMatchObject({ status: 'closed', outcome: 'resolved', closedAt: T0 + 9 });
      else expect(await store().get(id)).toMatchObject({ status: state, outcome: undefined, closedAt: undefined });
      expect(await store().finish(id, ['waiting', 'active'], 'cancelled', 'again', T0 + 10)).toBe(!ok);
    });

    it('expires each waiting handoff created before the cut-off once, even when two processes sweep at once', async () => {
      const a = await open('w:a', 'requested', T0 + 100);
      const b = await open('w:b', 'complaint', T0 + 200);
      const c = await open('w:c', 'requested', T0 + 250);
      const d = await open('w:d', 'requested', T0 + 10);
      await store().accept(d, 'agent-1', T0 + 20);
      const [one, two] = await Promise.all([store().expireWaiting(T0 + 250, T0 + 1_000), store().expireWaiting(T0 + 250, T0 + 1_000)]);
      expect([...one, ...two].map((r) => r.id).sort()).toEqual([a, b].sort());
      for (const r of [...one, ...two]) expect(r).toMatchObject({ status: 'expired', outcome: 'timeout', closedAt: T0 + 1_000 });
      expect(await store().expireWaiting(T0 + 250, T0 + 2_000)).toEqual([]);
      expect((await store().get(c))?.status).toBe('waiting');
      expect((await store().get(d))?.status).toBe('active');
      expect(await store().openFor('w:a')).toBeUndefined();
    });

    it('records a callback request only for an expired handoff, once; lists them newest expiry first', async () => {
      const ids: string[] = [];
      for (const i of [1, 2, 3]) {
        ids.push(await open(`w:${i}`, 'requested', T0 + i));
        await store().expireWaiting(T0 + i + 1, T0 + i * 100);
      }
      const waiting = await open('w:waiting', 'requested', T0 + 500);
      expect(await store().requestCallback(waiting)).toBe(false);
      expect(await store().requestCallback('nope')).toBe(false);
      for (const id of [ids[0], ids[2]]) expect(await store().requestCallback(id)).toBe(true);
      expect(await store().requestCallback(ids[0])).toBe(false);
      expect((await store().get(ids[0]))?.callbackRequested).toBe(true);
      expect((await store().callbacks(10)).map((r) => r.id)).toEqual([ids[2], ids[0]]);
      expect((await store().callbacks(1)).map((r) => r.id)).toEqual([ids[2]]);
    });
  });
}
