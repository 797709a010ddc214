import type { InboxStore } from '../../../../integrations/storage/training';
import { ID_NUMBER, ID_NUMBER_MASKED, PHONE, PHONE_MASKED, T0, useSubject, type PortSubject } from './portContract';

/** The inbox factory receives the error callback the adapter must report failed records to. */
export type InboxFactory = (onError: (err: unknown) => void) => Promise<PortSubject<InboxStore>>;

/** What every InboxStore adapter must do: masked texts only, newest first, each item resolved once, never throwing on record. */
export function runInboxStoreContract(name: string, make: InboxFactory): void {
  describe(`InboxStore contract: ${name}`, () => {
    const errors: unknown[] = [];
    const subject = useSubject(() => {
      errors.length = 0;
      return make((err) => errors.push(err));
    });
    const inbox = (): InboxStore => subject().store;
    const record = (text: string, at = T0, intent = 'None', score = 0.2): Promise<void> => inbox().record({ text, locale: 'zh-CN', intent, score, at });

    it.each([
      ['an ID number', `帮我订机票，身份证${ID_NUMBER}`, `帮我订机票，身份证${ID_NUMBER_MASKED}`],
      ['a mobile number', `打我电话${PHONE}`, `打我电话${PHONE_MASKED}`],
      ['both, in English', `my id ${ID_NUMBER} phone +86 ${PHONE}`, `my id ${ID_NUMBER_MASKED} phone +86 ${PHONE_MASKED}`],
      ['nothing personal (trimmed)', '  推荐一部电影  ', '推荐一部电影'],
    ])('masks %s before storing', async (_label, text, kept) => {
      await record(text);
      const [item] = await inbox().open(10);
      expect(item.text).toBe(kept);
      const raw = await subject().stored?.();
      if (raw !== undefined) {
        expect(raw).not.toContain(ID_NUMBER);
        expect(raw).not.toContain(PHONE);
      }
    });

    it('keeps locale, intent, score and time; every item starts new', async () => {
      await inbox().record({ text: 'book a flight', locale: 'en', intent: 'exam.book', score: 0.41, at: T0 + 1234 });
      const [item] = await inbox().open(10);
      expect(item).toEqual({ id: item.id, text: 'book a flight', locale: 'en', intent: 'exam.book', score: 0.41, createdAt: T0 + 1234, status: 'new' });
      expect(await inbox().item(item.id)).toEqual(item);
      expect(await inbox().item(item.id + 1_000)).toBeUndefined();
    });

    it('keeps the bot\'s last message before it (masked, at most 500 characters), never the conversation id', async () => {
      await inbox().record({ text: '不知道', locale: 'zh-CN', intent: 'None', score: 0.1, at: T0, conversationId: 'conv-secret-1', botAsked: `请确认手机号${PHONE}是否正确？` });
      await inbox().record({ text: '随便', locale: 'zh-CN', intent: 'None', score: 0.1, at: T0 + 1, botAsked: '问'.repeat(600) });
      await inbox().record({ text: '没问过', locale: 'zh-CN', intent: 'None', score: 0.1, at: T0 + 2, botAsked: '  ' });
      const [none, long, asked] = await inbox().open(10);
      expect(asked.botAsked).toBe(`请确认手机号${PHONE_MASKED}是否正确？`);
      expect(long.botAsked).toBe('问'.repeat(500));
      expect(none).not.toHaveProperty('botAsked');
      expect(await inbox().item(asked.id)).toEqual(asked);
      const raw = await subject().stored?.();
      if (raw !== undefined) {
        expect(raw).not.toContain(PHONE);
        expect(raw).not.toContain('conv-secret-1');
      }
    });

    it('records nothing for blank text, and keeps at most 500 characters', async () => {
      await record('   ');
      expect(await inbox().open(10)).toEqual([]);
      await record('长'.repeat(600));
      expect((await inbox().open(10))[0].text).toBe('长'.repeat(500));
      expect(errors).toEqual([]);
    });

    it('lists open items newest first, up to the limit', async () => {
      for (const t of ['一', '二', '三', '四']) await record(t);
      expect((await inbox().open(10)).map((i) => i.text)).toEqual(['四', '三', '二', '一']);
      expect((await inbox().open(2)).map((i) => i.text)).toEqual(['四', '三']);
    });

    it('returns nothing for a limit of 0', async () => {
      await record('一');
      expect(await inbox().open(0)).toEqual([]);
    });

    it('resolves an item once; resolved items leave the open list', async () => {
      await record('怎么办居住证');
      await record('推荐电影');
      const [films, permit] = await inbox().open(10);
      expect(await inbox().resolve(permit.id, 'filed', 'agent-a', T0 + 5, 'service.residence')).toBe(true);
      expect(await inbox().resolve(permit.id, 'ignored', 'agent-b', T0 + 6)).toBe(false);
      expect(await inbox().item(permit.id)).toMatchObject({ status: 'filed' });
      expect(await inbox().resolve(films.id, 'out_of_scope', 'agent-a', T0 + 7)).toBe(true);
      expect(await inbox().open(10)).toEqual([]);
      expect(await inbox().resolve(films.id + permit.id + 1_000, 'ignored', 'agent-a', T0)).toBe(false);
    });

    it('lets exactly one of two concurrent resolutions win', async () => {
      await record('未知问题');
      const [item] = await inbox().open(1);
      const wins = await Promise.all([inbox().resolve(item.id, 'filed', 'a', T0, 'x'), inbox().resolve(item.id, 'ignored', 'b', T0)]);
      expect(wins.filter(Boolean)).toHaveLength(1);
    });

    it('never throws on record: a failure goes to the error callback', async () => {
      await subject().close();
      await expect(record('store is gone')).resolves.toBeUndefined();
      expect(errors).toHaveLength(1);
    });
  });
}
