import { wechatSignature } from '../../../bot/channels/wechat/signature';
import { SANDBOX_WECHAT } from '../../../bot/config';
import { capture } from '../../support/capture';
import { customMessages, FakeWeChat, now, startWeChatApp, type WeChatTestApp } from './wechatClient';

describe('POST /api/wechat with real WeChat XML (plain mode)', () => {
  let t: WeChatTestApp;
  let wx: FakeWeChat;
  let seq = 0;
  const user = (): string => `o_http_${(seq += 1)}`;

  beforeAll(async () => {
    t = await startWeChatApp({ WECHAT_RATE_PER_MINUTE: '8' });
    wx = new FakeWeChat(t.base);
  });
  afterAll(() => t.close());

  describe('GET: WeChat checks the URL when the developer saves it', () => {
    const get = async (q: Record<string, string>) => {
      const r = await fetch(`${t.base}/api/wechat?${new URLSearchParams(q)}`);
      const body = await r.text();
      if (r.status >= 400) capture('http-errors', `GET /api/wechat ${r.status} ${body}`);
      return { status: r.status, body };
    };
    it('answers the echostr when the signature is right', async () => {
      const timestamp = String(now());
      const signature = wechatSignature(SANDBOX_WECHAT.token, timestamp, '42');
      expect(await get({ signature, timestamp, nonce: '42', echostr: '8143249287342' })).toEqual({ status: 200, body: '8143249287342' });
    });
    it.each([
      ['no signature at all', { timestamp: String(now()), nonce: '1', echostr: 'e' }, 401],
      ['a forged signature', { signature: 'a'.repeat(40), timestamp: String(now()), nonce: '1', echostr: 'e' }, 403],
      ['a signature made with another token', { signature: wechatSignature('other', String(now()), '1'), timestamp: String(now()), nonce: '1', echostr: 'e' }, 403],
    ])('refuses %s', async (_what, q, status) => {
      const r = await get(q);
      expect(r.status).toBe(status);
      expect(r.body).not.toBe('e');
    });
  });

  describe('every message type gets a sensible answer', () => {
    it.each([
      ['text', { MsgType: 'text', Content: '你好', MsgId: '' }, '我是交管助手'],
      ['voice with Recognition', { MsgType: 'voice', MediaId: 'm1', Format: 'amr', Recognition: '我想查违章', MsgId: '' }, '查询方式'],
      ['voice without Recognition', { MsgType: 'voice', MediaId: 'm1', Format: 'amr', MsgId: '' }, '没听清'],
      ['image', { MsgType: 'image', PicUrl: 'http://mmbiz.qpic.cn/x.jpg', MediaId: 'm2', MsgId: '' }, '只能看懂文字'],
      ['location', { MsgType: 'location', Location_X: '32.04', Location_Y: '118.78', Scale: '15', Label: '南京市玄武区', MsgId: '' }, '只能看懂文字'],
      ['link', { MsgType: 'link', Title: '公告', Description: 'd', Url: 'http://example.com', MsgId: '' }, '只能看懂文字'],
      ['video (unsupported)', { MsgType: 'video', MediaId: 'm3', ThumbMediaId: 't', MsgId: '' }, '只能看懂文字'],
      ['subscribe', { MsgType: 'event', Event: 'subscribe' }, '我是交管助手'],
      ['subscribe from a QR code with a scene', { MsgType: 'event', Event: 'subscribe', EventKey: 'qrscene_123', Ticket: 'TICKET' }, '我是交管助手'],
      ['SCAN by a follower', { MsgType: 'event', Event: 'SCAN', EventKey: '123', Ticket: 'TICKET' }, '欢迎回来'],
      ['CLICK on the fines menu', { MsgType: 'event', Event: 'CLICK', EventKey: 'MENU_FINE_QUERY' }, '查询方式'],
      ['CLICK on a menu key the bot does not know', { MsgType: 'event', Event: 'CLICK', EventKey: 'V1001_OLD' }, '欢迎回来'],
      ['CLICK with a key named like an Object member', { MsgType: 'event', Event: 'CLICK', EventKey: 'constructor' }, '欢迎回来'],
    ])('%s', async (_what, fields, expected) => {
      const f: Record<string, string> = { ...fields };
      if ('MsgId' in f) f.MsgId = wx.nextMsgId();
      const r = await wx.message(user(), f);
      expect(r.status).toBe(200);
      expect(r.text).toContain(expected);
    });

    it('unsubscribe is acknowledged with "success" and nothing is sent', async () => {
      const openid = user();
      const r = await wx.event(openid, 'unsubscribe');
      expect(r).toMatchObject({ status: 200, body: 'success' });
      await t.app.wechat?.idle();
      expect(await customMessages(t.base, openid)).toEqual([]);
    });
  });

  it('suggested actions become numbered lines, and the number answers them', async () => {
    const openid = user();
    const welcome = await wx.event(openid, 'subscribe');
    expect(welcome.text).toMatch(/3\. 查违章/);
    expect(welcome.text).toContain('回复序号即可选择');
    expect((await wx.text(openid, '3')).text).toContain('查询方式');
    // A number beyond the options is passed on as typed: the prompt explains and asks again.
    expect((await wx.text(openid, '9')).text).toContain('请点选一种查询方式');
  });

  describe('refuses what WeChat did not send, and processes nothing', () => {
    const xml = (openid: string, msgId: string) =>
      `<xml><ToUserName><![CDATA[gh_x]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName><CreateTime>${now()}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content><MsgId>${msgId}</MsgId></xml>`;
    it.each([
      ['a forged signature', { signature: '0'.repeat(40) }, 403],
      ['a missing signature', { signature: '' }, 401],
      ['a timestamp 6 minutes old', { timestamp: String(now() - 360) }, 403],
      ['a timestamp 6 minutes ahead', { timestamp: String(now() + 360) }, 403],
    ])('%s → %s, and the same message later (properly signed) is processed as new', async (_what, query, status) => {
      const openid = user();
      const msgId = wx.nextMsgId();
      const forged = await wx.postXml(xml(openid, msgId), query);
      expect(forged.status).toBe(status);
      expect(forged.text).toBe('');
      const real = await wx.postXml(xml(openid, msgId));
      expect(real.text).toContain('我是交管助手');
    });
  });

  describe('bad bodies get a clear status, never a 500', () => {
    it.each([
      ['not XML', 'hello', 400, /malformed XML/],
      ['an unclosed element', '<xml><MsgType>text</xml>', 400, /malformed XML/],
      ['a DOCTYPE (entity expansion)', '<!DOCTYPE x [<!ENTITY a "aaaa">]><xml><Content>&a;</Content></xml>', 400, /DTD/],
      ['missing fields', '<xml><MsgType><![CDATA[text]]></MsgType></xml>', 400, /missing ToUserName, FromUserName, CreateTime/],
      ['an empty body', '', 400, /malformed XML/],
    ])('%s → %s', async (_what, body, status, message) => {
      const r = await wx.postXml(body);
      expect(r.status).toBe(status);
      expect(r.body).toMatch(message);
    });

    it('a body over 64 KB → 413', async () => {
      const r = await wx.postXml(`<xml><Content><![CDATA[${'长'.repeat(30_000)}]]></Content></xml>`);
      expect(r.status).toBe(413);
    });

    it('a text over 1,000 characters gets a clear reply instead of a turn', async () => {
      const r = await wx.text(user(), '查违章'.repeat(400));
      expect(r.status).toBe(200);
      expect(r.text).toContain('这条消息太长了（最多1000个字）');
    });
  });

  it('limits messages per OpenID (not per IP): the 9th in a minute is refused politely, others are unaffected', async () => {
    const flooder = user();
    const answers: string[] = [];
    for (let i = 0; i < 9; i += 1) answers.push((await wx.text(flooder, '你好')).text);
    expect(answers.slice(0, 8).every((a) => a.includes('我是交管助手'))).toBe(true);
    expect(answers[8]).toMatch(/你发送得太快了，请\d+秒后再试/);
    expect((await wx.text(user(), '你好')).text).toContain('我是交管助手');
  });
});
