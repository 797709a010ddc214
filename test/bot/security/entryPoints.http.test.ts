import { bindThrough, FakeWeChat, startWeChatApp, type WeChatTestApp } from '../wechat/wechatClient';
import { emulatorMessage, postActivity, startChannelRecorder } from '../channelRecorder';
import { AgentClient, type Queue } from '../handoff/agentClient';
import { LI_NA } from '../../integrations/platform/fixtures';

const PASSWORD = 'a long agent passphrase 2026';

/** Issue 13, critical finding: nobody can act as a WeChat citizen through the Bot Framework entry point. */
describe('/api/messages cannot reach a WeChat citizen, whatever the activity claims', () => {
  let t: WeChatTestApp;
  let wx: FakeWeChat;
  let recorder: Awaited<ReturnType<typeof startChannelRecorder>>;
  let agent: AgentClient;

  const post = (body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> => postActivity(t.base, body, headers);
  /** An activity as an attacker writes it: the channel and the user are whatever they like. */
  const claiming = (channelId: string, userId: string, text: string, conv = `attack-${channelId}-${Math.random()}`): Record<string, unknown> =>
    ({ ...emulatorMessage(recorder.url, conv, text, userId), channelId });
  const repliesTo = async (body: Record<string, unknown>, expected: number): Promise<string> => {
    const before = recorder.replies.length;
    expect((await post(body)).status).toBe(200);
    return (await recorder.waitFor(before + expected)).slice(before).map((r) => r.activity.text ?? '').join('\n');
  };

  beforeAll(async () => {
    t = await startWeChatApp();
    wx = new FakeWeChat(t.base);
    recorder = await startChannelRecorder();
    // 李娜 binds her WeChat account (o_sandbox_lina) and sees her points there.
    const bound = await bindThrough(wx, t.base, 'o_sandbox_lina', '我还有几分', LI_NA);
    expect(bound.text).toContain('身份绑定成功');
    await t.app.agents.create({ username: 'wang.kefu', password: PASSWORD, displayName: '王客服', role: 'agent' });
    agent = new AgentClient(t.base);
    expect((await agent.login('wang.kefu', PASSWORD)).status).toBe(200);
  });

  afterAll(async () => {
    await recorder.close();
    await t.close();
  });

  it('refuses an activity that claims the WeChat channel, before any turn runs', async () => {
    const before = recorder.replies.length;
    const r = await post(claiming('wechat', 'o_sandbox_lina', '我还有几分'));
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body)).toMatchObject({ error: { code: 'CHANNEL_RESERVED' } });
    expect((await post(claiming('WeChat', 'o_sandbox_lina', '转人工'))).status).toBe(403);
    await new Promise((res) => setTimeout(res, 200));
    expect(recorder.replies.length).toBe(before);
  });

  it('treats the same OpenID on another channel as a stranger: asked to bind, never shown her points', async () => {
    const said = await repliesTo(claiming('emulator', 'o_sandbox_lina', '我还有几分'), 2);
    expect(said).toContain('身份证号');
    expect(said).not.toMatch(/已记\d+分/);
    // Her WeChat account is still bound and answered.
    expect((await wx.text('o_sandbox_lina', '我还有几分')).text).toMatch(/已记6分/);
  });

  it('queues a Bot Framework 转人工 as an unverified visitor, never as the bound citizen', async () => {
    // (before the fix, channelId "wechat" put the attacker in the queue as 李*, verified)
    expect((await post(claiming('wechat', 'o_sandbox_lina', '转人工', 'o_sandbox_lina'))).status).toBe(403);
    await repliesTo(claiming('emulator', 'o_sandbox_lina', '转人工', 'attack-handoff'), 1);
    const queue = (await agent.get<Queue>('/api/agent/queue')).body;
    const queued = queue.waiting.filter((w) => w.citizen.bound);
    expect(queued).toEqual([]);
    expect(queue.waiting.map((w) => w.citizen.label).join(' ')).not.toContain('李');
  });

  it('answers anonymously only to a loopback serviceUrl and only to a caller on this machine', async () => {
    const away = { ...emulatorMessage('http://198.51.100.7:3978', 'conv-away', '你好'), serviceUrl: 'http://198.51.100.7:3978' };
    const r = await post(away);
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body)).toMatchObject({ error: { code: 'SERVICE_URL_NOT_LOOPBACK' } });
    expect((await post({ ...away, serviceUrl: 'http://127.0.0.1.nip.example:80' })).status).toBe(403);
    const proxied = await post(emulatorMessage(recorder.url, 'conv-proxied', '你好'), { 'x-forwarded-for': '203.0.113.9' });
    expect(proxied.status).toBe(403);
    expect(JSON.parse(proxied.body)).toMatchObject({ error: { code: 'ANONYMOUS_LOCAL_ONLY' } });
    // The Emulator on this machine is still answered.
    expect(await repliesTo(emulatorMessage(recorder.url.replace('127.0.0.1', 'localhost'), 'conv-local', '你好'), 1)).toContain('我是交管助手');
  });

  it('caps the text length as the WeChat webhook does', async () => {
    const said = await repliesTo(emulatorMessage(recorder.url, 'conv-long', '查'.repeat(1001), 'long-talker'), 1);
    expect(said).toContain('太长');
    expect(said).toContain('1000');
  });
});

describe('/api/messages has the citizens\' rate limit', () => {
  let t: WeChatTestApp;
  let recorder: Awaited<ReturnType<typeof startChannelRecorder>>;

  beforeAll(async () => {
    t = await startWeChatApp({ CITIZEN_RATE_PER_MINUTE: '5' });
    recorder = await startChannelRecorder();
  });

  afterAll(async () => {
    await recorder.close();
    await t.close();
  });

  it('answers 5 messages a minute per user, tells the 6th when to come back, then stays silent; others are served', async () => {
    const send = (user: string, text: string): Promise<Response> =>
      fetch(`${t.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(emulatorMessage(recorder.url, `flood-${user}`, text, user)) });
    for (let i = 0; i < 12; i += 1) expect((await send('flooder', '你好')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    const flooder = recorder.replies.filter((r) => r.activity.conversation?.id === 'flood-flooder').map((r) => r.activity.text ?? '');
    expect(flooder.filter((x) => x.includes('我是交管助手'))).toHaveLength(5);
    expect(flooder.filter((x) => x.includes('太快'))).toHaveLength(1);
    expect(flooder).toHaveLength(6);
    expect((await send('neighbour', '你好')).status).toBe(200);
    const neighbour = await recorder.waitFor(7);
    expect(neighbour[6].activity.text).toContain('我是交管助手');
  });
});
