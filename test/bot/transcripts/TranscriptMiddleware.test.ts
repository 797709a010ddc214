import { ActivityTypes, CardFactory, MessageFactory, TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import Database from 'better-sqlite3';
import { TranscriptMiddleware } from '../../../bot/TranscriptMiddleware';
import { SqliteTranscriptStore } from '../../../integrations/storage/sqlite/SqliteTranscriptStore';
import type { TranscriptEntry } from '../../../integrations/storage/transcripts';

/**
 * What the citizen says → what the bot replies → what an agent later reads in the transcript: each line with who
 * said it, and a bot line's choices (the buttons the citizen could tap). The real masking store (SQLite in memory).
 */
interface Row {
  name: string;
  say: string;
  reply: Array<Partial<Activity>>;
  lines: Array<Pick<TranscriptEntry, 'from' | 'text'> & { options?: string[] }>;
}

const agentLine = (text: string): Partial<Activity> => ({ type: ActivityTypes.Message, text, channelData: { agent: true } });

const TABLE: Row[] = [
  {
    name: 'a question with suggested actions keeps their titles, in order',
    say: '我想约考试',
    reply: [MessageFactory.suggestedActions(['科目一', '科目二', '科目三'], '请选择考试科目')],
    lines: [{ from: 'user', text: '我想约考试' }, { from: 'bot', text: '请选择考试科目', options: ['科目一', '科目二', '科目三'] }],
  },
  {
    name: 'a plain answer has no options',
    say: '你好',
    reply: [MessageFactory.text('您好，请问办理什么业务？')],
    lines: [{ from: 'user', text: '你好' }, { from: 'bot', text: '您好，请问办理什么业务？' }],
  },
  {
    name: 'a hero card\'s answering buttons count, its link does not',
    say: '查违章',
    reply: [{
      ...MessageFactory.text('查到1条违章'),
      attachments: [CardFactory.heroCard('违章详情', undefined, [
        { type: 'imBack', title: '去处理', value: '去处理' },
        { type: 'openUrl', title: '查看照片', value: 'https://example.test/photo' },
        { type: 'postBack', title: '', value: '稍后再说' },
      ])],
    }],
    lines: [{ from: 'user', text: '查违章' }, { from: 'bot', text: '查到1条违章', options: ['去处理', '稍后再说'] }],
  },
  {
    name: 'a choice repeating the citizen\'s plate is masked like the text',
    say: '苏A12345',
    reply: [MessageFactory.suggestedActions(['是，苏A12345', '不是'], '是苏A12345这辆车吗？')],
    lines: [{ from: 'user', text: '苏A***45' }, { from: 'bot', text: '是苏A***45这辆车吗？', options: ['是，苏A***45', '不是'] }],
  },
  {
    name: 'an agent\'s message is the agent\'s, never with options',
    say: '人工',
    reply: [{ ...agentLine('您好，我是人工客服'), suggestedActions: { to: [], actions: [{ type: 'imBack', title: '好的', value: '好的' }] } }],
    lines: [{ from: 'user', text: '人工' }, { from: 'agent', text: '您好，我是人工客服' }],
  },
  {
    name: 'two replies in one turn: each keeps its own choices',
    say: '办业务',
    reply: [MessageFactory.text('好的'), MessageFactory.suggestedActions(['补证', '换证'], '请问办理哪项？')],
    lines: [{ from: 'user', text: '办业务' }, { from: 'bot', text: '好的' }, { from: 'bot', text: '请问办理哪项？', options: ['补证', '换证'] }],
  },
];

describe('TranscriptMiddleware: what an agent reads of a conversation', () => {
  it.each(TABLE.map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    const db = new Database(':memory:');
    try {
      const store = new SqliteTranscriptStore(db);
      const adapter = new TestAdapter(async (ctx: TurnContext) => {
        await ctx.sendActivities(row.reply);
      }).use(new TranscriptMiddleware(store, () => new Date('2026-12-07T01:00:00Z')));
      await adapter.send(row.say).startTest();
      const lines = await store.list(adapter.conversation.conversation.id);
      expect(lines.map((l) => ({ from: l.from, text: l.text, ...(l.options ? { options: l.options } : {}) }))).toEqual(row.lines);
    } finally {
      db.close();
    }
  });
});
