import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compose, type App } from '../../../bot/compose';
import { readConfig } from '../../../bot/config';
import { capture } from '../../support/capture';
import { testLogger } from '../../support/captureLogger';
import { emulatorMessage, startChannelRecorder } from '../channelRecorder';
import { customMessages, FakeWeChat, startWeChatApp, type WeChatTestApp } from '../wechat/wechatClient';
import { AgentClient, wechatVisitorLabel, type Queue } from './agentClient';

const PASSWORD = 'correct horse 12';

describe('handoff across bot processes sharing one store, and across a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jiaoguan-two-'));
  const apps: WeChatTestApp[] = [];
  afterAll(async () => {
    for (const a of apps) await a.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it("the citizen's webhook lands on one process, the agent works on another, then the first restarts", async () => {
    const a = await startWeChatApp({ DATA_DIR: dir });
    const b = await startWeChatApp({ DATA_DIR: dir });
    apps.push(a, b);
    await a.app.agents.create({ username: 'zhao.kefu', password: PASSWORD, displayName: '赵客服', role: 'agent' });
    const openid = 'o_two_processes';
    const citizenOnA = new FakeWeChat(a.base);
    expect((await citizenOnA.text(openid, '转人工')).text).toContain('正在为你转接人工客服');

    const agent = new AgentClient(b.base);
    expect((await agent.login('zhao.kefu', PASSWORD)).status).toBe(200);
    const item = (await agent.get<Queue>('/api/agent/queue')).body.waiting.find((w) => w.citizen.label === wechatVisitorLabel(openid));
    expect(item).toBeDefined();
    const events = agent.events();
    try {
      expect((await agent.post(`/api/agent/handoffs/${item?.id}/accept`)).status).toBe(200);
      // Written by process A, seen live by the agent connected to process B.
      expect((await citizenOnA.text(openid, '在吗？我的车被贴条了')).body).toBe('success');
      await events.waitFor((e) => e.event === 'message' && e.data.text === '在吗？我的车被贴条了');
      // Sent by process B, delivered to the citizen whose webhook is on A.
      expect((await agent.post(`/api/agent/handoffs/${item?.id}/messages`, { text: '请发一下车牌号' })).status).toBe(201);
      expect((await customMessages(a.base, openid)).map((m) => m.text?.content)).toContain('【人工客服 赵客服】请发一下车牌号');

      // Process A goes away; a new process C takes its webhooks. The conversation is still the agent's.
      await a.close();
      apps.splice(apps.indexOf(a), 1);
      const c = await startWeChatApp({ DATA_DIR: dir });
      apps.push(c);
      const citizenOnC = new FakeWeChat(c.base);
      expect((await citizenOnC.text(openid, '苏A12345')).body).toBe('success');
      await events.waitFor((e) => e.event === 'message' && e.data.text === '苏A***45');
      expect((await agent.post(`/api/agent/handoffs/${item?.id}/handback`)).status).toBe(200);
      expect((await citizenOnC.text(openid, '你好')).text).toContain('我是交管助手');
    } finally {
      events.close();
    }
  });
});

describe('handoff over the Bot Framework channel (Emulator): the handoff protocol and proactive messages', () => {
  let app: App;
  let base: string;
  let recorder: Awaited<ReturnType<typeof startChannelRecorder>>;
  const dataDir = mkdtempSync(join(tmpdir(), 'jiaoguan-bf-handoff-'));

  beforeAll(async () => {
    app = compose(readConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', SANDBOX_TODAY: '2026-11-25' }), testLogger());
    await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    recorder = await startChannelRecorder();
    await app.agents.create({ username: 'qian.kefu', password: PASSWORD, displayName: '钱客服', role: 'agent' });
  });
  afterAll(async () => {
    app.server.close();
    app.server.server.closeAllConnections();
    await app.close();
    await recorder.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends handoff.initiate with the transcript, then handoff.status accepted and the agent\'s words proactively', async () => {
    const post = (text: string) => fetch(`${base}/api/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(emulatorMessage(recorder.url, 'conv-handoff', text)),
    });
    /** The activities the channel received so far, traces (Emulator's BotState) left out, once there are `n`. */
    const visible = async (n: number) => {
      const deadline = Date.now() + 5000;
      for (;;) {
        const shown = recorder.replies.map((r) => r.activity).filter((a) => a.type !== 'trace');
        if (shown.length >= n) return shown;
        if (Date.now() > deadline) throw new Error(`only ${shown.length} activities: ${JSON.stringify(shown.map((a) => a.name ?? a.text))}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    await post('你好');
    await visible(1);
    expect((await post('我要人工服务')).status).toBe(200);
    const [initiate, told] = (await visible(3)).slice(1);
    expect(initiate).toMatchObject({ type: 'event', name: 'handoff.initiate', value: { reason: 'requested' } });
    const transcript = initiate.attachments?.[0];
    expect(transcript?.contentType).toBe('application/vnd.microsoft.activity.transcript');
    capture('agent-api', `handoff.initiate transcript ${JSON.stringify(transcript?.content)}`);
    expect(JSON.stringify(transcript?.content)).toContain('你好');
    expect(told.text).toContain('正在为你转接人工客服');

    const agent = new AgentClient(base);
    await agent.login('qian.kefu', PASSWORD);
    const item = (await agent.get<Queue>('/api/agent/queue')).body.waiting[0];
    await agent.post(`/api/agent/handoffs/${item.id}/accept`);
    const [status, joined] = (await visible(5)).slice(3);
    expect(status).toMatchObject({ type: 'event', name: 'handoff.status', value: { state: 'accepted' } });
    expect(joined.text).toContain('钱客服已接入');
    await agent.post(`/api/agent/handoffs/${item.id}/close`, { reason: '已解答' });
    const [completed] = (await visible(7)).slice(5);
    expect(completed).toMatchObject({ type: 'event', name: 'handoff.status', value: { state: 'completed' } });
  });
});
