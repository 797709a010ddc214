import { WeChatCrypto } from '../../../bot/channels/wechat/WeChatCrypto';
import { buildXml } from '../../../bot/channels/wechat/xml';
import { SANDBOX_WECHAT } from '../../../bot/config';
import { ACCOUNT, customMessages, FakeWeChat, now, startWeChatApp, type WeChatTestApp } from './wechatClient';

/** WeChat's published sample EncodingAESKey (../shared/wechat-test-vectors.md). */
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

const textXml = (openid: string, content: string, msgId: string, createTime = now()): string =>
  buildXml({ ToUserName: ACCOUNT, FromUserName: openid, CreateTime: createTime, MsgType: 'text', Content: content, MsgId: msgId });

/** One signed query (timestamp, nonce and their signature), as an eavesdropper would have copied it. */
const capturedQuery = (): Record<string, string> => ({ timestamp: String(now()), nonce: String(Math.floor(Math.random() * 1e9)) });

describe.each([
  ['plain mode', {}, undefined],
  ['safe mode', { WECHAT_ENCODING_AES_KEY: AES_KEY }, new WeChatCrypto(SANDBOX_WECHAT.token, AES_KEY, SANDBOX_WECHAT.appId)],
])('a signed WeChat request carries one message only (%s)', (_mode, env: Record<string, string>, crypto) => {
  let t: WeChatTestApp;
  let wx: FakeWeChat;
  const tag = crypto ? 'safe' : 'plain';
  /** The citizen's messages the bot took in (its transcript, as an agent sees it). */
  const heard = async (openid: string): Promise<string[]> =>
    (await t.app.stores.transcripts.list(openid)).filter((e) => e.from === 'user').map((e) => e.text);

  beforeAll(async () => {
    t = await startWeChatApp(env);
    wx = new FakeWeChat(t.base, SANDBOX_WECHAT.token, crypto);
  });
  afterAll(() => t.close());

  it('replaying the signed query with another body or sender → 403, nothing processed; the identical retry → the same reply, one turn', async () => {
    const victim = `o_replay_${tag}_1`;
    const attacker = `o_replay_${tag}_2`;
    const query = capturedQuery();
    const msgId = wx.nextMsgId();
    const createTime = now();
    const first = await wx.postXml(textXml(victim, '你好', msgId, createTime), query);
    expect(first.status).toBe(200);
    expect(first.text).toContain('我是交管助手');

    // The same signature within its 5 minutes, with another message: another sender, another text, another MsgId.
    const asOther = await wx.postXml(textXml(attacker, '查违章', wx.nextMsgId()), query);
    const asVictim = await wx.postXml(textXml(victim, '转人工', wx.nextMsgId()), query);
    const sameIdOtherText = await wx.postXml(textXml(victim, '转人工', msgId, createTime), query);
    for (const r of [asOther, asVictim, sameIdOtherText]) {
      expect(r.status).toBe(403);
      expect(r.body).toBe('this signature was already used for another message');
    }

    // WeChat's own retry: same query, same message.
    const retry = await wx.postXml(textXml(victim, '你好', msgId, createTime), query);
    expect(retry.status).toBe(200);
    expect(retry.text).toBe(first.text);

    await t.app.wechat?.idle();
    expect(await heard(victim)).toEqual(['你好']);
    expect(await heard(attacker)).toEqual([]);
    expect(await customMessages(t.base, attacker)).toEqual([]);
    expect(await customMessages(t.base, victim)).toEqual([]);
  });

  it('two followers sending the same MsgId each get the answer to their own message', async () => {
    const msgId = wx.nextMsgId();
    const one = await wx.text(`o_msgid_${tag}_1`, '你好', msgId);
    const two = await wx.text(`o_msgid_${tag}_2`, '查违章', msgId);
    expect(one.text).toContain('我是交管助手');
    expect(two.text).toContain('查询方式');
    expect(two.text).not.toContain('我是交管助手');
    expect(await heard(`o_msgid_${tag}_2`)).toEqual(['查违章']);
  });
});
