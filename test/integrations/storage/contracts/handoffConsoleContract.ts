import type { HandoffStatus, HandoffStore, NewHandoff } from '../../../../integrations/storage/handoffs';
import { newHandoff } from '../people/handoffFixtures';
import { T0, useSubject, type PortFactory } from './portContract';

const DAY = 86_400_000;

/**
 * What every HandoffStore adapter must do for consoles people work in all day: offers by load, the citizen's
 * history, search, the satisfaction rating, agents' drafts and presence (issue 18).
 */
export function runHandoffConsoleContract(name: string, make: PortFactory<HandoffStore>): void {
  describe(`HandoffStore console contract: ${name}`, () => {
    const subject = useSubject(make);
    const store = (): HandoffStore => subject().store;
    const open = async (key: string, at = T0, overrides: Partial<NewHandoff> = {}): Promise<string> =>
      (await store().create(newHandoff(key, 'requested', overrides), at)).record.id;
    /** A handoff brought to `status` (closed by agent-1, cancelled by the citizen, expired by the clock). */
    const inStatus = async (key: string, status: HandoffStatus): Promise<string> => {
      const id = await open(key);
      if (status === 'active' || status === 'closed') await store().accept(id, 'agent-1', T0 + 1);
      if (status === 'closed') await store().finish(id, ['active'], 'closed', 'resolved', T0 + 2);
      if (status === 'cancelled') await store().finish(id, ['waiting'], 'cancelled', 'citizen', T0 + 2);
      if (status === 'expired') await store().expireWaiting(T0 + 1, T0 + 2);
      return id;
    };

    describe('offer', () => {
      it('offers a waiting handoff to an agent, moves it to the next, withdraws it', async () => {
        const id = await open('w:a');
        expect((await store().get(id))?.offeredTo).toBeUndefined();
        expect(await store().offer(id, 'agent-1', T0 + 5)).toBe(true);
        expect(await store().get(id)).toMatchObject({ status: 'waiting', offeredTo: 'agent-1', offeredAt: T0 + 5 });
        expect((await store().waiting()).map((r) => r.offeredTo)).toEqual(['agent-1']);
        expect(await store().offer(id, 'agent-2', T0 + 35, 'agent-1')).toBe(true);
        expect(await store().get(id)).toMatchObject({ offeredTo: 'agent-2', offeredAt: T0 + 35 });
        expect(await store().offer(id, null, T0 + 65)).toBe(true);
        const withdrawn = await store().get(id);
        expect(withdrawn?.offeredTo).toBeUndefined();
        expect(withdrawn?.offeredAt).toBeUndefined();
        expect(await store().offer('nope', 'agent-1', T0)).toBe(false);
      });

      it('lets only one of two processes offering at once win (the offer each read was none)', async () => {
        const id = await open('w:a');
        const wins = await Promise.all(['agent-1', 'agent-2'].map((agent, i) => store().offer(id, agent, T0 + i, null)));
        expect(wins.filter(Boolean)).toHaveLength(1);
        const winner = wins[0] ? 'agent-1' : 'agent-2';
        expect((await store().get(id))?.offeredTo).toBe(winner);
        // Moving it on from an offer that is no longer the current one fails too.
        expect(await store().offer(id, 'agent-3', T0 + 40, winner === 'agent-1' ? 'agent-2' : 'agent-1')).toBe(false);
        expect(await store().offer(id, 'agent-3', T0 + 40, winner)).toBe(true);
      });

      it.each<[string, HandoffStatus]>([
        ['accepted (active)', 'active'], ['closed', 'closed'], ['cancelled', 'cancelled'], ['expired', 'expired'],
      ])('refuses to offer a handoff that is %s', async (_label, status) => {
        const id = await inStatus('w:a', status);
        expect(await store().offer(id, 'agent-2', T0 + 9)).toBe(false);
        expect((await store().get(id))?.offeredTo).toBeUndefined();
      });

      it.each<[string, (id: string) => Promise<unknown>]>([
        ['accepted by the agent it was offered to', (id) => store().accept(id, 'agent-1', T0 + 10)],
        ['accepted by another agent', (id) => store().accept(id, 'agent-2', T0 + 10)],
        ['cancelled by the citizen', (id) => store().finish(id, ['waiting'], 'cancelled', 'citizen', T0 + 10)],
        ['expired', () => store().expireWaiting(T0 + 1, T0 + 10)],
      ])('forgets the offer once the handoff is %s', async (_label, end) => {
        const id = await open('w:a');
        await store().offer(id, 'agent-1', T0 + 5);
        await end(id);
        const record = await store().get(id);
        expect(record?.offeredTo).toBeUndefined();
        expect(record?.offeredAt).toBeUndefined();
      });
    });

    describe('history', () => {
      it("lists only the same citizen's handoffs, newest first, whatever their status, at most limit", async () => {
        const me = { citizenKey: 'person:abc' };
        const first = await open('wechat:c1', T0, me);
        await store().finish(first, ['waiting'], 'cancelled', 'citizen', T0 + 1);
        const second = await open('web:c9', T0 + DAY, me);
        await open('wechat:other', T0 + 2 * DAY, { citizenKey: 'person:xyz' });
        await open('wechat:c1b', T0 + 3 * DAY, { citizenKey: 'user:wechat:abc' });
        const third = await open('wechat:c1', T0 + 4 * DAY, me);
        expect((await store().history('person:abc', 10)).map((r) => r.id)).toEqual([third, second, first]);
        expect((await store().history('person:abc', 2)).map((r) => r.id)).toEqual([third, second]);
        expect((await store().history('person:abc', 10))[2]).toMatchObject({ citizenKey: 'person:abc', status: 'cancelled' });
        expect(await store().history('person:none', 10)).toEqual([]);
        expect(await store().history('person:abc', 0)).toEqual([]);
      });
    });

    describe('search and between', () => {
      /** Three citizens on three days: a bound one, one who typed a plate, an unbound WeChat user. */
      async function seed(): Promise<Record<'bound' | 'plate' | 'visitor', string>> {
        const bound = await open('w:bound', T0 + 10, {
          citizen: { label: '李**（110101********001X）', bound: true, name: '李**', idNumber: '110101********001X', phone: '139****4321' },
        });
        await store().accept(bound, 'agent-1', T0 + 20);
        await store().addEvent({ handoffId: bound, kind: 'agent', agentId: 'agent-1', text: '已为您登记补办驾驶证', at: T0 + 30 });
        await store().finish(bound, ['active'], 'closed', 'resolved', T0 + 40);
        const plate = await open('w:plate', T0 + DAY);
        await store().addEvent({ handoffId: plate, kind: 'user', text: '我的车牌是苏E***45，罚单还没处理', at: T0 + DAY + 1 });
        await store().addEvent({ handoffId: plate, kind: 'note', agentId: 'agent-2', text: '需回电：周五下午', at: T0 + DAY + 2 });
        await store().addEvent({ handoffId: plate, kind: 'created', text: 'complaint', at: T0 + DAY + 3 });
        const visitor = await open('w:visitor', T0 + 2 * DAY, { citizen: { label: '微信用户 · 3F9A', bound: false } });
        return { bound, plate, visitor };
      }

      it.each<[string, string, ('bound' | 'plate' | 'visitor')[]]>([
        ['a masked ID number fragment', '001x', ['bound']],
        ['the masked ID number as shown', '110101********001X', ['bound']],
        ['a phone fragment', '4321', ['bound']],
        ['a masked phone prefix', '139****', ['bound']],
        ['a masked name', '李**', ['bound']],
        ['a plate the citizen typed (masked)', '苏e***45', ['plate']],
        ['words of what the citizen typed', '罚单', ['plate']],
        ['words of an agent reply', '补办驾驶证', ['bound']],
        ['words of an internal note', '周五下午', ['plate']],
        ["an unbound citizen's label", '3f9a', ['visitor']],
        ['the label prefix all WeChat users share', '微信用户', ['visitor']],
        ['text of a non-message event (never searched)', 'complaint', []],
        ['a JSON key of the citizen (never searched)', 'label', []],
        ['nothing anybody said', '无关内容', []],
        ['a blank text (everything)', '  ', ['visitor', 'plate', 'bound']],
      ])('finds by %s, newest first, closed ones included', async (_label, text, expected) => {
        const ids = await seed();
        expect((await store().search({ text, limit: 10 })).map((r) => r.id)).toEqual(expected.map((k) => ids[k]));
      });

      it.each<[string, { from?: number; to?: number }, ('bound' | 'plate' | 'visitor')[]]>([
        ['no bounds', {}, ['visitor', 'plate', 'bound']],
        ['from the second day', { from: T0 + DAY }, ['visitor', 'plate']],
        ['before the second day (to is exclusive)', { to: T0 + DAY }, ['bound']],
        ['the second day only', { from: T0 + DAY, to: T0 + 2 * DAY }, ['plate']],
        ['a day with nothing', { from: T0 + 5 * DAY, to: T0 + 6 * DAY }, []],
      ])('keeps to the dates the handoffs were created: %s', async (_label, bounds, expected) => {
        const ids = await seed();
        expect((await store().search({ ...bounds, limit: 10 })).map((r) => r.id)).toEqual(expected.map((k) => ids[k]));
      });

      it('combines text and dates, and returns at most limit', async () => {
        const ids = await seed();
        expect((await store().search({ text: '4321', from: T0 + DAY, limit: 10 }))).toEqual([]);
        expect((await store().search({ text: '4321', to: T0 + DAY, limit: 10 })).map((r) => r.id)).toEqual([ids.bound]);
        expect((await store().search({ limit: 2 })).map((r) => r.id)).toEqual([ids.visitor, ids.plate]);
        expect(await store().search({ limit: 0 })).toEqual([]);
        expect(await store().search({ text: '%', limit: 10 })).toEqual([]);
        expect(await store().search({ text: '_', limit: 10 })).toEqual([]);
      });

      it('lists the handoffs created in [from, to), oldest first', async () => {
        const ids = await seed();
        expect((await store().between(T0, T0 + 3 * DAY)).map((r) => r.id)).toEqual([ids.bound, ids.plate, ids.visitor]);
        expect((await store().between(T0 + 10, T0 + 2 * DAY)).map((r) => r.id)).toEqual([ids.bound, ids.plate]);
        expect((await store().between(T0 + 11, T0 + 2 * DAY + 1)).map((r) => r.id)).toEqual([ids.plate, ids.visitor]);
        expect(await store().between(T0 + 5 * DAY, T0 + 6 * DAY)).toEqual([]);
      });
    });

    describe('satisfaction rating', () => {
      it.each<[HandoffStatus, boolean]>([
        ['waiting', false], ['active', false], ['closed', true], ['cancelled', true], ['expired', true],
      ])('asks a %s handoff for a rating: %s', async (status, ok) => {
        const id = await inStatus('w:a', status);
        expect(await store().askRating(id, T0 + 50)).toBe(ok);
        expect((await store().get(id))?.ratingAskedAt).toBe(ok ? T0 + 50 : undefined);
      });

      it('asks once, records the score once and the comment once, each only after the step before', async () => {
        const id = await inStatus('w:a', 'closed');
        expect(await store().rate(id, 5, T0 + 55)).toBe(false);
        expect(await store().commentRating(id, '很好')).toBe(false);
        expect(await store().askRating(id, T0 + 50)).toBe(true);
        expect(await store().askRating(id, T0 + 51)).toBe(false);
        expect(await store().commentRating(id, '很好')).toBe(false);
        expect((await store().get(id))?.rating).toBeUndefined();
        expect(await store().rate(id, 4, T0 + 60)).toBe(true);
        expect(await store().rate(id, 1, T0 + 61)).toBe(false);
        expect(await store().get(id)).toMatchObject({ ratingAskedAt: T0 + 50, rating: { score: 4, at: T0 + 60 } });
        expect((await store().get(id))?.rating?.comment).toBeUndefined();
        expect(await store().commentRating(id, '客服很耐心')).toBe(true);
        expect(await store().commentRating(id, '改主意了')).toBe(false);
        expect((await store().get(id))?.rating).toEqual({ score: 4, comment: '客服很耐心', at: T0 + 60 });
        expect(await store().askRating('nope', T0)).toBe(false);
        expect(await store().rate('nope', 3, T0)).toBe(false);
        expect(await store().commentRating('nope', 'x')).toBe(false);
      });

      it('records exactly one of two scores arriving at once', async () => {
        const id = await inStatus('w:a', 'closed');
        await store().askRating(id, T0 + 50);
        const wins = await Promise.all(([2, 5] as const).map((score, i) => store().rate(id, score, T0 + 60 + i)));
        expect(wins.filter(Boolean)).toHaveLength(1);
        expect((await store().get(id))?.rating?.score).toBe(wins[0] ? 2 : 5);
      });

      it.each([0, 6, 2.5])('refuses a score of %s', async (score) => {
        const id = await inStatus('w:a', 'closed');
        await store().askRating(id, T0 + 50);
        await expect(store().rate(id, score as 1, T0 + 60)).rejects.toThrow(RangeError);
        expect((await store().get(id))?.rating).toBeUndefined();
      });
    });

    describe('drafts', () => {
      it("keeps each agent's latest draft per handoff, newest first; an empty text deletes it", async () => {
        const a = await open('w:a');
        const b = await open('w:b');
        expect(await store().drafts('agent-1')).toEqual([]);
        await store().saveDraft('agent-1', a, '您好，请稍等', T0 + 1);
        await store().saveDraft('agent-1', b, '请提供车牌', T0 + 2);
        await store().saveDraft('agent-2', a, '另一个坐席的草稿', T0 + 3);
        expect(await store().drafts('agent-1')).toEqual([
          { handoffId: b, text: '请提供车牌', at: T0 + 2 },
          { handoffId: a, text: '您好，请稍等', at: T0 + 1 },
        ]);
        await store().saveDraft('agent-1', a, '您好，请稍等，正在查询', T0 + 4);
        expect(await store().drafts('agent-1')).toEqual([
          { handoffId: a, text: '您好，请稍等，正在查询', at: T0 + 4 },
          { handoffId: b, text: '请提供车牌', at: T0 + 2 },
        ]);
        await store().saveDraft('agent-1', b, '', T0 + 5);
        expect(await store().drafts('agent-1')).toEqual([{ handoffId: a, text: '您好，请稍等，正在查询', at: T0 + 4 }]);
        await store().saveDraft('agent-1', b, '', T0 + 6);
        expect(await store().drafts('agent-2')).toEqual([{ handoffId: a, text: '另一个坐席的草稿', at: T0 + 3 }]);
      });
    });

    describe('presence', () => {
      it('lists every agent who ever set a presence, with the latest status and since when', async () => {
        expect(await store().presence()).toEqual([]);
        await store().setPresence('agent-1', 'available', T0 + 1);
        await store().setPresence('agent-2', 'away', T0 + 2);
        await store().setPresence('agent-1', 'away', T0 + 3);
        await store().setPresence('agent-2', 'available', T0 + 4);
        const sorted = (await store().presence()).sort((x, y) => x.agentId.localeCompare(y.agentId));
        expect(sorted).toEqual([
          { agentId: 'agent-1', status: 'away', since: T0 + 3 },
          { agentId: 'agent-2', status: 'available', since: T0 + 4 },
        ]);
      });
    });
  });
}
