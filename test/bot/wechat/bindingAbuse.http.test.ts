import { manualClock } from '../../../integrations/clock';
import { LI_NA as liNa, ZHANG_WEI as zhangWei } from '../../integrations/platform/fixtures';
import { FakeWeChat, smsCode, startWeChatApp, type WeChatTestApp } from './wechatClient';

/**
 * Somebody who knows 李娜's ID number and name tries to bind her identity to their own WeChat account over the
 * webhook: their wrong codes lock only their own attempt, and the codes sent to her phone stay few.
 */
describe('POST /api/wechat: binding cannot be turned against the citizen', () => {
  let t: WeChatTestApp;
  let wx: FakeWeChat;
  const clock = manualClock('2026-11-25T10:00:00+08:00');

  beforeAll(async () => {
    t = await startWeChatApp({}, { clock });
    wx = new FakeWeChat(t.base);
  });
  afterAll(() => t.close());

  const say = async (openid: string, text: string): Promise<string> => (await wx.text(openid, text)).text;
  const smsTo = async (phone: string): Promise<number> => {
    const res = await fetch(`${t.base}/sandbox/sms?phone=${phone}`);
    return ((await res.json()) as { messages: unknown[] }).messages.length;
  };
  /** Asks for a service that needs binding, then gives an ID number and name: the reply to the name. */
  const requestCode = async (openid: string, who: { idNumber: string }, name: string): Promise<string> => {
    expect(await say(openid, '查一下我的驾照记分')).toContain('身份证号');
    expect(await say(openid, who.idNumber)).toContain('姓名');
    return say(openid, name);
  };

  it('an attacker locks only their own attempt; 李娜 still binds from her own account, and her phone gets at most 3 codes an hour', async () => {
    expect(await requestCode('o_attacker', liNa, liNa.name)).toContain('验证码已发送到你在交管档案中登记的手机138****5678');
    const sent = await smsCode(t.base, liNa.phone);
    const wrongs = ['000000', '111111', '222222', '333333'].filter((c) => c !== sent);
    expect(await say('o_attacker', wrongs[0] ?? '')).toContain('验证码不对，你还可以再试2次');
    expect(await say('o_attacker', wrongs[1] ?? '')).toContain('验证码不对，你还可以再试1次');
    expect(await say('o_attacker', wrongs[2] ?? '')).toMatch(/已锁定，请在11月25日（周三） 10:10之后再试/);
    // Locked: asking again sends her nothing.
    expect(await requestCode('o_attacker', liNa, liNa.name)).toMatch(/已锁定/);
    expect(await smsTo(liNa.phone)).toBe(1);

    // 李娜, on her own account a minute later, binds and sees her points.
    clock.set('2026-11-25T10:01:00+08:00');
    expect(await requestCode('o_li_na', liNa, liNa.name)).toContain('验证码已发送');
    expect(await say('o_li_na', await smsCode(t.base, liNa.phone))).toContain('身份绑定成功：李*（320583********0024）');
    expect(await smsTo(liNa.phone)).toBe(2);

    // More accounts asking for codes to her phone: one more within the hour, then no more.
    clock.set('2026-11-25T10:02:00+08:00');
    expect(await requestCode('o_attacker_2', liNa, liNa.name)).toContain('验证码已发送');
    clock.set('2026-11-25T10:03:00+08:00');
    expect(await requestCode('o_attacker_3', liNa, liNa.name)).toMatch(/这个身份证号一小时内最多发送3次验证码，请在11月25日（周三） 11:00之后再试[\s\S]*12123/);
    clock.set('2026-11-25T10:04:00+08:00');
    expect(await requestCode('o_attacker_4', liNa, liNa.name)).toMatch(/最多发送3次验证码/);
    expect(await smsTo(liNa.phone)).toBe(3);
  });

  it('a code is asked for twice within a minute only once', async () => {
    clock.set('2026-11-25T12:00:00+08:00');
    expect(await requestCode('o_zhang_1', zhangWei, zhangWei.name)).toContain('验证码已发送');
    clock.set('2026-11-25T12:00:30+08:00');
    expect(await requestCode('o_zhang_2', zhangWei, zhangWei.name)).toContain('请30秒后再试');
    expect(await smsTo(zhangWei.phone)).toBe(1);
  });

  it('one account probing names for an ID number is stopped after 5 requests an hour, the right name too', async () => {
    clock.set('2026-11-25T13:00:00+08:00');
    expect(await say('o_prober', '查一下我的驾照记分')).toContain('身份证号');
    for (const name of ['王芳', '李雷', '张三', '赵四', '钱五']) {
      expect(await say('o_prober', zhangWei.idNumber)).toContain('姓名');
      expect(await say('o_prober', name)).toContain('身份证号和姓名对不上');
    }
    expect(await say('o_prober', zhangWei.idNumber)).toContain('姓名');
    expect(await say('o_prober', zhangWei.name)).toMatch(/一小时内获取验证码的次数太多了，请在11月25日（周三） 14:00之后再试/);
    expect(await smsTo(zhangWei.phone)).toBe(1);
  });
});
