import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import { FakeRequest, OPENID, sleep, textMessage, turnHarness } from './turnHarness';

const textOf = (m: unknown): string => ((m as { text?: { content?: string } } | undefined)?.text?.content ?? '');

describe('WeChatTurn: the 5-second race', () => {
  it('in time: the passive reply, the numbered options remembered, and a bare number then answers them', async () => {
    const heard: Array<string | undefined> = [];
    const h = turnHarness(async (ctx) => {
      heard.push(ctx.activity.text);
      await ctx.sendActivity(MessageFactory.suggestedActions(['查违章', '交罚款'], '请选择'));
    });
    const request = new FakeRequest();
    const answer = await h.turn(textMessage('你好', '1'), 'k1', request).run();
    expect(answer).toEqual({ kind: 'passive', xml: JSON.stringify(request.offered[0]) });
    expect(request.offered).toHaveLength(1);
    expect(textOf(request.offered[0])).toMatch(/^请选择\n1\. 查违章\n2\. 交罚款/);
    expect(request.deferred).toBe(0);
    expect(await h.deps.options.load(OPENID)).toEqual(['查违章', '交罚款']);

    await h.turn(textMessage('2', '2'), 'k2', new FakeRequest()).run();
    expect(heard).toEqual(['你好', '交罚款']);
    await h.deps.background.idle();
    expect(h.sentTexts()).toEqual([]);
  });

  it('in time with more than one message: the first is the passive reply, the rest go by customer-service message; all of them when the request cannot carry it', async () => {
    const card = CardFactory.heroCard('违章处理', '点击查看', [{ url: 'https://a.example/p.png' }], [{ type: 'openUrl', title: '打开', value: 'https://a.example' }]);
    const logic = async (ctx: TurnContext): Promise<void> => {
      await ctx.sendActivity(MessageFactory.text('为您找到：'));
      await ctx.sendActivity(MessageFactory.attachment(card));
    };
    const h = turnHarness(logic);
    const request = new FakeRequest();
    expect((await h.turn(textMessage('查违章', '1'), 'k1', request).run()).kind).toBe('passive');
    expect(request.offered.map(textOf)).toEqual(['为您找到：']);
    await h.deps.background.idle();
    expect(h.sentTexts()).toEqual(['news']);

    const other = turnHarness(logic);
    const late = new FakeRequest(false);
    expect(await other.turn(textMessage('查违章', '1'), 'k1', late).run()).toEqual({ kind: 'success' });
    await other.deps.background.idle();
    expect(other.sentTexts()).toEqual(['为您找到：', 'news']);
  });

  it('late: "success" now, the passive reply given up, every reply by customer-service message exactly once, its options remembered', async () => {
    let finished = false;
    const h = turnHarness(async (ctx) => {
      await ctx.sendActivity(MessageFactory.text('正在查询'));
      await sleep(400);
      await ctx.sendActivity(MessageFactory.suggestedActions(['是', '否'], '确认缴纳吗？'));
      finished = true;
    }, 50);
    const request = new FakeRequest();
    expect(await h.turn(textMessage('交罚款', '1'), 'k1', request).run()).toEqual({ kind: 'success' });
    expect(finished).toBe(false);
    expect(request.deferred).toBe(1);
    expect(h.deps.background.pending()).toBe(1);
    await h.deps.background.idle();
    expect(request.offered).toEqual([]);
    expect(h.sentTexts()).toEqual(['正在查询', expect.stringMatching(/^确认缴纳吗？\n1\. 是\n2\. 否/)]);
    expect(await h.deps.options.load(OPENID)).toEqual(['是', '否']);
    await sleep(50);
    await h.deps.background.idle();
    expect(h.sentTexts()).toHaveLength(2);
    expect(h.runs()).toBe(1);
  });
});

describe('WeChatTurn: a message reclaimed from a process that stopped', () => {
  it('with a saved answer: the saved answer is replayed, its options remembered, and the turn is not run again', async () => {
    const h = turnHarness(async (ctx) => {
      await ctx.sendActivity(MessageFactory.suggestedActions(['查询预约'], '预约成功，预约号 E20261130001'));
    });
    const first = await h.turn(textMessage('确认', '9'), 'k9', new FakeRequest()).run();
    // The process died after saving the turn, before its reply left (and the options memory was not written).
    await h.deps.options.save(OPENID, []);
    const request = new FakeRequest();
    const replayed = await h.turn(textMessage('确认', '9'), 'k9', request).replay();
    expect(replayed).toEqual(first);
    expect(textOf(request.offered[0])).toContain('E20261130001');
    expect(h.runs()).toBe(1);
    expect(await h.deps.options.load(OPENID)).toEqual(['查询预约']);
  });

  it('without one (the turn saved nothing): nothing replayed, nothing sent; the caller runs it', async () => {
    const h = turnHarness(async (ctx) => { await ctx.sendActivity('你好'); });
    await h.turn(textMessage('你好', '1'), 'k1', new FakeRequest()).run();
    const request = new FakeRequest();
    expect(await h.turn(textMessage('我还有几分', '2'), 'k2', request).replay()).toBeUndefined();
    expect(request.offered).toEqual([]);
    expect(h.runs()).toBe(1);
  });
});

describe('WeChatTurn: proactive messages (an agent’s)', () => {
  it('go by customer-service message rendered the same way; options shown are remembered, a message without any keeps them', async () => {
    const h = turnHarness(async () => undefined);
    const reference = { channelId: 'wechat', conversation: { id: OPENID, isGroup: false, conversationType: 'personal', name: OPENID }, serviceUrl: '' };
    await h.adapter.continueConversation(reference, async (ctx) => { await ctx.sendActivity(MessageFactory.suggestedActions(['满意', '不满意'], '请评价')); });
    await h.adapter.continueConversation(reference, async (ctx) => { await ctx.sendActivity('客服已离开'); });
    expect(h.sentTexts()).toEqual([expect.stringMatching(/^请评价\n1\. 满意\n2\. 不满意/), '客服已离开']);
    expect(await h.deps.options.load(OPENID)).toEqual(['满意', '不满意']);
  });
});
