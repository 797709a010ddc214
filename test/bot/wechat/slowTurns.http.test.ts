import type { TrafficPlatform, ViolationsPort } from '../../../integrations/platform/types';
import { LI_NA } from '../../integrations/platform/fixtures';
import { bindThrough, customMessages, FakeWeChat, startWeChatApp, type WeChatTestApp } from './wechatClient';

/** The sandbox platform with a delay on points and payments, counting the calls that reach it. */
function slowPlatform(state: { delayMs: number; points: number; pay: number }) {
  const sleep = () => new Promise((r) => setTimeout(r, state.delayMs));
  return (p: TrafficPlatform): TrafficPlatform => {
    const v = p.violations;
    const violations: ViolationsPort = {
      byPlate: (plate, vin) => v.byPlate(plate, vin),
      byOwner: (id) => v.byOwner(id),
      handle: (id, violation, key) => v.handle(id, violation, key),
      decision: (n) => v.decision(n),
      pay: async (n, fen, key) => { state.pay += 1; await sleep(); return v.pay(n, fen, key); },
      points: async (id) => { state.points += 1; await sleep(); return v.points(id); },
      licence: (id) => v.licence(id),
    };
    return { identity: p.identity, exams: p.exams, plates: p.plates, sms: p.sms, events: p.events, violations };
  };
}

describe('WeChat retries and the 5-second rule', () => {
  let t: WeChatTestApp;
  let wx: FakeWeChat;
  const platform = { delayMs: 0, points: 0, pay: 0 };
  const LINA = 'o_bound_lina';

  beforeAll(async () => {
    t = await startWeChatApp({ WECHAT_REPLY_BUDGET_MS: '300' }, { wrapPlatform: slowPlatform(platform) });
    wx = new FakeWeChat(t.base);
    // One binding per phone a minute (the SMS gateway's resend limit): every test uses this follower.
    expect((await bindThrough(wx, t.base, LINA, '查记分', LI_NA)).text).toContain('身份绑定成功');
  });
  afterAll(() => t.close());
  beforeEach(() => { platform.delayMs = 0; });

  it('a retried message gets the same passive reply and the turn runs once', async () => {
    const openid = LINA;
    const before = platform.points;
    const msgId = wx.nextMsgId();
    const first = await wx.text(openid, '我还有几分', msgId);
    const retry = await wx.text(openid, '我还有几分', msgId);
    const third = await wx.text(openid, '我还有几分', msgId);
    expect(first.text).toMatch(/6/);
    expect(retry.body).toBe(first.body);
    expect(third.body).toBe(first.body);
    expect(platform.points - before).toBe(1);
  });

  it('concurrent copies of one message (three processes would see this) run one turn', async () => {
    const openid = LINA;
    const before = platform.points;
    const msgId = wx.nextMsgId();
    const copies = await Promise.all([1, 2, 3].map(() => wx.text(openid, '查一下驾照分数', msgId)));
    expect(copies.map((c) => c.status)).toEqual([200, 200, 200]);
    expect(new Set(copies.map((c) => c.text))).toEqual(new Set([copies[0].text]));
    expect(platform.points - before).toBe(1);
  });

  it('a message whose first copy died mid-turn (a process killed) is run by WeChat\'s retry, once', async () => {
    const openid = LINA;
    const before = platform.points;
    const msgId = wx.nextMsgId();
    // What a killed process leaves: the receipt claimed 10 s ago, still "processing", no reply.
    expect(await t.app.stores.receipts.claim(`wechat:msg:${openid}:${msgId}`, Date.now() - 10_000)).toEqual({ claimed: true });
    const [retry, copy] = await Promise.all([wx.text(openid, '我还有几分', msgId), wx.text(openid, '我还有几分', msgId)]);
    expect(retry.text).toMatch(/6/);
    expect(copy.body).toBe(retry.body);
    expect(platform.points - before).toBe(1);
  });

  it('a slow platform call switches to customer-service messages: "success" now, the reply arrives there once', async () => {
    const openid = LINA;
    const earlier = (await customMessages(t.base, openid)).length;
    platform.delayMs = 900;
    const msgId = wx.nextMsgId();
    const started = Date.now();
    const first = await wx.text(openid, '我还有几分', msgId);
    expect(first.body).toBe('success');
    expect(Date.now() - started).toBeLessThan(800);
    // WeChat retries while the turn still runs: answered "success" too, no second turn.
    const retry = await wx.text(openid, '我还有几分', msgId);
    expect(retry.body).toBe('success');
    await t.app.wechat?.idle();
    const sent = await customMessages(t.base, openid);
    expect(sent.slice(earlier)).toHaveLength(1);
    expect(sent[earlier].text?.content).toMatch(/6/);
    // A retry after the fact still runs nothing and sends nothing more.
    expect((await wx.text(openid, '我还有几分', msgId)).body).toBe('success');
    await t.app.wechat?.idle();
    expect(await customMessages(t.base, openid)).toHaveLength(sent.length);
  });

  it('a payment confirmed once is charged once, whatever copies and repeats arrive', async () => {
    const openid = 'o_pay_1';
    await wx.text(openid, '交罚款');
    await wx.text(openid, '2');
    const summary = await wx.text(openid, LI_NA.decision);
    expect(summary.text).toContain('确认现在缴纳200.00元吗');
    platform.delayMs = 500;
    const msgId = wx.nextMsgId();
    const copies = await Promise.all([wx.text(openid, '1', msgId), wx.text(openid, '1', msgId)]);
    expect(copies.map((c) => c.body)).toEqual(['success', 'success']);
    await t.app.wechat?.idle();
    platform.delayMs = 0;
    const again = await wx.text(openid, '确认');
    expect(again.text).not.toContain('缴款成功');
    const paid = (await customMessages(t.base, openid)).filter((m) => m.text?.content.includes('缴款成功'));
    expect(paid).toHaveLength(1);
    expect(platform.pay).toBe(1);
    // And the platform agrees: the decision is paid, once.
    const status = await wx.text(openid, `缴纳决定书${LI_NA.decision}`);
    expect(status.text).toMatch(/已于.*缴清.*不需要再缴/);
  });
});
