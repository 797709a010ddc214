import type { HandoffStore } from '../../../../integrations/storage/handoffs';
import { newHandoff } from '../people/handoffFixtures';
import { T0, useSubject, type PortFactory } from './portContract';

/** What every HandoffStore adapter must do with events: numbered increasingly across handoffs, paged, per handoff. */
export function runHandoffEventsContract(name: string, make: PortFactory<HandoffStore>): void {
  describe(`HandoffStore events contract: ${name}`, () => {
    const subject = useSubject(make);
    const store = (): HandoffStore => subject().store;
    const open = async (key: string, at = T0): Promise<string> => (await store().create(newHandoff(key), at)).record.id;

    it('numbers events increasingly across handoffs, pages them in order and lists them per handoff', async () => {
      const a = await open('w:a');
      const b = await open('w:b');
      expect(await store().lastEventId()).toBe(0);
      const e1 = await store().addEvent({ handoffId: a, kind: 'created', at: T0 + 1 });
      const e2 = await store().addEvent({ handoffId: b, kind: 'created', at: T0 + 2 });
      const e3 = await store().addEvent({ handoffId: a, kind: 'agent', agentId: 'agent-1', text: '您好，我是坐席小王', at: T0 + 3 });
      const e4 = await store().addEvent({ handoffId: a, kind: 'ended', text: 'resolved', at: T0 + 4 });
      const ids = [e1.id, e2.id, e3.id, e4.id];
      expect(ids).toEqual([...ids].sort((x, y) => x - y));
      expect(new Set(ids).size).toBe(4);
      expect(e1.id).toBeGreaterThan(0);
      expect(e3).toEqual({ id: e3.id, handoffId: a, kind: 'agent', agentId: 'agent-1', text: '您好，我是坐席小王', at: T0 + 3 });
      expect(await store().lastEventId()).toBe(e4.id);
      expect((await store().eventsAfter(0, 2)).map((e) => e.id)).toEqual([e1.id, e2.id]);
      expect((await store().eventsAfter(e2.id, 2)).map((e) => e.id)).toEqual([e3.id, e4.id]);
      expect(await store().eventsAfter(e4.id, 2)).toEqual([]);
      expect(await store().eventsAfter(e1.id, 1)).toEqual([{ id: e2.id, handoffId: b, kind: 'created', at: T0 + 2 }]);
      expect((await store().eventsOf(a)).map((e) => e.kind)).toEqual(['created', 'agent', 'ended']);
      expect(await store().eventsOf('nope')).toEqual([]);
    });

    it('returns nothing for a limit of 0 (callbacks, eventsAfter)', async () => {
      const id = await open('w:a', T0);
      await store().expireWaiting(T0 + 1, T0 + 2);
      await store().requestCallback(id);
      await store().addEvent({ handoffId: id, kind: 'callback', at: T0 + 3 });
      expect(await store().callbacks(0)).toEqual([]);
      expect(await store().eventsAfter(0, 0)).toEqual([]);
    });

    it('hands out distinct event ids to concurrent writers', async () => {
      const a = await open('w:a');
      const events = await Promise.all(Array.from({ length: 10 }, (_, i) => store().addEvent({ handoffId: a, kind: 'user', text: `第${i}条`, at: T0 + i })));
      expect(new Set(events.map((e) => e.id)).size).toBe(10);
      expect(await store().lastEventId()).toBe(Math.max(...events.map((e) => e.id)));
      expect((await store().eventsOf(a)).map((e) => e.id)).toEqual(events.map((e) => e.id).sort((x, y) => x - y));
    });

    // HandoffFeed streams events by remembering the last id it emitted: an event must never become readable after
    // one with a higher id, or every feed that already read past it misses it for good.
    it('lets a reader tailing eventsAfter (as HandoffFeed does) see every event, while many are being added', async () => {
      const a = await open('w:a');
      let last = await store().lastEventId();
      const seen: number[] = [];
      const tail = async (): Promise<void> => {
        for (const e of await store().eventsAfter(last, 200)) {
          last = e.id;
          seen.push(e.id);
        }
      };
      let writing = true;
      const writers = Promise.all(Array.from({ length: 60 }, (_, i) => store().addEvent({ handoffId: a, kind: 'user', text: `消息${i}`, at: T0 + i })))
        .finally(() => {
          writing = false;
        });
      while (writing) {
        await tail();
        await new Promise((resolve) => setImmediate(resolve));
      }
      await writers;
      await tail();
      expect(seen).toEqual((await store().eventsOf(a)).map((e) => e.id));
    });
  });
}
