import Database from 'better-sqlite3';
import type { AddressInfo } from 'node:net';
import { makeServer, type BotServer } from '../../../bot/makeServer';
import { sandboxWeChatRoutes } from '../../../bot/sandbox/sandboxWeChatRoutes';
import { SqliteSharedTokens } from '../../../integrations/storage/sqlite/SqliteSharedTokens';
import { WeChatApiClient } from '../../../integrations/wechat/WeChatApiClient';
import { SandboxWeChatServer, type ReceivedMessage, type SandboxTemplate } from '../../../integrations/wechat/sandbox/SandboxWeChatServer';
import { isRefusal, WeChatApiError, type TemplateMessage } from '../../../integrations/wechat/types';
import { testLogger } from '../../support/captureLogger';

const APP = { appId: 'wx2c2769f8efd9abc2', appSecret: 'sandbox-secret' };
const T0 = Date.parse('2026-11-30T01:00:00.000Z'); // 09:00 China time
const ZHANGWEI = 'o_sandbox_zhangwei';
const LINA = 'o_sandbox_lina';

const TEMPLATES: readonly SandboxTemplate[] = [{
  id: 'tpl_exam_reminder',
  title: '考试提醒',
  fields: [{ key: 'subject', label: '考试科目' }, { key: 'time', label: '考试时间' }, { key: 'place', label: '考场' }],
}];

const reminder = (clientMsgId: string, data: Record<string, { value: string }> = {
  subject: { value: '科目二' }, time: { value: '12月1日 08:30' }, place: { value: '南京市车管所江宁考场' },
}): TemplateMessage => ({ template_id: 'tpl_exam_reminder', url: '/chat/reply?say=改约', client_msg_id: clientMsgId, data });

