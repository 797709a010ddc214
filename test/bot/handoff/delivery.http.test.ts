import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { compose, type App } from '../../../bot/compose';
import { readConfig } from '../../../bot/config';
import { createLogger } from '../../../bot/logger';
import { capture } from '../../support/capture';
import { emulatorMessage, startChannelRecorder } from '../channelRecorder';
import { customMessages, FakeWeChat } from '../wechat/wechatClient';
import { AgentClient, type Queue } from './agentClient';

const PASSWORD = 'correct horse 12';
type LogRecord = Record<string, unknown> & { msg?: string; channelId?: string; handoffId?: string; err?: { message?: string; code?: string } };

/**
 * The channel registry behind the agent API: each channel reaches its own citizens (WeChat through customer-service
 * messages, Bot Framework through the connector's serviceUrl); a conversation of a channel no channel of this process
 * registered fails clearly and is logged, and nothing reaches anybody else.
 */
describe('agents\' messages reach each citizen through the channel the conversation came from', () => {
  let app: App;
  let base: string;
  let recorder: Awaited<ReturnType<typeof startChannelRecorder>>;
  let wx: FakeWeChat;
  let agent: AgentClient;
  const logs: LogRecord[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'jiaoguan-delivery-'));

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        const line = chunk.toString('utf8');
        logs.push(JSON.parse(line) as LogRecord);
        capture('delivery-logs', line.trimEnd());
        cb();
      },
    });
    app = compose(readConfig({ DATA_DIR: dataDir, SANDBOX_TODAY: '2026-11-25' }), createLogger('info', sink));
    await app.ready;
    await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    recorder = await startChannelRecorder();
    wx = new FakeWeChat(base);
    await app.agents.create({ username: 'sun.kefu', password: PASSWORD, displayName: '孙客服', role: 'agent' });
    agent = new AgentClient(base);
    expect((await agent.login('sun.kefu', PASSWORD)).status).toBe(200);
  });
  afterAll(async () => {
    app.server.close();
    app.server.server.closeAllConnections();
    await app.close();
    await recorder.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const waitingOn = async (channel: string) => {
    const item = (await agent.get<Queue>('/api/agent/queue')).body.waiting.find((w) => (w as { channel?: string }).channel === channel);
    if (!item) throw new Error(`nobody waiting on ${channel}`);
    return item;
  };
  const emulatorTexts = () => recorder.replies.map((r) => r.activity.text ?? '');
  const wechatTexts = async (openid: string) => (await customMessages(base, openid)).map((m) => m.text?.content ?? '');

  it('a WeChat citizen and a Bot Framework (Emulator) citizen, one agent: each message arrives on its own channel only', async () => {
    const openid = 'o_delivery_wx';
    expect((await wx.text(openid, '转人工')).text).toContain('正在为你转接人工客服');
    const posted = await fetch(`${base}/api/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify(emulatorMessage(recorder.url, 'conv-delivery', '我要人工服务')),
    });
    expect(posted.status).toBe(200);
    await recorder.waitFor(2);
    expect(emulatorTexts().join('\n')).toContain('正在为你转接人工客服');

    const onWeChat = await waitingOn('wechat');
    const onEmulator = await waitingOn('emulator');
    expect((await agent.post(`/api/agent/handoffs/${onWeChat.id}/accept`)).status).toBe(200);
    expect((await agent.post(`/api/agent/handoffs/${onEmulator.id}/accept`)).status).toBe(200);
    expect((await agent.post(`/api/agent/handoffs/${onWeChat.id}/messages`, { text: '发给微信的那位' })).status).toBe(201);
    expect((await agent.post(`/api/agent/handoffs/${onEmulator.id}/messages`, { text: '发给模拟器的那位' })).status).toBe(201);

    const deadline = Date.now() + 5000;
    while (!emulatorTexts().some((t) => t.includes('发给模拟器的那位')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const wechat = await wechatTexts(openid);
    expect(wechat).toEqual([expect.stringContaining('人工客服孙客服已接入'), '【人工客服 孙客服】发给微信的那位']);
    expect(wechat.join('\n')).not.toContain('发给模拟器的那位');
    expect(emulatorTexts()).toContain('【人工客服 孙客服】发给模拟器的那位');
    expect(emulatorTexts().join('\n')).not.toContain('发给微信的那位');
  });

  it('a conversation of a channel this process has no delivery for: the agent\'s action fails, the log names the channel, nobody else is reached', async () => {
    const { record } = await app.handoff.open({
      reference: { channelId: 'line', conversation: { id: 'U-line-1', isGroup: false, name: '', conversationType: '' }, user: { id: 'U-line-1', name: '' } },
      reason: 'requested', intents: ['agent.handoff'], locale: 'zh-CN', citizen: { label: '访客（LINE）', bound: false }, citizenKey: 'user:U-line-1',
    });
    const sentBefore = recorder.replies.length;
    const accepted = await agent.post(`/api/agent/handoffs/${record.id}/accept`);
    expect(accepted).toEqual({ status: 502, body: { code: 'CITIZEN_UNREACHABLE', error: '没能把消息送到市民那里（市民的渠道暂时联系不上），请刷新页面看看会话现在的状态。' } });

    const failure = logs.find((l) => l.msg === 'could not reach the citizen of a handoff' && l.handoffId === record.id);
    expect(failure).toMatchObject({
      level: 50, channelId: 'line',
      err: { code: 'CHANNEL_NOT_REGISTERED', message: expect.stringContaining('no delivery for channel "line" in this process (registered: wechat, Bot Framework') },
    });
    expect(recorder.replies.length).toBe(sentBefore);
  });
});
