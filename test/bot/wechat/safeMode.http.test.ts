import { signatureMatches, wechatSignature } from '../../../bot/channels/wechat/signature';
import { WeChatCrypto } from '../../../bot/channels/wechat/WeChatCrypto';
import { parseXml, textField } from '../../../bot/channels/wechat/xml';
import { SANDBOX_WECHAT } from '../../../bot/config';
import { FakeWeChat, now, startWeChatApp, type WeChatTestApp } from './wechatClient';

/** WeChat's published sample EncodingAESKey (../shared/wechat-test-vectors.md). */
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

describe('safe mode (WECHAT_ENCODING_AES_KEY set): encrypted both ways', () => {
  let t: WeChatTestApp;
  const crypto = new WeChatCrypto(SANDBOX_WECHAT.token, AES_KEY, SANDBOX_WECHAT.appId);
  let wx: FakeWeChat;

  beforeAll(async () => {
    t = await startWeChatApp({ WECHAT_ENCODING_AES_KEY: AES_KEY });
    wx = new FakeWeChat(t.base, SANDBOX_WECHAT.token, crypto);
  });
  afterAll(() => t.close());

  it('decrypts the message and answers with an encrypted, signed passive reply', async () => {
    const r = await wx.text('o_safe_1', '你好');
    expect(r.status).toBe(200);
    const outer = parseXml(r.body).fields;
    expect(Object.keys(outer).sort()).toEqual(['Encrypt', 'MsgSignature', 'Nonce', 'TimeStamp']);
    expect(r.body).not.toContain('交管助手');
    const expected = crypto.sign(textField(outer, 'TimeStamp'), textField(outer, 'Nonce'), textField(outer, 'Encrypt'));
    expect(signatureMatches(expected, textField(outer, 'MsgSignature'))).toBe(true);
    expect(r.text).toContain('我是交管助手');
  });

  it('answers the URL check with the decrypted echostr', async () => {
    const timestamp = String(now());
    const echostr = crypto.encrypt('echo-4711');
    const q = new URLSearchParams({
      signature: wechatSignature(SANDBOX_WECHAT.token, timestamp, '9'), msg_signature: crypto.sign(timestamp, '9', echostr),
      timestamp, nonce: '9', echostr,
    });
    const r = await fetch(`${t.base}/api/wechat?${q}`);
    expect(await r.text()).toBe('echo-4711');
  });

  it('refuses a message encrypted for another AppId (403) and processes nothing', async () => {
    const other = new FakeWeChat(t.base, SANDBOX_WECHAT.token, new WeChatCrypto(SANDBOX_WECHAT.token, AES_KEY, 'wx0000000000000000'));
    const r = await other.text('o_safe_2', '你好');
    expect(r.status).toBe(403);
    expect(r.body).toContain('another AppId');
  });

  it('refuses a wrong msg_signature (403) and a plain message (400)', async () => {
    const forged = await wx.postXml('<xml><ToUserName><![CDATA[gh]]></ToUserName><FromUserName><![CDATA[o]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content><MsgId>1</MsgId></xml>', { msg_signature: 'f'.repeat(40) });
    expect(forged.status).toBe(403);
    const plainWeChat = new FakeWeChat(t.base);
    const plain = await plainWeChat.text('o_safe_3', '你好');
    expect(plain.status).toBe(400);
    expect(plain.body).toContain('no Encrypt field');
  });
});
