import Database from 'better-sqlite3';
import { SandboxWeChatServer, type ReceivedMessage } from '../../../integrations/wechat/sandbox/SandboxWeChatServer';

const APP = { appId: 'wx2c2769f8efd9abc2', appSecret: 'sandbox-secret' };
const T0 = Date.parse('2026-11-25T01:00:00.000Z');
const OPENID = 'oyORnuP8q7ou2gfYjqLzSIWZf0rs';
const article = (title: string): Record<string, string> => ({ title, description: '说明', url: 'https://a.example/', picurl: 'https://a.example/p.jpg' });

describe('SandboxWeChatServer', () => {
  let db: Database.Database;
  let clock: number;
  let server: SandboxWeChatServer;

  beforeEach(() => {
    db = new Database(':memory:');
    clock = T0;
    server = new SandboxWeChatServer(db, APP, () => clock);
  });
  afterEach(() => {
    if (db.open) db.close();
  });

  const token = (): string => {
    const answer = server.issueToken('client_credential', APP.appId, APP.appSecret);
    if (!answer.access_token) throw new Error(`no token: ${answer.errcode} ${answer.errmsg}`);
    return answer.access_token;
  };
  const text = (content: string, touser = OPENID): Record<string, unknown> => ({ touser, msgtype: 'text', text: { content } });

  describe('GET /cgi-bin/token', () => {
    it('issues a token valid for 7200 s to the configured AppId and secret', () => {
      const answer = server.issueToken('client_credential', APP.appId, APP.appSecret);
      expect(answer).toMatchObject({ errcode: 0, expires_in: 7200 });
      expect(answer.access_token).toEqual(expect.any(String));
      expect(server.issueToken('client_credential', APP.appId, APP.appSecret).access_token).not.toBe(answer.access_token);
    });

    it('keeps only a hash of the tokens it issued (they are only compared), and still accepts them', () => {
      const token = String(server.issueToken('client_credential', APP.appId, APP.appSecret).access_token);
      expect(JSON.stringify(db.prepare('SELECT * FROM sandbox_wechat_tokens').all())).not.toContain(token);
      expect(server.receiveCustom(token, text('你好'))).toMatchObject({ errcode: 0 });
    });

    it.each([
      ['a wrong grant_type', 'authorization_code', APP.appId, APP.appSecret, 40002],
      ['another AppId', 'client_credential', 'wx0000000000000000', APP.appSecret, 40013],
      ['a wrong secret', 'client_credential', APP.appId, 'wrong', 40125],
      ['an empty secret', 'client_credential', APP.appId, '', 40125],
    ])('refuses %s with errcode %i and no token', (_label, grant, appId, secret, errcode) => {
      const answer = server.issueToken(grant, appId, secret);
      expect(answer.errcode).toBe(errcode);
      expect(answer.access_token).toBeUndefined();
    });
  });

  describe('POST /cgi-bin/message/custom/send', () => {
    it('refuses an unknown token with 40001 and stores nothing', () => {
      expect(server.receiveCustom('not-a-token', text('您好'))).toMatchObject({ errcode: 40001 });
      expect(server.messages(OPENID)).toEqual([]);
    });

    it('refuses an expired token with 42001 (valid until just before 7200 s)', () => {
      const t = token();
      clock = T0 + 7200 * 1000 - 1;
      expect(server.receiveCustom(t, text('还有效'))).toMatchObject({ errcode: 0 });
      clock = T0 + 7200 * 1000;
      expect(server.receiveCustom(t, text('已过期'))).toMatchObject({ errcode: 42001 });
      expect(server.messages(OPENID).map((m) => m.msgtype === 'text' && m.text.content)).toEqual(['还有效']);
    });

    it('accepts a text of exactly 2048 UTF-8 bytes', () => {
      expect(server.receiveCustom(token(), text(`${'违'.repeat(682)}ab`))).toMatchObject({ errcode: 0 });
    });

    it('refuses a text over 2048 UTF-8 bytes and stores nothing', () => {
      const answer = server.receiveCustom(token(), text('违'.repeat(683))); // 2049 bytes, 683 characters
      expect(answer.errcode).not.toBe(0);
      expect(server.messages(OPENID)).toEqual([]);
    });

    it("answers a text over 2048 bytes with WeChat's code 45002 (content size out of limit)", () => {
      expect(server.receiveCustom(token(), text('🚗'.repeat(513)))).toMatchObject({ errcode: 45002 });
    });

    it.each([
      ['no body', undefined],
      ['no touser', { msgtype: 'text', text: { content: 'x' } }],
      ['an empty text', text('')],
      ['an unsupported msgtype', { touser: OPENID, msgtype: 'music', music: {} }],
      ['news with 0 articles', { touser: OPENID, msgtype: 'news', news: { articles: [] } }],
      ['news with 9 articles', { touser: OPENID, msgtype: 'news', news: { articles: Array.from({ length: 9 }, (_, i) => article(`第${i}`)) } }],
      ['news without articles', { touser: OPENID, msgtype: 'news', news: {} }],
      ['news whose article is not an object', { touser: OPENID, msgtype: 'news', news: { articles: [null] } }],
    ])('refuses %s with an error code, stores nothing and notifies nobody', (_label, body) => {
      const seen: ReceivedMessage[] = [];
      server.subscribe((m) => seen.push(m));
      let answer: { errcode: number } | undefined;
      expect(() => {
        answer = server.receiveCustom(token(), body);
      }).not.toThrow();
      expect(answer?.errcode).toBeGreaterThan(0);
      expect(server.messages(OPENID)).toEqual([]);
      expect(seen).toEqual([]);
    });

    it("refuses news with more than one article with WeChat's code 45008 (one article per message since 2018)", () => {
      const answer = server.receiveCustom(token(), { touser: OPENID, msgtype: 'news', news: { articles: [article('一'), article('二')] } });
      expect(answer.errcode).toBe(45008);
    });

    it('stores a valid text and returns it by follower, oldest first, after a given id', () => {
      const t = token();
      expect(server.receiveCustom(t, text('第一条'))).toEqual({ errcode: 0, errmsg: 'ok' });
      clock += 1000;
      server.receiveCustom(t, text('给别人', 'oOtherFollower')); // another follower
      server.receiveCustom(t, text('第二条'));
      const mine = server.messages(OPENID);
      expect(mine.map((m) => m.msgtype === 'text' && m.text.content)).toEqual(['第一条', '第二条']);
      expect(mine[0]).toMatchObject({ touser: OPENID, msgtype: 'text', at: new Date(T0).toISOString() });
      expect(mine[1].at).toBe(new Date(T0 + 1000).toISOString());
      expect(mine[1].id).toBeGreaterThan(mine[0].id);
      expect(server.messages(OPENID, mine[0].id).map((m) => m.id)).toEqual([mine[1].id]);
      expect(server.messages(OPENID, mine[1].id)).toEqual([]);
      expect(server.messages('oOtherFollower')).toHaveLength(1);
    });

    it('stores a valid one-article news message with its fields', () => {
      expect(server.receiveCustom(token(), { touser: OPENID, msgtype: 'news', news: { articles: [article('科目一预约')] } })).toMatchObject({ errcode: 0 });
      expect(server.messages(OPENID)).toEqual([expect.objectContaining({ msgtype: 'news', news: { articles: [article('科目一预约')] } })]);
    });

    it('delivers each accepted message to every subscriber until it unsubscribes', () => {
      const t = token();
      const first: ReceivedMessage[] = [];
      const second: ReceivedMessage[] = [];
      const stopFirst = server.subscribe((m) => first.push(m));
      server.subscribe((m) => second.push(m));

      server.receiveCustom(t, text('一'));
      stopFirst();
      server.receiveCustom(t, text('二'));
      server.receiveCustom('bad-token', text('不应送达'));

      expect(first.map((m) => m.msgtype === 'text' && m.text.content)).toEqual(['一']);
      expect(second.map((m) => m.msgtype === 'text' && m.text.content)).toEqual(['一', '二']);
      expect(second[0]).toEqual(server.messages(OPENID)[0]);
    });
  });

  it('keeps tokens and messages in the database, for a second server on the same database', () => {
    const t = token();
    server.receiveCustom(t, text('持久'));
    const again = new SandboxWeChatServer(db, APP, () => clock);
    expect(again.receiveCustom(t, text('同一令牌'))).toMatchObject({ errcode: 0 });
    expect(again.messages(OPENID)).toHaveLength(2);
  });
});
