import type { ConversationFact, ConversationFacts } from '../../../../integrations/storage/conversationFacts';
import type { NoticeJob, NoticeStore } from '../../../../integrations/storage/notices';
import { T0, useSubject, type PortFactory } from '../contracts/portContract';

const FACTS: ConversationFact[] = [
  { at: T0 + 1000, channel: 'wechat', conversation: 'c1', kind: 'message' },
  { at: T0 + 1000, channel: 'wechat', conversation: 'c1', kind: 'task_started', service: 'exam.book' },
  { at: T0 + 1000, channel: 'wechat', conversation: 'c1', kind: 'task_step', service: 'exam.book', step: 'exam.book.date' },
  { at: T0 + 2000, channel: 'msteams', conversation: 'c2', kind: 'not_understood', group: 'None' },
  { at: T0 + 3000, channel: 'wechat', conversation: 'c1', kind: 'task_confirmed', service: 'exam.book' },
];

/** What every ConversationFacts adapter must do: append only; read by time, oldest first, ties in the order written. */
export function runConversationFactsContract(name: string, make: PortFactory<ConversationFacts>): void {
  describe(`ConversationFacts contract: ${name}`, () => {
    const subject = useSubject(make);
    const facts = (): ConversationFacts => subject().store;

    it('reads back what was appended in [from, to), oldest first, ties in the order appended, optional fields only when set', async () => {
      for (const f of FACTS) await facts().append(f);
      expect(await facts().between(T0, T0 + 10_000)).toEqual(FACTS);
      expect(await facts().between(T0 + 1000, T0 + 3000)).toEqual(FACTS.slice(0, 4));
      expect(await facts().between(T0 + 1001, T0 + 3000)).toEqual([FACTS[3]]);
      expect(await facts().between(T0 + 3000, T0 + 3000)).toEqual([]);
      expect(Object.keys((await facts().between(T0, T0 + 1001))[0]).sort()).toEqual(['at', 'channel', 'conversation', 'kind']);
    });

    it('pages through every fact in the order appended (the store copy)', async () => {
      for (const f of FACTS) await facts().append(f);
      expect(await facts().page(0, 2)).toEqual(FACTS.slice(0, 2));
      expect(await facts().page(2, 2)).toEqual(FACTS.slice(2, 4));
      expect(await facts().page(4, 2)).toEqual(FACTS.slice(4));
      expect(await facts().page(5, 2)).toEqual([]);
      expect(await facts().page(0, 0)).toEqual([]);
    });

    it('keeps what it is given as values, never as queries', async () => {
      await facts().append({ at: T0, channel: '{"$ne":null}', conversation: "c'; DROP TABLE conversation_facts; --", kind: 'message' });
      expect((await facts().between(T0, T0 + 1))[0]).toMatchObject({ channel: '{"$ne":null}', conversation: "c'; DROP TABLE conversation_facts; --" });
    });
  });
}

function job(id: string, over: Partial<NoticeJob>): NoticeJob {
  return { id, key: `k-${id}`, citizen: `wechat:o_${id}`, topic: 'exam-reminder', dueAt: T0, payload: {}, status: 'pending', attempts: 0, createdAt: T0, ...over };
}

/** NoticeStore.outcomes (the operations view's notices): sent at their sending time, failed for good at their due time. */
export function runNoticeOutcomesContract(name: string, make: PortFactory<NoticeStore>): void {
  describe(`NoticeStore.outcomes contract: ${name}`, () => {
    const subject = useSubject(make);
    it('lists sent notices by sending time and failed ones by due time, oldest first; pending and skipped ones are not outcomes', async () => {
      const store = subject().store;
      await store.restore(job('a', { status: 'sent', attempts: 1, dueAt: T0, sentAt: T0 + 5000, topic: 'exam-result' }));
      await store.restore(job('b', { status: 'failed', attempts: 3, dueAt: T0 + 2000, lastError: 'refused' }));
      await store.restore(job('c', { status: 'pending', dueAt: T0 + 1000 }));
      await store.restore(job('d', { status: 'skipped', dueAt: T0 + 1000 }));
      await store.restore(job('e', { status: 'sent', attempts: 1, dueAt: T0, sentAt: T0 + 20_000 }));
      expect(await store.outcomes(T0, T0 + 10_000)).toEqual([
        { topic: 'exam-reminder', outcome: 'failed', at: T0 + 2000 },
        { topic: 'exam-result', outcome: 'sent', at: T0 + 5000 },
      ]);
      expect(await store.outcomes(T0 + 10_000, T0 + 30_000)).toEqual([{ topic: 'exam-reminder', outcome: 'sent', at: T0 + 20_000 }]);
    });
  });
}
