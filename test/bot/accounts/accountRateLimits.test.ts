import { manualClock } from '../../../integrations/clock';
import { ConfigError, DEFAULT_ACCOUNT_RATES, readConfig } from '../../../bot/config';
import { AgentClient } from '../handoff/agentClient';
import { FakeWeChat, startWeChatApp, type WeChatTestApp } from '../wechat/wechatClient';

const PASSWORD = 'correct horse 12';
/** 15 s into a one-minute rate-limit window. */
const START = '2026-11-25T01:00:15.000Z';
type ApiError = { error: { code: string; message: string } };

describe('readConfig: per-account limits of the console APIs', () => {
  it('defaults to 300 reads and 60 changes a minute per account', () => {
    expect(readConfig({}).accountRates).toEqual({ readsPerMinute: 300, writesPerMinute: 60 });
    expect(DEFAULT_ACCOUNT_RATES).toEqual({ readsPerMinute: 300, writesPerMinute: 60 });
  });

  it('reads CONSOLE_READS_PER_MINUTE and CONSOLE_WRITES_PER_MINUTE', () => {
    expect(readConfig({ CONSOLE_READS_PER_MINUTE: '1000', CONSOLE_WRITES_PER_MINUTE: '5' }).accountRates).toEqual({ readsPerMinute: 1000, writesPerMinute: 5 });
  });

  it.each([
    [{ CONSOLE_READS_PER_MINUTE: '0' }, 'CONSOLE_READS_PER_MINUTE must be a positive integer'],
    [{ CONSOLE_WRITES_PER_MINUTE: 'lots' }, 'CONSOLE_WRITES_PER_MINUTE must be a positive integer'],
    [{ CONSOLE_WRITES_PER_MINUTE: '2.5' }, 'CONSOLE_WRITES_PER_MINUTE must be a positive integer'],
  ])('refuses %j', (env, message) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(message);
  });
});

describe('per-account request limits of the agent and admin APIs', () => {
  const clock = manualClock(START);
  let t: WeChatTestApp;
  let wang: AgentClient;
  let li: AgentClient;
  let admin: AgentClient;

  beforeAll(async () => {
    t = await startWeChatApp({ CONSOLE_READS_PER_MINUTE: '5', CONSOLE_WRITES_PER_MINUTE: '2' }, { clock });
    await t.app.ready;
    for (const [username, role] of [['wang.kefu', 'agent'], ['li.kefu', 'agent'], ['rate.admin', 'admin']] as const) {
      await t.app.agents.create({ username, password: PASSWORD, displayName: username, role });
    }
    wang = new AgentClient(t.base);
    li = new AgentClient(t.base);
    admin = new AgentClient(t.base);
    for (const [client, username] of [[wang, 'wang.kefu'], [li, 'li.kefu'], [admin, 'rate.admin']] as const) {
      expect((await client.login(username, PASSWORD)).status).toBe(200);
    }
  });
  afterAll(() => t.close());

  /** A second session of the same account (the limit is per account, not per session): its cookie header. */
  const secondSession = async (username: string): Promise<string> => {
    const res = await fetch(`${t.base}/api/agent/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    return res.headers.get('set-cookie')?.split(';')[0] ?? '';
  };

  it('an account over its read limit gets 429 with Retry-After and a JSON error; another account is unaffected; the next window resets it', async () => {
    clock.set(START);
    const cookie = await secondSession('wang.kefu');
    for (let i = 0; i < 5; i += 1) expect((await wang.get('/api/agent/me')).status).toBe(200);
    const over = await fetch(`${t.base}/api/agent/queue`, { headers: { cookie } });
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toBe('45');
    // The agent console's refusals are Chinese sentences with a stable code (the admin API keeps its own shape below).
    expect(await over.json()).toEqual({ error: '操作太频繁了，请45秒后再试。', code: 'RATE_LIMITED' });

    expect((await li.get('/api/agent/queue')).status).toBe(200);

    clock.set('2026-11-25T01:00:59.000Z');
    expect((await wang.get('/api/agent/me')).status).toBe(429);
    clock.set('2026-11-25T01:01:00.000Z');
    expect((await wang.get('/api/agent/me')).status).toBe(200);
  });

  it('changes have their own, smaller limit (admin training runs included)', async () => {
    clock.set('2026-11-25T01:10:00.000Z');
    // Refused for its body (400), but counted: the limit is about requests, whatever their outcome.
    expect((await admin.post('/api/admin/train', { folds: 1 })).status).toBe(400);
    expect((await admin.post('/api/admin/train', { folds: 1 })).status).toBe(400);
    const over = await admin.post<ApiError>('/api/admin/train', { folds: 3 });
    expect(over.status).toBe(429);
    expect(over.body).toEqual({ error: { code: 'RATE_LIMITED', message: 'too many changes from this account (at most 2 a minute); try again in 60 s' } });
    // Reads are counted apart, and another account's changes are not affected.
    expect((await admin.get('/api/admin/intents')).status).toBe(200);
    expect((await li.post('/api/agent/handoffs/none/notes', { text: '备注' })).status).toBe(404);
  });

  it('an event stream counts once, when it opens, however many events it carries', async () => {
    clock.set('2026-11-25T01:20:00.000Z');
    const events = wang.events();
    try {
      const wx = new FakeWeChat(t.base);
      for (const openid of ['o_rate_1', 'o_rate_2', 'o_rate_3']) await wx.text(openid, '转人工');
      await events.waitFor(() => events.received.filter((e) => e.event === 'queue').length >= 3);
      // 1 (the stream) + 4 = the limit of 5; the sixth request of the window is refused.
      for (let i = 0; i < 4; i += 1) expect((await wang.get('/api/agent/me')).status).toBe(200);
      expect((await wang.get('/api/agent/me')).status).toBe(429);
    } finally {
      events.close();
    }
  });
});
