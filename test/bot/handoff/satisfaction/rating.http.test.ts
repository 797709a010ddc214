import { manualClock } from '../../../../integrations/clock';
import type { HandoffRecord } from '../../../../integrations/storage/handoffs';
import { TODAY } from '../../../integrations/platform/fixtures';
import { customMessages, FakeWeChat, startWeChatApp, type WeChatTestApp } from '../../wechat/wechatClient';
import { AgentClient } from '../agentClient';

/**
 * The satisfaction rating end to end over the WeChat webhook: an agent closes or hands back (or the citizen ends) the
 * conversation, the citizen is asked to rate it, and what they say next → what they see → what the handoff holds.
 * The question's numbered choices are answered as WeChat followers do (「5」 is the fifth choice, 5 points).
 */
jest.setTimeout(120_000);

const PASSWORD = 'correct horse 12';
type End = 'close' | 'handback' | 'citizen';
interface Line { say: string; wait?: number; /** The messenger's 「清空」 first. */ cleared?: boolean; expect: Array<string | RegExp>; not?: Array<string | RegExp> }
interface Row {
  name: string; end: End; english?: boolean; lines: Line[]; stored: { score: number; comment?: string | RegExp } | null;
}

const QUESTION = /请为本次人工服务打分（1-5分，5分最满意），回复「跳过」不评价：\n1\. 1分 很不满意\n2\. 2分 不满意\n3\. 3分 一般\n4\. 4分 满意\n5\. 5分 非常满意\n6\. 跳过/;
const ASK_COMMENT = (score: number) => `谢谢你的评分（${score}分）！还有什么想对我们说的吗？直接回复即可，回复「跳过」结束。`;
const MENU = /还有什么可以帮你？你可以这样说，或点下面的按钮：\n1\. 预约考试/;

const TABLE: Row[] = [
  { name: 'closed by the agent: 「5」 (the fifth choice), then a comment, stored masked', end: 'close', lines: [
    { say: '5', expect: [ASK_COMMENT(5)], not: ['1.'] },
    { say: '客服很耐心，有事可以打我手机13812345678', expect: ['收到，你的意见已记下，谢谢！', MENU] },
  ], stored: { score: 5, comment: '客服很耐心，有事可以打我手机138****5678' } },
  { name: 'handed back: stars, then a new request instead of a comment starts it', end: 'handback', lines: [
    { say: '⭐⭐⭐', expect: [ASK_COMMENT(3)] },
    { say: '帮我约科目二', expect: ['身份证号'], not: ['意见已记下'] },
  ], stored: { score: 3 } },
  { name: 'ended by the citizen: the goodbye and the question only, then words and no comment', end: 'citizen', lines: [
    { say: '很满意', expect: [ASK_COMMENT(5)] },
    { say: '没有了', expect: ['好的，谢谢你的评分！', MENU] },
  ], stored: { score: 5 } },
  { name: 'a new request instead of a rating goes to the bot', end: 'close', lines: [
    { say: '帮我约科目二', expect: ['身份证号'], not: ['评分'] },
  ], stored: null },
  { name: 'skip', end: 'close', lines: [{ say: '不评了', expect: ['好的，不评了。', MENU], not: ['谢谢你的评分'] }], stored: null },
  { name: 'a digit typed at the comment step: the rating is recorded once', end: 'close', lines: [
    { say: '4分', expect: [ASK_COMMENT(4)] },
    { say: '3', expect: ['这次服务的评分之前已经记下了（4分），每次服务只记一次。'] },
  ], stored: { score: 4 } },
  { name: 'not a rating: once more with an example, then the bot has it', end: 'handback', lines: [
    { say: '嗯嗯', expect: ['没看懂这个评分。请回复1到5的数字', '6. 跳过'] },
    { say: '你好', expect: ['我是交管助手'], not: ['评分'] },
  ], stored: null },
  { name: 'after the messenger\'s 「清空」 a 「5」 is not a score (the cleared chat no longer shows the question)', end: 'close', lines: [
    { say: '5', cleared: true, expect: [], not: ['谢谢你的评分', '评分'] },
  ], stored: null },
  { name: 'English: the question and the answer in English', end: 'close', english: true, lines: [
    { say: 'very good', expect: ["Thank you for rating us 5! Anything else you'd like to tell us?"] },
    { say: 'skip', expect: ['OK, thank you for rating us!'] },
  ], stored: { score: 5 } },
  // Last: the clock moves on past the offer.
  { name: 'the offer lapses after 30 minutes', end: 'close', lines: [{ say: '5', wait: 31 * 60, expect: [], not: ['谢谢你的评分'] }], stored: null },
];

