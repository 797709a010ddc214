import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Request, Response } from 'restify';
import { AgentAuth, SESSION_COOKIE, type Authenticated } from '../../../bot/accounts/AgentAuth';
import { hashPassword } from '../../../bot/accounts/passwords';
import type { AgentAccount, AgentRole } from '../../../integrations/storage/agents';
import { SqliteAgentStore } from '../../../integrations/storage/sqlite/SqliteAgentStore';
import { SqliteAuditLog } from '../../../integrations/storage/sqlite/SqliteAuditLog';
import { SqliteRateLimits } from '../../../integrations/storage/sqlite/SqliteRateLimits';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const WINDOW = 15 * MINUTE;
/** The start of a 15-minute rate-limit window. */
const START = WINDOW * 2_000_000;
const PASSWORD = 'hotline password 1';
const WRONG = 'wrong password!!';
const REFUSED = { ok: false, status: 401, error: 'wrong username or password' };

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

function request(headers: Record<string, string>): Request {
  const fake = { header: (name: string): string | undefined => headers[name.toLowerCase()] };
  return fake as unknown as Request;
}
const withCookie = (token: string, extra: Record<string, string> = {}): Request =>
  request({ cookie: `theme=dark; ${SESSION_COOKIE}=${token}; lang=zh`, ...extra });

function response(): { res: Response; sent: Array<{ status: number; body: unknown }> } {
  const sent: Array<{ status: number; body: unknown }> = [];
  const fake = { send: (status: number, body: unknown): void => void sent.push({ status, body }) };
  return { res: fake as unknown as Response, sent };
}