describe('template messages: WeChatApiClient over HTTP to the sandbox WeChat server', () => {
  let db: Database.Database;
  let wechatClock: number;
  let botClock: number;
  let wechat: SandboxWeChatServer;
  /** The bot's store, where the access token is shared. */
  let tokensDb: Database.Database | undefined;
  let tokens: SqliteSharedTokens;
  let bot: BotServer;
  let base: string;
  let requests: string[];

  beforeAll(async () => {
    db = new Database(':memory:');
    wechat = new SandboxWeChatServer(db, APP, () => wechatClock, TEMPLATES);
    bot = makeServer({
      logger: testLogger(), isReady: () => true,
      routes: [
        (server) => server.pre((req, _res, next) => { requests.push(req.path()); next(); }),
        sandboxWeChatRoutes(wechat, { token: 'sandboxToken', appId: APP.appId, account: 'gh_jiaoguan_sandbox', menu: [] }),
      ],
    });
    await new Promise<void>((r) => bot.server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(bot.server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    bot.server.close();
    db.close();
    tokensDb?.close();
  });
  beforeEach(() => {
    db.exec('DELETE FROM sandbox_wechat_messages; DELETE FROM sandbox_wechat_template_sends; DELETE FROM sandbox_wechat_followers');
    wechatClock = T0;
    botClock = T0;
    tokensDb?.close();
    tokensDb = new Database(':memory:');
    tokens = new SqliteSharedTokens(tokensDb);
    requests = [];
    wechat.failNextTemplates(0, 0);
  });

  const client = (): WeChatApiClient => new WeChatApiClient({
    baseUrl: `${base}/sandbox/wechat`, ...APP, tokens, now: () => botClock, sleep: async () => undefined,
  });
  const sends = (): number => requests.filter((p) => p.endsWith('/template/send')).length;
  const tokenFetches = (): number => requests.filter((p) => p.endsWith('/cgi-bin/token')).length;
  const outbox = async (openid: string): Promise<ReceivedMessage[]> => {
    const res = await fetch(`${base}/sandbox/wechat/messages?openid=${openid}`);
    return ((await res.json()) as { messages: ReceivedMessage[] }).messages;
  };
  const followers = async (openid: string, change?: unknown): Promise<{ status: number; body: Record<string, unknown> }> => {
    const res = await fetch(`${base}/sandbox/wechat/followers?openid=${encodeURIComponent(openid)}`, change === undefined ? undefined
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(change) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const failure = (p: Promise<unknown>): Promise<WeChatApiError> => p.then(
    () => { throw new Error('the send was expected to fail'); },
    (err: unknown) => { if (!(err instanceof WeChatApiError)) throw err; return err; },
  );

  it('delivers a template message to the outbox as the follower sees it: title, labelled fields in order, the one-tap url', async () => {
    const answer = await client().sendTemplateMessage(ZHANGWEI, reminder('notice-1'));
    const [message] = await outbox(ZHANGWEI);
    expect(message).toEqual({
      id: expect.any(Number), touser: ZHANGWEI, at: new Date(T0).toISOString(), msgtype: 'template',
      template: {
        template_id: 'tpl_exam_reminder', title: '考试提醒', url: '/chat/reply?say=改约',
        fields: [
          { key: 'subject', label: '考试科目', value: '科目二' },
          { key: 'time', label: '考试时间', value: '12月1日 08:30' },
          { key: 'place', label: '考场', value: '南京市车管所江宁考场' },
        ],
      },
    });
    expect(answer).toEqual({ msgid: message.id });
    expect(await outbox(LINA)).toEqual([]);
  });

  it('two sends of one client_msg_id (a retry after a crash) deliver one message and answer the same msgid', async () => {
    const first = await client().sendTemplateMessage(ZHANGWEI, reminder('notice-2'));
    wechatClock += 10 * 60_000 - 1;
    const again = await client().sendTemplateMessage(ZHANGWEI, reminder('notice-2'));
    expect(again).toEqual(first);
    expect(await outbox(ZHANGWEI)).toHaveLength(1);
    expect(sends()).toBe(2);
  });

  it('the same client_msg_id for another follower, or after 10 minutes, is a new message', async () => {
    const first = await client().sendTemplateMessage(ZHANGWEI, reminder('notice-3'));
    const other = await client().sendTemplateMessage(LINA, reminder('notice-3'));
    wechatClock += 10 * 60_000;
    const later = await client().sendTemplateMessage(ZHANGWEI, reminder('notice-3'));
    expect(new Set([first.msgid, other.msgid, later.msgid]).size).toBe(3);
    expect(await outbox(ZHANGWEI)).toHaveLength(2);
    expect(await outbox(LINA)).toHaveLength(1);
  });

  it.each([
    ['unfollowed the account', 43004, { following: false }],
    ['blacklisted the account', 43019, { blocked: true }],
    ['refused the account\'s messages in WeChat', 43101, { notices: 'reject' }],
  ])('a follower who %s: errcode %i, a refusal, sent once, nothing delivered', async (_what, errcode, setting) => {
    expect((await followers(ZHANGWEI, setting)).status).toBe(200);
    const err = await failure(client().sendTemplateMessage(ZHANGWEI, reminder('notice-4')));
    expect(err).toMatchObject({ errcode, retryable: false });
    expect(isRefusal(err.errcode)).toBe(true);
    expect(sends()).toBe(1);
    expect(await outbox(ZHANGWEI)).toEqual([]);
    // Another follower is unaffected, and a refused client_msg_id is not remembered as delivered.
    await client().sendTemplateMessage(LINA, reminder('notice-4'));
    expect(await outbox(LINA)).toHaveLength(1);
    await followers(ZHANGWEI, { following: true, blocked: false, notices: 'accept' });
    await client().sendTemplateMessage(ZHANGWEI, reminder('notice-4'));
    expect(await outbox(ZHANGWEI)).toHaveLength(1);
  });

  it.each([
    ['an unknown template_id', 40037, { ...reminder('n'), template_id: 'tpl_nope' }, /invalid template_id/],
    ['data missing a field of the template', 47003, reminder('n', { subject: { value: '科目二' }, time: { value: '08:30' } }), /data\.place is missing/],
    ['data with a key the template has not', 47003, reminder('n', { subject: { value: '科目二' }, time: { value: '08:30' }, place: { value: '江宁' }, fee: { value: '0' } }), /data\.fee/],
    ['an empty value', 47003, reminder('n', { subject: { value: '科目二' }, time: { value: ' ' }, place: { value: '江宁' } }), /data\.time\.value/],
    ['a value of 201 characters', 47003, reminder('n', { subject: { value: '科目二' }, time: { value: '08:30' }, place: { value: '考'.repeat(201) } }), /data\.place\.value/],
  ])('%s: errcode %i, not a refusal, nothing delivered', async (_what, errcode, message, errmsg) => {
    const err = await failure(client().sendTemplateMessage(ZHANGWEI, message));
    expect(err.errcode).toBe(errcode);
    expect(err.message).toMatch(errmsg);
    expect(isRefusal(err.errcode)).toBe(false);
    expect(await outbox(ZHANGWEI)).toEqual([]);
  });

  it('a value of exactly 200 characters is delivered', async () => {
    await client().sendTemplateMessage(ZHANGWEI, reminder('n', { subject: { value: '科目二' }, time: { value: '08:30' }, place: { value: '考'.repeat(200) } }));
    expect(await outbox(ZHANGWEI)).toHaveLength(1);
  });

  it('a token WeChat no longer accepts (40001) is replaced and the message sent once more, delivered once', async () => {
    await tokens.save(`wechat:${APP.appId}`, 'revoked-token', T0 + 3600_000);
    await client().sendTemplateMessage(ZHANGWEI, reminder('notice-5'));
    expect(tokenFetches()).toBe(1);
    expect(sends()).toBe(2);
    expect(await outbox(ZHANGWEI)).toHaveLength(1);
    expect((await tokens.read(`wechat:${APP.appId}`))?.value).not.toBe('revoked-token');
  });

  it('a token WeChat says expired (42001, its clock ahead of ours) is replaced and the message sent once more', async () => {
    await client().sendTemplateMessage(ZHANGWEI, reminder('notice-6'));
    wechatClock += 7200_000; // WeChat's time: the token's 7,200 s are over; ours thinks it has 5 minutes left.
    botClock += 7200_000 - 6 * 60_000;
    await client().sendTemplateMessage(ZHANGWEI, reminder('notice-7'));
    expect(tokenFetches()).toBe(2);
    expect(sends()).toBe(3);
    expect(await outbox(ZHANGWEI)).toHaveLength(2);
  });

  it('system busy (-1) is retried by the client until delivered; a quota error (45009) is thrown with its code, not a refusal', async () => {
    wechat.failNextTemplates(2, -1);
    await client().sendTemplateMessage(ZHANGWEI, reminder('notice-8'));
    expect(sends()).toBe(3);
    expect(await outbox(ZHANGWEI)).toHaveLength(1);

    wechat.failNextTemplates(1, 45009);
    const err = await failure(client().sendTemplateMessage(ZHANGWEI, reminder('notice-9')));
    expect(err.errcode).toBe(45009);
    expect(isRefusal(err.errcode)).toBe(false);
    expect(await outbox(ZHANGWEI)).toHaveLength(1);
    // The injected failures are used up: the next send goes through.
    await client().sendTemplateMessage(ZHANGWEI, reminder('notice-9'));
    expect(await outbox(ZHANGWEI)).toHaveLength(2);
  });

  it('system busy on every attempt is a retryable error', async () => {
    wechat.failNextTemplates(3, -1);
    const err = await failure(client().sendTemplateMessage(ZHANGWEI, reminder('notice-10')));
    expect(err).toMatchObject({ errcode: -1, retryable: true });
    expect(await outbox(ZHANGWEI)).toEqual([]);
  });

  describe('/sandbox/wechat/followers: what a follower set in WeChat', () => {
    it('tells the settings: a follower never set is following, not blocked, accepting messages', async () => {
      expect(await followers(LINA)).toEqual({ status: 200, body: { openid: LINA, notices: 'accept', blocked: false, following: true } });
    });

    it('changes only the settings given and keeps them', async () => {
      expect((await followers(LINA, { notices: 'reject' })).body).toEqual({ openid: LINA, notices: 'reject', blocked: false, following: true });
      expect((await followers(LINA, { blocked: true })).body).toEqual({ openid: LINA, notices: 'reject', blocked: true, following: true });
      expect((await followers(LINA)).body).toEqual({ openid: LINA, notices: 'reject', blocked: true, following: true });
      expect((await followers(ZHANGWEI)).body).toMatchObject({ notices: 'accept', blocked: false });
    });

    it.each([
      ['no openid', '', { blocked: true }, /openid is required/],
      ['an openid with spaces', 'o 1', undefined, /openid is required/],
      ['notices other than accept/reject', LINA, { notices: 'maybe' }, /notices must be "accept" or "reject"/],
      ['blocked as a string', LINA, { blocked: 'yes' }, /blocked must be true or false/],
      ['following as null', LINA, { following: null }, /following must be true or false/],
      ['an unknown field', LINA, { muted: true }, /unknown field "muted"/],
      ['an empty object', LINA, {}, /nothing to change/],
      ['an array', LINA, [], /must be a JSON object/],
    ])('refuses %s with 400 and a message that says what is accepted', async (_what, openid, change, error) => {
      const r = await followers(openid, change);
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ code: 'FOLLOWER_INVALID', error: expect.stringMatching(error) });
      expect((await followers(LINA)).body).toMatchObject({ notices: 'accept', blocked: false, following: true });
    });
  });
});
