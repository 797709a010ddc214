import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import { newRequestReader } from '../../../../bot/handoff/satisfaction/newRequest';
import { RatingFollowUp, type RatingPort } from '../../../../bot/handoff/satisfaction/RatingFollowUp';
import { ratingQuestion } from '../../../../bot/handoff/satisfaction/ratingQuestion';
import { setTurnLocale } from '../../../../dialogs/i18n/turnLocale';
import type { Locale } from '../../../../dialogs/i18n/Locale';
import { SERVICE_INDEX } from '../../../../dialogs/services';
import { createSqliteStores, type SqliteStores } from '../../../../integrations/storage/sqlite/createSqliteStores';
import { makeWorld } from '../../../dialogs/harness';
import { newHandoff } from '../../../integrations/storage/people/handoffFixtures';

/**
 * After an agent's conversation ended and the citizen was asked to rate it: what the citizen says → what the bot
 * answers (「[bot] …」: the message went on to the bot as usual) → what the handoff holds. The real store (SQLite), the
 * project's NLU for telling a new request from an answer; the bot itself is a stand-in that echoes.
 */
interface Line {
  say: string;
  /** Minutes that pass before this message (default: a few seconds). */
  wait?: number;
  /** Each must be in the reply (substring) or match it (RegExp); the reply is its texts and [buttons]. */
  expect: Array<string | RegExp>;
  not?: Array<string | RegExp>;
}
interface Row {
  name: string;
  locale?: Locale;
  lines: Line[];
  /** The handoff's rating afterwards (null: none). */
  stored: { score: number; comment?: string | RegExp } | null;
}

