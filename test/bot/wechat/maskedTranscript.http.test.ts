import { LI_NA } from '../../integrations/platform/fixtures';
import { FakeWeChat, smsCode, startWeChatApp, type WeChatTestApp } from './wechatClient';

/**
 * What the agent console would show of a conversation (the stored transcript) and what admins see in the
 * misunderstood inbox, after a citizen bound her identity over the webhook and typed codes here and there.
 */
describe('POST /api/wechat: the name typed at binding and verification codes are masked in the transcript and the inbox', () => {
  let t: WeChatTestApp;
  let wx: FakeWeChat;

  beforeAll(async () => {
    t = await startWeChatApp();
    wx = new FakeWeChat(t.base);
  });
  afterAll(() => t.close());

  it('keeps 李*, never 李娜, and ****** for every code, at the prompts and elsewhere', async () => {
    const openid = 'o_masked_transcript';
    expect((await wx.text(openid, '查一下我的驾照记分')).text).toContain('身份证号');
    expect((await wx.text(openid, LI_NA.idNumber)).text).toContain('姓名');
    expect((await wx.text(openid, LI_NA.name)).text).toContain('验证码已发送');
    const code = await smsCode(t.base, LI_NA.phone);
    // A wrong code, then the right one inside a sentence: both kept as ******.
    const wrong = code === '000000' ? '111111' : '000000';
    expect((await wx.text(openid, wrong)).text).not.toContain('身份绑定成功');
    expect((await wx.text(openid, `验证码是${code}`)).text).toContain('身份绑定成功：李*');
    // A code typed later, outside any prompt.
    await wx.text(openid, `刚才收到的 ${code} 还要用吗`);

    const lines = (await t.app.stores.transcripts.list(openid)).map((l) => `${l.from}: ${l.text}`);
    const said = lines.filter((l) => l.startsWith('user: '));
    expect(said).toEqual([
      'user: 查一下我的驾照记分',
      expect.stringMatching(/^user: 320583\*+0024$/),
      'user: 李*',
      'user: ******',
      'user: ******',
      'user: 刚才收到的 ****** 还要用吗',
    ]);
    const all = lines.join('\n');
    expect(all).not.toContain(LI_NA.name);
    expect(all).not.toContain(code);
    // The user's lines come before the bot's replies to them.
    expect(lines.indexOf('user: 李*')).toBeLessThan(lines.findIndex((l) => l.includes('验证码已发送')));

    // The inbox is written beside the turn, not in it: give it a moment.
    let inbox = '';
    for (let i = 0; i < 50 && !inbox.includes('还要用吗'); i += 1) {
      inbox = (await t.app.stores.inbox.open(100)).map((item) => item.text).join('\n');
      if (!inbox.includes('还要用吗')) await new Promise((r) => setTimeout(r, 20));
    }
    expect(inbox).toContain('刚才收到的 ****** 还要用吗');
    expect(inbox).not.toContain(code);
    expect(inbox).not.toContain(LI_NA.name);
  });

});
