import fc from 'fast-check';
import { AgentClient } from '../bot/handoff/agentClient';
import { FakeWeChat, startWeChatApp, type WeChatTestApp } from '../bot/wechat/wechatClient';

/** Hostile input over HTTP: whatever arrives, the bot answers with a 2xx/4xx and keeps working (no 500, no crash). */
describe('fuzz: hostile HTTP input', () => {
  let t: WeChatTestApp;
  let wx: FakeWeChat;
  let admin: AgentClient;
  const RUNS = { seed: 20261126, numRuns: 120 };

  beforeAll(async () => {
    t = await startWeChatApp({ WECHAT_RATE_PER_MINUTE: '100000', CONSOLE_WRITES_PER_MINUTE: '100000', CONSOLE_READS_PER_MINUTE: '100000' });
    await t.app.ready;
    wx = new FakeWeChat(t.base);
    await t.app.agents.create({ username: 'fuzz.admin', password: 'correct horse 12', displayName: '管理员', role: 'admin' });
    admin = new AgentClient(t.base);
    await admin.login('fuzz.admin', 'correct horse 12');
  });
  afterAll(() => t.close());

  it('signed WeChat bodies of any shape: never a 5xx', async () => {
    const injection = fc.constantFrom("'; DROP TABLE bot_state; --", '{"$ne": null}', '{"$where": "sleep(1000)"}', '../../etc/passwd', '<script>alert(1)</script>', '\u0000', '𠮷'.repeat(50));
    const content = fc.oneof(fc.fullUnicodeString({ maxLength: 200 }), injection);
    const body = fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.record({ openid: fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), injection), content, type: fc.constantFrom('text', 'event', 'image', 'voice', 'x') })
        .map((m) => `<xml><ToUserName><![CDATA[gh]]></ToUserName><FromUserName><![CDATA[${m.openid.replace(/]]>/g, '')}]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[${m.type}]]></MsgType><Content><![CDATA[${m.content.replace(/]]>/g, '')}]]></Content><MsgId>${Math.floor(Math.random() * 1e15)}</MsgId></xml>`),
    );
    await fc.assert(fc.asyncProperty(body, async (b) => {
      const r = await wx.postXml(b);
      expect(r.status).toBeLessThan(500);
    }), RUNS);
    expect((await wx.text('o_after_fuzz', '你好')).text).toContain('我是交管助手');
  });

  it('admin API: any JSON body (including operator objects) is a clear 4xx or a success, never a 5xx', async () => {
    const value = fc.oneof(fc.string({ maxLength: 30 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constant({ $ne: '' }), fc.constant({ $gt: 0 }), fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }));
    const payload = fc.dictionary(fc.constantFrom('name', 'description', 'text', 'locale', 'split', 'answers', 'folds', 'force', 'reason', 'action', 'intent', 'files', 'username', 'password', 'role'), value);
    const path = fc.constantFrom('/api/admin/intents', '/api/admin/intents/fine.query/utterances', '/api/admin/test', '/api/admin/import', '/api/admin/agents', '/api/admin/inbox/1', '/api/admin/versions/x/publish');
    await fc.assert(fc.asyncProperty(path, payload, async (p, data) => {
      const r = await admin.post(p, data);
      expect(r.status).toBeLessThan(500);
    }), RUNS);
    const intents = await admin.get<{ intents: unknown[] }>('/api/admin/intents');
    expect(intents.status).toBe(200);
  });

  it('login with operator objects or huge strings never logs anyone in', async () => {
    const weird = fc.oneof(fc.constant({ $ne: '' }), fc.constant(['fuzz.admin']), fc.string({ maxLength: 2000 }), fc.constant(''));
    await fc.assert(fc.asyncProperty(weird, weird, async (username, password) => {
      const r = await fetch(`${t.base}/api/agent/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
      expect([400, 401, 429]).toContain(r.status);
    }), { seed: RUNS.seed, numRuns: 40 });
  });
});