describe('AgentAuth (with the SQLite stores)', () => {
  let passwordHash: string;
  let db: Database.Database;
  let agents: SqliteAgentStore;
  let audit: SqliteAuditLog;
  let auth: AgentAuth;
  let clock: number;
  let alice: AgentAccount;

  beforeAll(async () => {
    passwordHash = await hashPassword(PASSWORD);
  });

  beforeEach(async () => {
    clock = START;
    db = new Database(':memory:');
    agents = new SqliteAgentStore(db);
    audit = new SqliteAuditLog(db);
    auth = new AgentAuth(agents, new SqliteRateLimits(db), audit, () => clock);
    alice = await addAgent('alice', 'agent');
  });
  afterEach(() => {
    db.close();
  });

  function addAgent(username: string, role: AgentRole, hash = passwordHash): Promise<AgentAccount> {
    return agents.create({ username, displayName: username, role, passwordHash: hash, createdAt: START });
  }

  async function loginToken(username = 'alice'): Promise<{ token: string; csrfToken: string }> {
    const result = await auth.login(username, PASSWORD, '10.0.0.1');
    if (!result.ok) throw new Error(`login failed: ${result.error}`);
    return result;
  }

  describe('login', () => {
    it('returns a token and a CSRF token; the store keeps only the sha256 of each', async () => {
      const result = await auth.login('  ALICE ', PASSWORD, '10.0.0.1');
      if (!result.ok) throw new Error('expected success');
      expect(result.agent.id).toBe(alice.id);
      expect(result.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(result.csrfToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
      const rows = db.prepare('SELECT * FROM agent_sessions').all();
      expect(rows).toEqual([{
        token_hash: sha256(result.token), agent_id: alice.id, csrf_token_hash: sha256(result.csrfToken),
        created_at: START, last_seen_at: START, expires_at: START + 8 * HOUR,
      }]);
      expect(JSON.stringify(rows)).not.toContain(result.token);
      expect(JSON.stringify(rows)).not.toContain(result.csrfToken);
      const again = await auth.login('alice', PASSWORD, '10.0.0.1');
      expect(again.ok && again.token).not.toBe(result.token);
    });

    it.each<[string, string, string, (a: AgentAccount) => string]>([
      ['a wrong password', 'alice', WRONG, (a) => a.id],
      ['an unknown user', 'nobody', PASSWORD, () => 'anonymous'],
      ['an empty username', '', PASSWORD, () => 'anonymous'],
    ])('refuses %s with 401 and the same message, auditing login_failed', async (_label, username, password, actor) => {
      expect(await auth.login(username, password, '10.0.0.1')).toEqual(REFUSED);
      expect(await audit.recent(5)).toEqual([
        { id: 1, at: START, actor: actor(alice), action: 'agent.login_failed', target: undefined, details: { username } },
      ]);
      expect(db.prepare('SELECT COUNT(*) AS n FROM agent_sessions').get()).toEqual({ n: 0 });
    });

    it('refuses a disabled agent with the right password, with the same 401', async () => {
      await agents.setDisabled(alice.id, true);
      expect(await auth.login('alice', PASSWORD, '10.0.0.1')).toEqual(REFUSED);
      expect((await audit.recent(1))[0]).toMatchObject({ actor: alice.id, action: 'agent.login_failed' });
    });

    it('answers 401 (not an exception) for an account whose stored hash is malformed', async () => {
      await addAgent('broken', 'agent', 'scrypt$abc$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaA==');
      await expect(auth.login('broken', PASSWORD, '10.0.0.1')).resolves.toEqual(REFUSED);
    });

    it('audits a successful login', async () => {
      await loginToken();
      expect(await audit.recent(5)).toEqual([{ id: 1, at: START, actor: alice.id, action: 'agent.login', target: undefined, details: undefined }]);
    });

    it('limits one username from one address to 10 attempts per 15 minutes (429 with retryAfterSeconds), then resets', async () => {
      clock = START + 5 * MINUTE;
      for (let i = 0; i < 10; i += 1) expect(await auth.login(i % 2 ? 'alice' : 'Alice', WRONG, '10.0.6.6')).toEqual(REFUSED);
      const blocked = await auth.login('alice', PASSWORD, '10.0.6.6');
      expect(blocked).toEqual({ ok: false, status: 429, error: 'too many failed logins; try again later', retryAfterSeconds: 600 });
      expect(await auth.login('bob-unknown', PASSWORD, '10.0.6.6')).toEqual(REFUSED); // other usernames are not blocked
      clock = START + WINDOW - 1_500;
      expect(await auth.login('alice', PASSWORD, '10.0.6.6')).toMatchObject({ status: 429, retryAfterSeconds: 2 });
      clock = START + WINDOW;
      expect((await auth.login('alice', PASSWORD, '10.0.6.6')).ok).toBe(true);
    });

    it('somebody else\'s wrong passwords from one address do not lock the agent out elsewhere', async () => {
      for (let i = 0; i < 12; i += 1) await auth.login('alice', WRONG, '203.0.113.7');
      expect(await auth.login('alice', PASSWORD, '203.0.113.7')).toMatchObject({ status: 429 });
      expect((await auth.login('alice', PASSWORD, '10.0.0.1')).ok).toBe(true);
    });

    it('still stops guessing spread over many addresses: 100 attempts per username per 15 minutes', async () => {
      for (let i = 0; i < 100; i += 1) await auth.login('alice', WRONG, `198.51.100.${i}`);
      expect(await auth.login('alice', PASSWORD, '10.0.0.1')).toMatchObject({ status: 429 });
    }, 180_000); // 100 real scrypt checks: slow on a busy machine

    it('limits one address to 50 attempts per 15 minutes across usernames', async () => {
      for (let i = 0; i < 50; i += 1) expect(await auth.login(`user${i}`, WRONG, '203.0.113.7')).toMatchObject({ status: 401 });
      expect(await auth.login('alice', PASSWORD, '203.0.113.7')).toMatchObject({ status: 429, retryAfterSeconds: 900 });
      expect((await auth.login('alice', PASSWORD, '203.0.113.8')).ok).toBe(true);
    }, 90_000); // 51 real scrypt checks
  });

  describe('authenticate', () => {
    it('accepts the session cookie among others and returns the agent and CSRF token', async () => {
      const { token, csrfToken } = await loginToken();
      expect(await auth.authenticate(withCookie(token))).toEqual({ agent: alice, csrfToken, tokenHash: sha256(token) });
      expect(await auth.authenticate(request({ cookie: `${SESSION_COOKIE}=${token}` }))).toBeDefined();
    });

    it.each<[string, Record<string, string>]>([
      ['no cookie header', {}],
      ['no session cookie', { cookie: 'theme=dark' }],
      ['an unknown token', { cookie: `${SESSION_COOKIE}=not-a-real-token` }],
      ['an empty token', { cookie: `${SESSION_COOKIE}=` }],
      ['the token hash instead of the token', { cookie: 'HASH' }],
    ])('rejects %s', async (_label, headers) => {
      const { token } = await loginToken();
      const cookie = headers.cookie === 'HASH' ? `${SESSION_COOKIE}=${sha256(token)}` : headers.cookie;
      expect(await auth.authenticate(request(cookie === undefined ? {} : { cookie }))).toBeUndefined();
    });

    it('expires a session 8 hours after login however active, and deletes it', async () => {
      const { token } = await loginToken();
      for (clock = START; clock < START + 8 * HOUR; clock += 50 * MINUTE) expect(await auth.authenticate(withCookie(token))).toBeDefined();
      clock = START + 8 * HOUR - 1;
      expect(await auth.authenticate(withCookie(token))).toBeDefined();
      clock = START + 8 * HOUR;
      expect(await auth.authenticate(withCookie(token))).toBeUndefined();
      expect(await agents.session(sha256(token))).toBeUndefined();
    });

    it('expires a session after 1 hour without activity, and deletes it', async () => {
      const idle = await loginToken();
      const used = await loginToken();
      clock = START + HOUR;
      expect(await auth.authenticate(withCookie(used.token))).toBeDefined();
      clock = START + HOUR + 1;
      expect(await auth.authenticate(withCookie(idle.token))).toBeUndefined();
      expect(await agents.session(sha256(idle.token))).toBeUndefined();
      clock = START + 2 * HOUR;
      expect(await auth.authenticate(withCookie(used.token))).toBeDefined();
      expect((await agents.session(sha256(used.token)))?.lastSeenAt).toBe(START + 2 * HOUR);
    });

    it('rejects the session of an agent disabled after login', async () => {
      const { token } = await loginToken();
      await agents.setDisabled(alice.id, true);
      expect(await auth.authenticate(withCookie(token))).toBeUndefined();
    });
  });

  it('logs out: the session is gone and the logout audited', async () => {
    const { token } = await loginToken();
    const me = (await auth.authenticate(withCookie(token))) as Authenticated;
    clock += MINUTE;
    await auth.logout(me);
    expect(await auth.authenticate(withCookie(token))).toBeUndefined();
    expect((await audit.recent(5)).map((e) => [e.action, e.actor, e.at])).toEqual([
      ['agent.logout', alice.id, START + MINUTE], ['agent.login', alice.id, START],
    ]);
  });

  describe('guard', () => {
    it.each<[string, 'none' | 'agent' | 'admin', string | undefined, { role?: AgentRole; csrf?: boolean }, number | undefined, string | undefined]>([
      ['no session', 'none', undefined, {}, 401, 'not logged in (or the session expired)'],
      ['a read by an agent', 'agent', undefined, {}, undefined, undefined],
      ['a write without x-csrf-token', 'agent', undefined, { csrf: true }, 403, 'missing or wrong x-csrf-token header'],
      ['a write with a wrong x-csrf-token', 'agent', 'WRONG', { csrf: true }, 403, 'missing or wrong x-csrf-token header'],
      ['a write with the CSRF token', 'agent', 'RIGHT', { csrf: true }, undefined, undefined],
      ['an admin page for an agent', 'agent', 'RIGHT', { role: 'admin', csrf: true }, 403, 'this needs the admin role'],
      ['an admin page for an admin', 'admin', 'RIGHT', { role: 'admin', csrf: true }, undefined, undefined],
      ['an agent page for an admin', 'admin', undefined, { role: 'agent' }, undefined, undefined],
    ])('%s', async (_label, who, csrf, options, status, error) => {
      await addAgent('root', 'admin');
      let headers: Record<string, string> = {};
      if (who !== 'none') {
        const session = await loginToken(who === 'admin' ? 'root' : 'alice');
        headers = { cookie: `${SESSION_COOKIE}=${session.token}` };
        if (csrf) headers['x-csrf-token'] = csrf === 'RIGHT' ? session.csrfToken : csrf;
      }
      const { res, sent } = response();
      const result = await auth.guard(request(headers), res, options);
      if (status === undefined) {
        expect(sent).toEqual([]);
        expect(result?.agent.username).toBe(who === 'admin' ? 'root' : 'alice');
      } else {
        expect(sent).toEqual([{ status, body: { error } }]);
        expect(result).toBeUndefined();
      }
    });
  });
});
