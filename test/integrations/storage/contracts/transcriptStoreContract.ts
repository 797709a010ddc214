import type { TranscriptEntry, TranscriptStore } from '../../../../integrations/storage/transcripts';
import { ID_NUMBER, ID_NUMBER_MASKED, T0, useSubject, type PortFactory } from './portContract';

const line = (text: string, overrides: Partial<TranscriptEntry> = {}): TranscriptEntry => ({
  conversationId: 'conv-1', channelId: 'wechat', from: 'bot', text, timestamp: new Date(T0).toISOString(), ...overrides,
});

/** What every TranscriptStore adapter must keep of a line: masked text, and the choices a bot line offered. */
export function runTranscriptStoreContract(name: string, make: PortFactory<TranscriptStore>): void {
  describe(`TranscriptStore contract: ${name}`, () => {
    const subject = useSubject(make);
    const store = (): TranscriptStore => subject().store;

    it.each<[string, TranscriptEntry, TranscriptEntry]>([
      ['a question with choices keeps them in order', line('请选择考试科目', { options: ['科目一', '科目二', '科目三'] }),
        line('请选择考试科目', { options: ['科目一', '科目二', '科目三'] })],
      ['a line without choices has none', line('您好'), line('您好')],
      ['an empty list of choices is none', line('您好', { options: [] }), line('您好')],
      ['a choice repeating an ID number is masked like the text', line(`是${ID_NUMBER}吗？`, { options: [`是，${ID_NUMBER}`, '不是'] }),
        line(`是${ID_NUMBER_MASKED}吗？`, { options: [`是，${ID_NUMBER_MASKED}`, '不是'] })],
      ['what the citizen said keeps no choices', line('科目二', { from: 'user' }), line('科目二', { from: 'user' })],
    ])('%s', async (_label, appended, listed) => {
      await store().append(appended);
      const [got] = await store().list('conv-1');
      expect(got).toEqual(listed);
      if (!listed.options) expect(got).not.toHaveProperty('options');
      if (subject().stored) expect(await subject().stored?.()).not.toContain(ID_NUMBER);
    });

    it('keeps the choices of the most recent lines when listing with a limit', async () => {
      await store().append(line('第一句', { options: ['甲'] }));
      await store().append(line('第二句', { options: ['乙', '丙'] }));
      await store().append(line('第三句', { from: 'user' }));
      expect((await store().list('conv-1', 2)).map((e) => [e.text, e.options])).toEqual([['第二句', ['乙', '丙']], ['第三句', undefined]]);
    });
  });
}
