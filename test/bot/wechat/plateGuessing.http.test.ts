import { manualClock } from '../../../integrations/clock';
import { FakeWeChat, startWeChatApp, type WeChatTestApp } from './wechatClient';

/**
 * An attacker guessing the VIN tail of 李娜's 苏A12345 (VIN …123456) over the WeChat webhook: failed lookups are
 * limited per plate (whoever asks) and per OpenID, and the refusal holds for the right tail too until the hour is over.
 */
describe('POST /api/wechat: guessing VIN tails of a plate stops after 5 failures in an hour', () => {
  let t: WeChatTestApp;
  let wx: FakeWeChat;
  const clock = manualClock('2026-11-25T10:05:00+08:00');
  const LOCKED = /按号牌查询已暂停，请在11月25日（周三） 11:00之后再试[\s\S]*回复「人工」转人工客服，或拨打12123/;

  beforeAll(async () => {
    t = await startWeChatApp({}, { clock });
    wx = new FakeWeChat(t.base);
  });
  afterAll(() => t.close());

  /** One lookup: the plate, then a tail; the text of the reply to the tail. */
  const lookUp = async (openid: string, plate: string, tail: string): Promise<string> => {
    expect((await wx.text(openid, `${plate}的违章`)).text).toMatch(/车架号(（VIN）)?后6位/);
    return (await wx.text(openid, tail)).text;
  };

  /** Wrong tails, one after the other (the flow asks again after a miss, and starts over after three). */
  const guess = async (openid: string, plate: string, tails: string[]): Promise<string[]> => {
    const replies: string[] = [];
    let asking = false;
    for (const tail of tails) {
      if (!asking) expect((await wx.text(openid, `${plate}的违章`)).text).toMatch(/车架号(（VIN）)?后6位/);
      const reply = (await wx.text(openid, tail)).text;
      replies.push(reply);
      asking = reply.includes('请重新输入');
    }
    return replies;
  };

  it('refuses the right tail after five wrong ones, for the attacker and for another OpenID, until the hour is over', async () => {
    const wrong = await guess('o_guesser', '苏A12345', ['000001', '000002', '000003', '000004', '000005']);
    expect(wrong.slice(0, 4).every((r) => r.includes('号牌和车架号后六位对不上'))).toBe(true);
    expect(wrong[4]).toMatch(LOCKED);

    // The right tail, from the attacker: refused, and nothing of the vehicle shown.
    const right = await lookUp('o_guesser', '苏A12345', '123456');
    expect(right).toMatch(LOCKED);
    expect(right).not.toContain('违法记录');

    // Another OpenID (the attacker's second account, or the owner without binding): refused too.
    const other = await lookUp('o_someone_else', '苏A12345', '123456');
    expect(other).toMatch(LOCKED);
    expect(other).not.toContain('违法记录');

    // The refusal reads the same for a plate that exists and one that does not.
    const nowhere = await guess('o_prober', '苏A99999', ['000001', '000002', '000003', '000004', '000005']);
    expect(nowhere[4]).toBe(wrong[4]);
    expect(await lookUp('o_prober', '苏A99999', '123456')).toBe(right);

    // Once the hour is over, the right tail finds the vehicle again.
    clock.set('2026-11-25T11:00:01+08:00');
    expect(await lookUp('o_someone_else', '苏A12345', '123456')).toContain('苏A12345共有5条违法记录');
  });

  it('stops one OpenID after 10 failures over different plates, and not the others', async () => {
    clock.set('2026-11-25T12:10:00+08:00');
    const plates = ['苏A10001', '苏A10002', '苏A10003', '苏A10004', '苏A10005'];
    const replies: string[] = [];
    for (const plate of plates) replies.push(...await guess('o_sweeper', plate, ['000001', '000002']));
    expect(replies.slice(0, 9).some((r) => /暂停/.test(r))).toBe(false);
    expect(replies[9]).toMatch(/按号牌查询已暂停，请在11月25日（周三） 13:00之后再试/);
    expect(await lookUp('o_sweeper', '苏A12345', '123456')).toMatch(/按号牌查询已暂停/);
    expect(await lookUp('o_owner_friend', '苏A12345', '123456')).toContain('苏A12345共有5条违法记录');
  });
});
