import { WeChatCrypto } from '../../../bot/channels/wechat/WeChatCrypto';
import { SANDBOX_WECHAT } from '../../../bot/config';
import { ACCOUNT, customMessages, FakeWeChat, now, startWeChatApp, type WeChatTestApp } from './wechatClient';

/** WeChat's published sample EncodingAESKey (as in safeMode.http.test.ts). */
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

/** A text message as WeChat writes it, with the Content and OpenID written raw (not through our builder, which leaves illegal characters out). */
const rawText = (openid: string, content: string, msgId: string): string =>
  `<xml><ToUserName><![CDATA[${ACCOUNT}]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName><CreateTime>${now()}</CreateTime>`
  + `<MsgType><![CDATA[text]]></MsgType><Content>${content}</Content><MsgId>${msgId}</MsgId></xml>`;

/** Issue 13, Low: XML 1.0-illegal characters in a signed WeChat message are refused (400), before any turn. */
describe('POST /api/wechat refuses control characters that XML 1.0 does not allow', () => {
  let t: WeChatTestApp;
  let wx: FakeWeChat;
  let seq = 0;
  const user = (): string => `o_ctl_${(seq += 1)}`;

  beforeAll(async () => {
    t = await startWeChatApp();
    wx = new FakeWeChat(t.base);
  });
  afterAll(() => t.close());

  it.each([
    ['U+0001 written in the text', '你好\u0001', 'U+0001'],
    ['NUL written in the text', 'a\u0000b', 'U+0000'],
    ['U+001F in CDATA', '<![CDATA[查违章\u001f]]>', 'U+001F'],
    ['U+FFFF', '你好\uffff', 'U+FFFF'],
    ['U+FFFE', '\ufffe你好', 'U+FFFE'],
    ['a character reference to U+0001', '你好&#1;', '&#1;'],
    ['a hexadecimal character reference to U+001B', '&#x1B;[31m你好', '&#x1B;'],
    ['a character reference to U+FFFF', '&#xFFFF;', '&#xFFFF;'],
  ])('%s: 400, no reply, no turn; the same message clean is answered afterwards', async (_what, content, named) => {
    const openid = user();
    const msgId = wx.nextMsgId();
    const r = await wx.postXml(rawText(openid, content, msgId));
    expect(r.status).toBe(400);
    expect(r.body).toMatch(/^malformed XML: /);
    expect(r.body).toContain(named);
    expect(r.text).toBe('');
    await new Promise((res) => setTimeout(res, 100));
    expect(await customMessages(t.base, openid)).toEqual([]);
    // Nothing was claimed or run for the refused copy: the clean message with the same MsgId gets its answer.
    expect((await wx.text(openid, '你好', msgId)).text).toContain('我是交管助手');
  });

  it('refuses a control character in the OpenID', async () => {
    const r = await wx.postXml(rawText('o_ctl_\u0007bell', '你好', wx.nextMsgId()));
    expect(r.status).toBe(400);
    expect(r.body).toContain('U+0007');
  });

  it('keeps tab, line feed and carriage return, and characters beyond the BMP', async () => {
    const r = await wx.postXml(rawText(user(), '<![CDATA[你好\t\r\n🚗]]>', wx.nextMsgId()));
    expect(r.status).toBe(200);
    expect(r.text).toContain('我是交管助手');
  });

  it('refuses them inside a safe-mode (encrypted) message too', async () => {
    const safe = await startWeChatApp({ WECHAT_ENCODING_AES_KEY: AES_KEY });
    try {
      const crypto = new WeChatCrypto(SANDBOX_WECHAT.token, AES_KEY, SANDBOX_WECHAT.appId);
      const swx = new FakeWeChat(safe.base, SANDBOX_WECHAT.token, crypto);
      const r = await swx.postXml(rawText('o_ctl_safe', '你好\u0001', swx.nextMsgId()));
      expect(r.status).toBe(400);
      expect(r.body).toContain('U+0001');
      expect((await swx.text('o_ctl_safe', '你好')).text).toContain('我是交管助手');
    } finally {
      await safe.close();
    }
  });
});
