import { PlatformError } from '../../integrations/platform/errors';
import type { TrafficPlatform } from '../../integrations/platform/types';
import { LI_NA } from '../integrations/platform/fixtures';
import { capture } from '../support/capture';
import { AgentClient, type Queue } from './handoff/agentClient';
import { bindThrough, FakeWeChat, startWeChatApp, type WeChatTestApp } from './wechat/wechatClient';

const TOKEN = 'metrics-token-0123456789';

/** A platform whose violations port is down (every call UNAVAILABLE) while `down.now` is true. */
function switchable(down: { now: boolean }) {
  return (p: TrafficPlatform): TrafficPlatform => {
    const v = p.violations;
    const gate = <T>(call: () => Promise<T>): Promise<T> => (down.now ? Promise.reject(new PlatformError('UNAVAILABLE', 'gateway down')) : call());
    return {
      identity: p.identity, exams: p.exams, plates: p.plates, sms: p.sms, events: p.events,
      violations: {
        byPlate: (a, b) => gate(() => v.byPlate(a, b)), byOwner: (a) => gate(() => v.byOwner(a)), handle: (a, b, c) => gate(() => v.handle(a, b, c)),
        decision: (a) => gate(() => v.decision(a)), pay: (a, b, c) => gate(() => v.pay(a, b, c)), points: (a) => gate(() => v.points(a)),
        licence: (a) => gate(() => v.licence(a)),
      },
    };
  };
}

describe('operations: /metrics, /readyz, and a platform that is down', () => {
  let t: WeChatTestApp;
  let wx: FakeWeChat;
  const down = { now: false };

  beforeAll(async () => {
    t = await startWeChatApp({ METRICS_TOKEN: TOKEN }, { wrapPlatform: switchable(down) });
    await t.app.ready;
    wx = new FakeWeChat(t.base);
  });
  afterAll(() => t.close());

  it('/readyz says the store and the live model are ready', async () => {
    const r = await fetch(`${t.base}/readyz`);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ status: 'ready', store: 'ok', model: expect.any(String) });
  });

  it('/metrics needs the bearer token and shows turns by channel, intents, platform calls, breaker and queue — no personal data', async () => {
    await bindThrough(wx, t.base, 'o_ops', '查记分', LI_NA);
    await wx.text('o_ops', '我的手机13812345678，身份证320583198512240024');
    await wx.text('o_ops', '闯红灯扣几分');
    expect((await fetch(`${t.base}/metrics`)).status).toBe(401);
    const refused = await fetch(`${t.base}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } });
    expect(refused.status).toBe(401);
    capture('http-errors', `GET /metrics 401 ${await refused.text()}`);
    const r = await fetch(`${t.base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(r.status).toBe(200);
    const text = await r.text();
    capture('metrics', text);
    expect(text).toMatch(/jiaoguan_turn_seconds_count\{channel="wechat"\} [1-9]/);
    expect(text).toMatch(/jiaoguan_intents_total\{intent="points.query"\} [1-9]/);
    expect(text).toMatch(/jiaoguan_knowledge_answers_total\{outcome="card",topic="points"\} 1/);
    expect(text).toMatch(/jiaoguan_platform_call_seconds_count\{port="violations",method="points",outcome="ok"\} 1/);
    expect(text).toContain('jiaoguan_platform_breaker_state');
    expect(text).toMatch(/jiaoguan_handoff_waiting \d/);
    expect(text).not.toMatch(/13812345678|320583198512240024|LSVAU2187N2123456/);
  });

  it('when the platform is down the citizen hears it at once with a person offered; asking for one carries the reason', async () => {
    down.now = true;
    try {
      const started = Date.now();
      const r = await wx.text('o_ops', '我还有几分');
      expect(Date.now() - started).toBeLessThan(4000);
      expect(r.text).toContain('交管服务平台暂时无法访问，刚才的操作没有完成');
      expect(r.text).toContain('回复「人工」');
      expect((await wx.text('o_ops', '人工')).text).toContain('正在为你转接人工客服');
      await t.app.agents.create({ username: 'ops.kefu', password: 'correct horse 12', displayName: '运维客服', role: 'agent' });
      const agent = new AgentClient(t.base);
      await agent.login('ops.kefu', 'correct horse 12');
      const q = await agent.get<Queue>('/api/agent/queue');
      expect(q.body.waiting.find((w) => w.citizen.phone === '138****5678')?.reason).toBe('platform_failure');
    } finally {
      down.now = false;
    }
  });
});
