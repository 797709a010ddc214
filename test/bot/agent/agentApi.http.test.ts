import { AgentClient, wechatVisitorLabel, type Queue } from '../handoff/agentClient';
import { AdminClient } from '../admin/adminClient';
import { capture } from '../../support/capture';
import { FakeWeChat, startWeChatApp, type WeChatTestApp } from '../wechat/wechatClient';

const PASSWORD = 'correct horse 12';
const NOT_YOURS = { error: '只能在你接入的会话或转给你的会话里写备注。', code: 'NOTE_NOT_YOURS' };

describe('agent API: notes only on one\'s own conversations; no-store and nosniff on every answer', () => {
  let t: WeChatTestApp;
  let wx: FakeWeChat;
  let wang: AgentClient;
  let li: AgentClient;
  let zhao: AgentClient;

  beforeAll(async () => {
    t = await startWeChatApp();
    wx = new FakeWeChat(t.base);
    for (const [username, displayName, role] of [['wang.kefu', '王客服', 'agent'], ['li.kefu', '李客服', 'agent'], ['zhao.kefu', '赵客服', 'admin']] as const) {
      await t.app.agents.create({ username, password: PASSWORD, displayName, role });
    }
    wang = new AgentClient(t.base);
    li = new AgentClient(t.base);
    zhao = new AgentClient(t.base);
    for (const [client, username] of [[wang, 'wang.kefu'], [li, 'li.kefu'], [zhao, 'zhao.kefu']] as const) {
      expect((await client.login(username, PASSWORD)).status).toBe(200);
    }
  });
  afterAll(() => t.close());

  const waiting = async (openid: string) => {
    const q = await wang.get<Queue>('/api/agent/queue');
    const item = q.body.waiting.find((w) => w.citizen.label === wechatVisitorLabel(openid));
    if (!item) throw new Error(`not waiting: ${JSON.stringify(q.body.waiting)}`);
    return item;
  };
  const notesOf = async (id: string) => (await wang.get<{ notes: Array<{ agent: string; text: string }> }>(`/api/agent/handoffs/${id}`)).body.notes;

  it('notes: refused (403, clear error) on a waiting conversation and on somebody else\'s; the owner and the agent it was transferred to may', async () => {
    await wx.text('o_notes_1', '转人工');
    const item = await waiting('o_notes_1');
    const note = (client: AgentClient, text: string) => client.post(`/api/agent/handoffs/${item.id}/notes`, { text });

    expect(await note(wang, '还没接入就写备注')).toEqual({ status: 403, body: NOT_YOURS });
    expect((await wang.post(`/api/agent/handoffs/${item.id}/accept`)).status).toBe(200);
    expect(await note(li, '李客服偷偷写的备注')).toEqual({ status: 403, body: NOT_YOURS });
    expect(await note(zhao, '管理员也不是这段会话的客服')).toEqual({ status: 403, body: NOT_YOURS });
    expect((await note(wang, '王客服的备注')).status).toBe(201);

    // The transfer list names available agents only.
    expect((await li.post('/api/agent/presence', { status: 'available' })).status).toBe(200);
    const agents = await wang.get<{ agents: Array<{ id: string; username: string }> }>('/api/agent/agents');
    const liId = agents.body.agents.find((a) => a.username === 'li.kefu')?.id;
    expect((await wang.post(`/api/agent/handoffs/${item.id}/transfer`, { agentId: liId })).status).toBe(200);
    expect((await note(li, '转给李客服之后的备注')).status).toBe(201);
    expect(await note(wang, '已经转走了还写备注')).toEqual({ status: 403, body: NOT_YOURS });

    expect((await li.post(`/api/agent/handoffs/${item.id}/close`, { reason: '已解答' })).status).toBe(200);
    expect((await note(li, '结束后补充的备注')).status).toBe(201);
    expect((await notesOf(item.id)).map((n) => `${n.agent}: ${n.text}`)).toEqual([
      '王客服: 王客服的备注', '李客服: 转给李客服之后的备注', '李客服: 结束后补充的备注',
    ]);
    expect((await li.post('/api/agent/handoffs/no-such-id/notes', { text: '备注' })).status).toBe(404);
  });

  it('every agent and admin API answer says Cache-Control: no-store and X-Content-Type-Options: nosniff, errors included', async () => {
    const admin = new AdminClient(t.base);
    expect(await admin.login('zhao.kefu', PASSWORD)).toBe(200);
    const cookieOf = async (username: string): Promise<{ cookie: string; csrf: string }> => {
      const res = await fetch(`${t.base}/api/agent/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }),
      });
      return { cookie: res.headers.get('set-cookie')?.split(';')[0] ?? '', csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
    };
    const agent = await cookieOf('wang.kefu');
    const boss = await cookieOf('zhao.kefu');
    const json = { 'content-type': 'application/json' };
    const requests: Array<[string, string, RequestInit, number]> = [
      ['login', '/api/agent/login', { method: 'POST', headers: json, body: JSON.stringify({ username: 'wang.kefu', password: PASSWORD }) }, 200],
      ['wrong password', '/api/agent/login', { method: 'POST', headers: json, body: JSON.stringify({ username: 'wang.kefu', password: 'not the password' }) }, 401],
      ['login without a body', '/api/agent/login', { method: 'POST', headers: json, body: '{}' }, 400],
      ['login with broken JSON', '/api/agent/login', { method: 'POST', headers: json, body: '{"username":' }, 400],
      ['me', '/api/agent/me', { headers: { cookie: agent.cookie } }, 200],
      ['queue', '/api/agent/queue', { headers: { cookie: agent.cookie } }, 200],
      ['queue without a session', '/api/agent/queue', {}, 401],
      ['an unknown handoff', '/api/agent/handoffs/nope', { headers: { cookie: agent.cookie } }, 404],
      ['a change without the CSRF token', '/api/agent/handoffs/nope/accept', { method: 'POST', headers: { cookie: agent.cookie } }, 403],
      ['an unknown agent API path', '/api/agent/no-such-route', { headers: { cookie: agent.cookie } }, 404],
      ['admin intents', '/api/admin/intents', { headers: { cookie: boss.cookie } }, 200],
      ['admin accounts', '/api/admin/agents', { headers: { cookie: boss.cookie } }, 200],
      ['admin API as an agent', '/api/admin/intents', { headers: { cookie: agent.cookie } }, 403],
      ['admin API without a session', '/api/admin/audit', {}, 401],
      ['an admin change refused', '/api/admin/agents/nobody/disable', { method: 'POST', headers: { cookie: boss.cookie, 'x-csrf-token': boss.csrf } }, 404],
    ];
    for (const [label, path, init, status] of requests) {
      const res = await fetch(`${t.base}${path}`, init);
      const text = await res.text();
      if (res.status >= 400) capture('http-errors', `${path} ${res.status} ${text}`);
      expect({ label, status: res.status, cacheControl: res.headers.get('cache-control'), nosniff: res.headers.get('x-content-type-options') })
        .toEqual({ label, status, cacheControl: 'no-store', nosniff: 'nosniff' });
    }
  });
});