const BOT = '[bot]';
const ASK_COMMENT = (score: number) => `谢谢你的评分（${score}分）！还有什么想对我们说的吗？直接回复即可，回复「跳过」结束。`;
const MENU = /还有什么可以帮你？.*\[.*预约考试/;

const TABLE: Row[] = [
  { name: 'a digit, then no comment', lines: [
    { say: '5', expect: [ASK_COMMENT(5)], not: ['['] },
    { say: '跳过', expect: ['好的，谢谢你的评分！', MENU] },
  ], stored: { score: 5 } },
  { name: 'the button as sent, then a comment', lines: [
    { say: '4分 满意', expect: [ASK_COMMENT(4)] },
    { say: '等了挺久，但问题解决了', expect: ['收到，你的意见已记下，谢谢！', MENU] },
  ], stored: { score: 4, comment: '等了挺久，但问题解决了' } },
  { name: 'words', lines: [{ say: '还行吧', expect: [ASK_COMMENT(3)] }], stored: { score: 3 } },
  { name: 'words: 太差了', lines: [{ say: '太差了', expect: [ASK_COMMENT(1)] }], stored: { score: 1 } },
  { name: '打五分', lines: [{ say: '给你们打五分', expect: [ASK_COMMENT(5)] }], stored: { score: 5 } },
  { name: 'stars', lines: [{ say: '⭐⭐⭐⭐', expect: [ASK_COMMENT(4)] }], stored: { score: 4 } },
  { name: 'a score with a remark: the remark is the comment', lines: [
    { say: '不满意，等了半小时才有人回', expect: ['谢谢！你的评分（2分）和意见已记下。', MENU], not: ['还有什么想对我们说的'] },
  ], stored: { score: 2, comment: '不满意，等了半小时才有人回' } },
  { name: 'skip: no rating, a short reply; the offer ended', lines: [
    { say: '不评了', expect: ['好的，不评了。', MENU], not: ['谢谢你的评分'] },
    { say: '5', expect: [`${BOT} 5`] },
  ], stored: null },
  { name: 'a new request instead of a rating goes to the bot and ends the offer', lines: [
    { say: '帮我约科目二', expect: [`${BOT} 帮我约科目二`] },
    { say: '5', expect: [`${BOT} 5`] },
  ], stored: null },
  { name: 'a question instead of a rating', lines: [{ say: '我还有几分？', expect: [`${BOT} 我还有几分？`] }], stored: null },
  { name: 'a person instead of a rating', lines: [{ say: '转人工', expect: [`${BOT} 转人工`] }], stored: null },
  { name: 'a new request instead of a comment goes to the bot; the comment step ends', lines: [
    { say: '4', expect: [ASK_COMMENT(4)] },
    { say: '帮我约科目二', expect: [`${BOT} 帮我约科目二`] },
    { say: '客服很好', expect: [`${BOT} 客服很好`] },
  ], stored: { score: 4 } },
  { name: 'the comment is stored masked', lines: [
    { say: '1', expect: [ASK_COMMENT(1)] },
    { say: '等了半小时，我手机13812345678，车牌苏A12345的事也没说清', expect: ['你的意见已记下'] },
  ], stored: { score: 1, comment: /^等了半小时，我手机138\*{4}5678，车牌苏A\*+45的事也没说清$/ } },
  { name: 'not a rating: asked once more with an example, then let go', lines: [
    { say: '嗯嗯', expect: [/没看懂这个评分。请回复1到5的数字，比如「5」表示非常满意.*\[1分 很不满意\|2分 不满意\|3分 一般\|4分 满意\|5分 非常满意\|跳过\]/] },
    { say: '嗯嗯嗯', expect: [`${BOT} 嗯嗯嗯`] },
    { say: '5', expect: [`${BOT} 5`] },
  ], stored: null },
  { name: 'not a rating, then a rating', lines: [
    { say: '好的', expect: ['没看懂这个评分'] },
    { say: '4', expect: [ASK_COMMENT(4)] },
  ], stored: { score: 4 } },
  { name: 'the offer lapses after 30 minutes', lines: [{ say: '5', wait: 31, expect: [`${BOT} 5`] }], stored: null },
  { name: 'still open at 29 minutes', lines: [{ say: '5', wait: 29, expect: [ASK_COMMENT(5)] }], stored: { score: 5 } },
  { name: 'the comment step lapses 30 minutes after the score', lines: [
    { say: '5', expect: [ASK_COMMENT(5)] },
    { say: '服务很好', wait: 31, expect: [`${BOT} 服务很好`] },
  ], stored: { score: 5 } },
  { name: 'rated once: another score at the comment step is told it was recorded; then the bot has the conversation back', lines: [
    { say: '5', expect: [ASK_COMMENT(5)] },
    { say: '3分', expect: ['这次服务的评分之前已经记下了（5分），每次服务只记一次。', MENU] },
    { say: '2', expect: [`${BOT} 2`] },
  ], stored: { score: 5 } },
  { name: 'English: words, then a comment', locale: 'en', lines: [
    { say: 'very satisfied', expect: ["Thank you for rating us 5! Anything else you'd like to tell us?"] },
    { say: 'the agent was very patient', expect: ['Got it, your remarks are recorded. Thank you!'] },
  ], stored: { score: 5, comment: 'the agent was very patient' } },
  { name: 'English: skip', locale: 'en', lines: [{ say: 'no thanks', expect: ['OK, no rating.', 'What else can I do for you?'] }], stored: null },
];

describe('the satisfaction rating after an agent conversation: what the citizen says, what the bot answers, what is stored', () => {
  let dir: string;
  let stores: SqliteStores;
  let now = Date.parse('2026-11-25T02:00:00Z');
  const world = makeWorld();

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'jiaoguan-rating-'));
    stores = createSqliteStores(dir);
  });
  afterAll(async () => {
    await stores.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A conversation with an agent that just ended, its citizen asked to rate it. */
  async function endedConversation(conversationId: string): Promise<string> {
    const { record } = await stores.handoffs.create(newHandoff(`test:${conversationId}`), now);
    expect(await stores.handoffs.accept(record.id, 'agent-1', now)).toBe(true);
    expect(await stores.handoffs.finish(record.id, ['active'], 'closed', 'resolved', now)).toBe(true);
    expect(await stores.handoffs.askRating(record.id, now)).toBe(true);
    return record.id;
  }

  function follower(): RatingFollowUp {
    const port: RatingPort = {
      latestFor: (key) => stores.handoffs.latestFor(key),
      rate: (r, score) => stores.handoffs.rate(r.id, score, now),
      commentRating: (r, comment) => stores.handoffs.commentRating(r.id, comment),
    };
    const f = new RatingFollowUp(port, stores.storage, () => now, SERVICE_INDEX.menuIntents);
    f.requests = newRequestReader(world.deps, SERVICE_INDEX);
    return f;
  }

  const render = (a: Partial<Activity>): string => {
    const buttons = a.suggestedActions?.actions?.map((b) => b.title ?? String(b.value)) ?? [];
    return `${a.text ?? ''}${buttons.length ? ` [${buttons.join('|')}]` : ''}`;
  };

  it.each(TABLE.map((r, i) => [r.name, r, i] as const))('%s', async (_name, row, i) => {
    const conversationId = `rating-${i}`;
    const id = await endedConversation(conversationId);
    const f = follower();
    const adapter = new TestAdapter(async (ctx: TurnContext) => {
      setTurnLocale(ctx, row.locale ?? 'zh-CN');
      if (!(await f.answer(ctx, `test:${conversationId}`))) await ctx.sendActivity(`${BOT} ${ctx.activity.text ?? ''}`);
    }, TestAdapter.createConversation(conversationId));
    const seen: string[] = [];
    for (const line of row.lines) {
      now += (line.wait ?? 0.1) * 60_000;
      const before = adapter.activeQueue.length;
      await adapter.receiveActivity(line.say);
      const reply = adapter.activeQueue.splice(before).map(render).join('\n');
      seen.push(`> ${line.say}`, `  ${reply}`);
      const why = `\n${seen.join('\n')}`;
      for (const e of line.expect) expect({ reply: typeof e === 'string' ? reply.includes(e) : e.test(reply), why }).toEqual({ reply: true, why });
      for (const e of line.not ?? []) expect({ reply: typeof e === 'string' ? reply.includes(e) : e.test(reply), why }).toEqual({ reply: false, why });
    }
    const rating = (await stores.handoffs.get(id))?.rating;
    if (row.stored === null) {
      expect(rating).toBeUndefined();
    } else {
      expect(rating?.score).toBe(row.stored.score);
      if (row.stored.comment === undefined) expect(rating?.comment).toBeUndefined();
      else if (typeof row.stored.comment === 'string') expect(rating?.comment).toBe(row.stored.comment);
      else expect(rating?.comment).toMatch(row.stored.comment);
    }
  });

  it('rated once across processes: a score another process recorded first is what the citizen is told', async () => {
    const id = await endedConversation('rating-race');
    const f = new RatingFollowUp({
      latestFor: (key) => stores.handoffs.latestFor(key),
      // Another bot process records 5 between this one reading the handoff and recording its score.
      rate: async (r, score) => (await stores.handoffs.rate(r.id, 5, now)) && stores.handoffs.rate(r.id, score, now),
      commentRating: (r, comment) => stores.handoffs.commentRating(r.id, comment),
    }, stores.storage, () => now, SERVICE_INDEX.menuIntents);
    const adapter = new TestAdapter(async (ctx: TurnContext) => {
      if (!(await f.answer(ctx, 'test:rating-race'))) await ctx.sendActivity(`${BOT} ${ctx.activity.text ?? ''}`);
    }, TestAdapter.createConversation('rating-race'));
    await adapter.receiveActivity('2');
    expect(adapter.activeQueue.map(render).join('\n')).toContain('这次服务的评分之前已经记下了（5分），每次服务只记一次。');
    expect((await stores.handoffs.get(id))?.rating?.score).toBe(5);
  });

  it('the question offers 1-5 in the order WeChat numbers them, and a way out', () => {
    expect(render(ratingQuestion('zh-CN'))).toBe('请为本次人工服务打分（1-5分，5分最满意），回复「跳过」不评价： [1分 很不满意|2分 不满意|3分 一般|4分 满意|5分 非常满意|跳过]');
    expect(render(ratingQuestion('en'))).toMatch(/^How was the agent's help\? .* \[1 very unhappy\|2 unhappy\|3 okay\|4 satisfied\|5 very satisfied\|skip\]$/);
  });
});