describe('satisfaction rating over WeChat, after an agent conversation', () => {
  const clock = manualClock(TODAY);
  let t: WeChatTestApp;
  let wx: FakeWeChat;
  let count = 0;

  beforeAll(async () => {
    t = await startWeChatApp({}, { clock });
    await t.app.ready;
    wx = new FakeWeChat(t.base);
    await t.app.agents.create({ username: 'zhao.kefu', password: PASSWORD, displayName: '赵客服', role: 'agent' });
  });
  afterAll(() => t.close());

  /** Every message the follower got since `seen` (the passive reply and customer-service messages). */
  async function send(openid: string, text: string, seen: { custom: number }): Promise<string> {
    const posted = await wx.text(openid, text);
    await t.app.wechat?.idle();
    const custom = await customMessages(t.base, openid);
    const fresh = custom.slice(seen.custom);
    seen.custom = custom.length;
    return [posted.text, ...fresh.map((m) => m.text?.content ?? `[${m.msgtype}]`)].filter(Boolean).join('\n');
  }

  async function handoffOf(openid: string): Promise<HandoffRecord> {
    const all = [...await t.app.stores.handoffs.waiting(), ...await t.app.stores.handoffs.active()];
    const found = all.find((r) => r.conversationId.includes(openid) || r.reference.includes(openid));
    if (!found) throw new Error(`no open handoff for ${openid}`);
    return found;
  }

  /** The follower talks to an agent, then the conversation ends as `end` says; returns the handoff and what they saw last. */
  async function endedConversation(openid: string, end: End, english: boolean, seen: { custom: number }): Promise<{ id: string; last: string }> {
    await send(openid, english ? 'I want to talk to an agent' : '转人工', seen);
    const { id } = await handoffOf(openid);
    const agent = new AgentClient(t.base);
    expect((await agent.login('zhao.kefu', PASSWORD)).status).toBe(200);
    expect((await agent.post(`/api/agent/handoffs/${id}/accept`)).status).toBe(200);
    let last: string;
    if (end === 'citizen') {
      last = await send(openid, english ? 'end agent' : '结束人工', seen);
    } else {
      expect((await agent.post(`/api/agent/handoffs/${id}/${end === 'close' ? 'close' : 'handback'}`, { reason: 'resolved' })).status).toBe(200);
      await t.app.wechat?.idle();
      const custom = await customMessages(t.base, openid);
      last = custom.slice(seen.custom).map((m) => m.text?.content ?? '').join('\n');
      seen.custom = custom.length;
    }
    return { id, last };
  }

  const play = async (row: Row): Promise<void> => {
    count += 1;
    const openid = `o_rating_${count}`;
    const seen = { custom: 0 };
    const { id, last } = await endedConversation(openid, row.end, row.english ?? false, seen);
    const transcript = [`(${row.end})`, last];
    if (row.english) {
      expect(last).toMatch(/How was the agent's help\? Rate it 1-5 \(5 is best\), or reply "skip":\n1\. 1 very unhappy/);
    } else {
      expect(last).toMatch(QUESTION);
      // The rating's choices are the only numbered list the follower sees (a 「1」 is a score, not a service).
      expect(last).not.toContain('预约考试');
      if (row.end === 'citizen') expect(last).toMatch(/^好的，人工服务已结束。\n/);
    }
    for (const line of row.lines) {
      clock.set(new Date(clock.now().getTime() + (line.wait ?? 5) * 1000).toISOString());
      if (line.cleared) {
        const r = await fetch(`${t.base}/sandbox/wechat/new-conversation`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }) });
        expect(r.status).toBe(200);
      }
      const reply = await send(openid, line.say, seen);
      transcript.push(`> ${line.say}`, reply);
      const why = transcript.join('\n');
      for (const e of line.expect) expect({ ok: typeof e === 'string' ? reply.includes(e) : e.test(reply), why }).toEqual({ ok: true, why });
      for (const e of line.not ?? []) expect({ ok: typeof e === 'string' ? reply.includes(e) : e.test(reply), why }).toEqual({ ok: false, why });
    }
    const record = await t.app.stores.handoffs.get(id);
    expect(record?.ratingAskedAt).toBeDefined();
    if (row.stored === null) {
      expect(record?.rating).toBeUndefined();
    } else {
      expect(record?.rating?.score).toBe(row.stored.score);
      if (row.stored.comment === undefined) expect(record?.rating?.comment).toBeUndefined();
      else if (typeof row.stored.comment === 'string') expect(record?.rating?.comment).toBe(row.stored.comment);
      else expect(record?.rating?.comment).toMatch(row.stored.comment);
      // The consoles see the score as an event.
      expect((await t.app.stores.handoffs.eventsOf(id)).some((e) => e.kind === 'rated' && e.text === String(row.stored?.score))).toBe(true);
    }
  };
  for (const row of TABLE) test(row.name, () => play(row));
});
