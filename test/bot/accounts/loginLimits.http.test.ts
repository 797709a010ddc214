import { capture } from '../../support/capture';
import { startWeChatApp, type WeChatTestApp } from '../wechat/wechatClient';

const PASSWORD = 'correct horse 12';

async function login(base: string, username: string, password: string, forwardedFor?: string): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (forwardedFor) headers['x-forwarded-for'] = forwardedFor;
  const res = await fetch(`${base}/api/agent/login`, { method: 'POST', headers, body: JSON.stringify({ username, password }) });
  const text = await res.text();
  if (res.status >= 400) capture('http-errors', `POST /api/agent/login ${res.status} ${text}`);
  return res.status;
}

async function withApp(env: Record<string, string>, run: (t: WeChatTestApp) => Promise<void>): Promise<void> {
  const t = await startWeChatApp(env);
  try {
    await t.app.agents.create({ username: 'wang.kefu', password: PASSWORD, displayName: '王客服', role: 'agent' });
    await run(t);
  } finally {
    await t.close();
  }
}

describe('login limits count failed logins only, by the client address (X-Forwarded-For only from TRUST_PROXY)', () => {
  it('15 correct logins in a row all succeed (the limits count failures, not logins)', async () => {
    await withApp({}, async (t) => {
      const statuses: number[] = [];
      for (let i = 0; i < 15; i += 1) statuses.push(await login(t.base, 'wang.kefu', PASSWORD));
      expect(statuses).toEqual(Array(15).fill(200));
    });
  }, 60_000);

  it('from a peer that is not a trusted proxy, a spoofed X-Forwarded-For changes nothing: the failures count against the real address', async () => {
    await withApp({}, async (t) => {
      for (let i = 0; i < 10; i += 1) expect(await login(t.base, 'wang.kefu', `wrong guess ${i}!`, `198.51.100.${i + 1}`)).toBe(401);
      // The right password, "from" yet another address: still this socket's address, which has used up its 10 failures.
      expect(await login(t.base, 'wang.kefu', PASSWORD, '203.0.113.99')).toBe(429);
      expect(await login(t.base, 'wang.kefu', PASSWORD)).toBe(429);
    });
  }, 60_000);

  it('with TRUST_PROXY=127.0.0.1 the forwarded client address is used: one client\'s failures do not lock out another behind the same proxy', async () => {
    await withApp({ TRUST_PROXY: '127.0.0.1' }, async (t) => {
      for (let i = 0; i < 10; i += 1) expect(await login(t.base, 'wang.kefu', `wrong guess ${i}!`, '203.0.113.7')).toBe(401);
      expect(await login(t.base, 'wang.kefu', PASSWORD, '203.0.113.7')).toBe(429);
      // What the client wrote itself (left of what the proxy appended) is not believed.
      expect(await login(t.base, 'wang.kefu', PASSWORD, '198.51.100.1, 203.0.113.7')).toBe(429);
      expect(await login(t.base, 'wang.kefu', PASSWORD, '198.51.100.1')).toBe(200);
    });
  }, 60_000);
});
