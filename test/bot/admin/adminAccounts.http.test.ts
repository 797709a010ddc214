import { AgentClient } from '../handoff/agentClient';
import { startWeChatApp, type WeChatTestApp } from '../wechat/wechatClient';
import { AdminClient, type AuditView } from './adminClient';

const PASSWORD = 'correct horse 12';
const NEW_PASSWORD = 'a new horse 5678';
interface AccountView { id: string; username: string; displayName: string; role: string; disabled: boolean; createdAt: string }

describe('admin API: console accounts (list, disable, enable, password reset); a password change ends the other sessions', () => {
  let t: WeChatTestApp;
  let admin: AdminClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startWeChatApp();
    for (const [username, displayName, role] of [['boss', '管理员', 'admin'], ['wang.kefu', '王客服', 'agent'], ['li.kefu', '李客服', 'agent']] as const) {
      ids[username] = (await t.app.agents.create({ username, password: PASSWORD, displayName, role })).id;
    }
    admin = new AdminClient(t.base);
    expect(await admin.login('boss', PASSWORD)).toBe(200);
  });
  afterAll(() => t.close());

  const signedIn = async (username: string, password = PASSWORD): Promise<AgentClient> => {
    const client = new AgentClient(t.base);
    expect((await client.login(username, password)).status).toBe(200);
    return client;
  };
  /** The newest audit entry of an action. */
  const lastAudit = async (action: string) => (await admin.get<AuditView>('/api/admin/audit?limit=20')).body.entries.find((e) => e.action === action);

  it('lists the accounts with their state, never a password hash; agents may not', async () => {
    const list = await admin.get<{ agents: AccountView[] }>('/api/admin/agents');
    expect(list.status).toBe(200);
    expect(list.body.agents.map((a) => `${a.username} ${a.displayName} ${a.role} ${a.disabled}`)).toEqual([
      'boss 管理员 admin false', 'li.kefu 李客服 agent false', 'wang.kefu 王客服 agent false',
    ]);
    expect(JSON.stringify(list.body)).not.toMatch(/scrypt|passwordHash/);
    expect((await (await signedIn('li.kefu')).get('/api/admin/agents')).status).toBe(403);
  });

  it('disabling an agent ends their sessions at once and refuses their logins; enabling lets them in again; audited; needs CSRF', async () => {
    const wang = await signedIn('wang.kefu');
    expect((await wang.get('/api/agent/me')).status).toBe(200);
    expect((await admin.post(`/api/admin/agents/${ids['wang.kefu']}/disable`, {}, 'forged')).status).toBe(403);
    expect((await wang.get('/api/agent/me')).status).toBe(200);

    const disabled = await admin.post<{ agent: AccountView }>(`/api/admin/agents/${ids['wang.kefu']}/disable`);
    expect(disabled).toMatchObject({ status: 200, body: { agent: { username: 'wang.kefu', disabled: true } } });
    expect((await wang.get('/api/agent/me')).status).toBe(401);
    expect((await new AgentClient(t.base).login('wang.kefu', PASSWORD)).status).toBe(401);
    expect(await lastAudit('agent.disable')).toMatchObject({ actor: ids.boss, action: 'agent.disable', target: ids['wang.kefu'], details: { username: 'wang.kefu' } });

    expect((await admin.post<{ agent: AccountView }>(`/api/admin/agents/${ids['wang.kefu']}/enable`)).body.agent.disabled).toBe(false);
    expect(await lastAudit('agent.enable')).toMatchObject({ action: 'agent.enable', target: ids['wang.kefu'] });
    await signedIn('wang.kefu');
  });

  it('refuses to disable one\'s own account (409) and unknown accounts (404)', async () => {
    expect(await admin.post(`/api/admin/agents/${ids.boss}/disable`)).toEqual({ status: 409, body: { error: 'you cannot disable your own account (ask another admin)' } });
    expect((await admin.get('/api/admin/agents')).status).toBe(200);
    expect(await admin.post('/api/admin/agents/no-such-id/disable')).toEqual({ status: 404, body: { error: 'no such agent' } });
    expect(await admin.post('/api/admin/agents/no-such-id/password', { password: NEW_PASSWORD })).toEqual({ status: 404, body: { error: 'no such agent' } });
  });

  it('an admin reset of an agent\'s password ends every session of that agent; the old password stops working, the new one works', async () => {
    const first = await signedIn('li.kefu');
    const second = await signedIn('li.kefu');
    const reset = await admin.post<{ endedSessions: number }>(`/api/admin/agents/${ids['li.kefu']}/password`, { password: NEW_PASSWORD });
    // These two and the one of the first test.
    expect(reset).toMatchObject({ status: 200, body: { agent: { username: 'li.kefu' }, endedSessions: 3 } });
    expect((await first.get('/api/agent/me')).status).toBe(401);
    expect((await second.get('/api/agent/me')).status).toBe(401);
    expect((await new AgentClient(t.base).login('li.kefu', PASSWORD)).status).toBe(401);
    await signedIn('li.kefu', NEW_PASSWORD);
    const entry = await lastAudit('agent.password');
    expect(entry).toMatchObject({ actor: ids.boss, action: 'agent.password', target: ids['li.kefu'], details: { username: 'li.kefu', endedSessions: 3 } });
    expect(JSON.stringify(entry)).not.toContain(NEW_PASSWORD);
  });

  it('refuses a weak new password with the reason, changing nothing', async () => {
    const li = await signedIn('li.kefu', NEW_PASSWORD);
    expect(await admin.post(`/api/admin/agents/${ids['li.kefu']}/password`, { password: 'woaini1314' })).toEqual({
      status: 400, body: { error: 'the password is one of the most common passwords (such as "123456", "woaini1314" or "password123"); choose one that is hard to guess' },
    });
    expect(await admin.post(`/api/admin/agents/${ids['li.kefu']}/password`, { password: 'li.kefu-2026-spring' })).toEqual({
      status: 400, body: { error: 'the password must not contain the username or the display name' },
    });
    expect((await admin.post(`/api/admin/agents/${ids['li.kefu']}/password`, {})).status).toBe(400);
    expect((await li.get('/api/agent/me')).status).toBe(200);
  });

  it('an admin changing their own password: the other session gets 401, the one that changed it goes on', async () => {
    const other = new AdminClient(t.base);
    expect(await other.login('boss', PASSWORD)).toBe(200);
    expect((await other.get('/api/admin/intents')).status).toBe(200);
    const changed = await admin.post<{ endedSessions: number }>(`/api/admin/agents/${ids.boss}/password`, { password: NEW_PASSWORD });
    expect(changed).toMatchObject({ status: 200, body: { endedSessions: 1 } });
    expect((await other.get('/api/admin/intents')).status).toBe(401);
    expect((await admin.get('/api/admin/intents')).status).toBe(200);
    expect(await new AdminClient(t.base).login('boss', PASSWORD)).toBe(401);
    expect(await new AdminClient(t.base).login('boss', NEW_PASSWORD)).toBe(200);
  });
});
