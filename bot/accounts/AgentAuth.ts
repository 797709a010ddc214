import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Request, Response } from 'restify';
import type { AgentAccount, AgentRole, AgentStore } from '../../integrations/storage/agents';
import type { AuditLog } from '../../integrations/storage/auditLog';
import type { RateLimits } from '../../integrations/storage/rateLimits';
import { DEFAULT_ACCOUNT_RATES, type AccountRates } from '../config';
import { AccountLimiter } from './AccountLimiter';
import { verifyPassword } from './passwords';

export const SESSION_COOKIE = 'jg_session';
const ABSOLUTE_MS = 8 * 3600_000;
const IDLE_MS = 60 * 60_000;
const LOGIN_WINDOW_MS = 15 * 60_000;
/** Failed logins on one username from one address: guessing from one place stops here. */
const LOGIN_PER_USER_AND_ADDRESS = 10;
/**
 * Failed logins on one username from anywhere: stops guessing spread over many addresses, high enough that
 * somebody else's wrong passwords from one address cannot lock the agent out (that needs 10× the addresses).
 */
const LOGIN_PER_USER = 100;
const LOGIN_PER_ADDRESS = 50;

export type LoginResult =
  | { ok: true; agent: AgentAccount; token: string; csrfToken: string }
  | { ok: false; status: 401 | 429; error: string; retryAfterSeconds?: number };

export interface Authenticated {
  agent: AgentAccount;
  csrfToken: string;
  tokenHash: string;
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
/**
 * A session's CSRF token, derived from its cookie token: the store keeps only hashes of both, yet the console
 * can ask for the CSRF token again after a reload (GET /api/agent/me). Not computable from the stored hashes.
 */
const csrfOf = (token: string): string => createHmac('sha256', token).update('jiaoguan csrf').digest().subarray(0, 24).toString('base64url');

/**
 * Sessions of the consoles: scrypt-checked logins with limits on FAILED logins per account and address, per account
 * and per address (a correct password is never counted), random
 * session tokens and their CSRF tokens kept only as hashes in the store (shared by every process, surviving restarts), absolute and
 * idle expiry, and a CSRF token per session for every state-changing request.
 */
export class AgentAuth {
  private readonly limiter: AccountLimiter;

  constructor(
    private readonly agents: AgentStore,
    private readonly limits: RateLimits,
    private readonly audit: AuditLog,
    private readonly now: () => number = Date.now,
    rates: AccountRates = DEFAULT_ACCOUNT_RATES,
  ) {
    this.limiter = new AccountLimiter(limits, rates, now);
  }

  async login(username: string, password: string, address: string): Promise<LoginResult> {
    const name = username.trim().toLowerCase();
    const now = this.now();
    const limits = [
      [`login:user:${name}:addr:${address}`, LOGIN_PER_USER_AND_ADDRESS], [`login:user:${name}`, LOGIN_PER_USER], [`login:addr:${address}`, LOGIN_PER_ADDRESS],
    ] as const;
    // Every attempt is counted before its password is checked (so parallel guesses cannot slip past the limits)
    // and taken back unless it fails: only failed logins count, a correct password never locks anyone out.
    const decisions = await Promise.all(limits.map(([key, limit]) => this.limits.hit(key, now, LOGIN_WINDOW_MS, limit)));
    const refund = (): Promise<unknown> => Promise.all(limits.map(([key]) => this.limits.refund(key, now, LOGIN_WINDOW_MS)));
    const blocked = decisions.filter((d) => !d.allowed);
    if (blocked.length) {
      await refund();
      const retryAfterMs = Math.max(...blocked.map((d) => d.retryAfterMs));
      return { ok: false, status: 429, error: 'too many failed logins; try again later', retryAfterSeconds: Math.ceil(retryAfterMs / 1000) };
    }
    const agent = name ? await this.agents.byUsername(name) : undefined;
    // Verify against a dummy hash for unknown users too, so timing does not tell which usernames exist.
    const ok = await verifyPassword(password, agent?.passwordHash ?? DUMMY_HASH);
    if (!agent || !ok || agent.disabled) {
      await this.audit.append({ at: now, actor: agent?.id ?? 'anonymous', action: 'agent.login_failed', details: { username: name.slice(0, 40) } });
      return { ok: false, status: 401, error: 'wrong username or password' };
    }
    await refund();
    const token = randomBytes(32).toString('base64url');
    const csrfToken = csrfOf(token);
    await this.agents.createSession({ tokenHash: sha256(token), agentId: agent.id, csrfTokenHash: sha256(csrfToken), createdAt: now, lastSeenAt: now, expiresAt: now + ABSOLUTE_MS });
    await this.audit.append({ at: now, actor: agent.id, action: 'agent.login' });
    return { ok: true, agent, token, csrfToken };
  }

  /** The agent of the request's session cookie, or undefined (no cookie, unknown, expired, idle, disabled). */
  async authenticate(req: Request): Promise<Authenticated | undefined> {
    const token = readCookie(req.header('cookie') ?? '', SESSION_COOKIE);
    if (!token) return undefined;
    const tokenHash = sha256(token);
    const session = await this.agents.session(tokenHash);
    const now = this.now();
    if (!session || session.expiresAt <= now || now - session.lastSeenAt > IDLE_MS) {
      if (session) await this.agents.deleteSession(tokenHash);
      return undefined;
    }
    const csrfToken = csrfOf(token);
    // A session of before the CSRF hashes (or a row that does not belong to this token) is no session.
    if (session.csrfTokenHash !== sha256(csrfToken)) {
      await this.agents.deleteSession(tokenHash);
      return undefined;
    }
    const agent = await this.agents.byId(session.agentId);
    if (!agent || agent.disabled) return undefined;
    if (now - session.lastSeenAt > 60_000) await this.agents.touchSession(tokenHash, now);
    return { agent, csrfToken, tokenHash };
  }

  async logout(auth: Authenticated): Promise<void> {
    await this.agents.deleteSession(auth.tokenHash);
    await this.audit.append({ at: this.now(), actor: auth.agent.id, action: 'agent.logout' });
  }

  /**
   * Authenticates, rate-limits and authorises a request; answers 401/429/403 itself and returns undefined when
   * refused. State-changing requests must carry the session's CSRF token in `x-csrf-token`; they count against
   * the account's write limit, every other request against its read limit (an event stream once, when it opens).
   */
  async guard(req: Request, res: Response, options: { role?: AgentRole; csrf?: boolean } = {}): Promise<Authenticated | undefined> {
    const auth = await this.authenticate(req);
    if (!auth) {
      res.send(401, { error: 'not logged in (or the session expired)' });
      return undefined;
    }
    if (!(await this.limiter.admit(auth.agent.id, options.csrf ? 'write' : 'read', res))) return undefined;
    if (options.csrf && req.header('x-csrf-token') !== auth.csrfToken) {
      res.send(403, { error: 'missing or wrong x-csrf-token header' });
      return undefined;
    }
    if (options.role === 'admin' && auth.agent.role !== 'admin') {
      res.send(403, { error: 'this needs the admin role' });
      return undefined;
    }
    return auth;
  }

  /** The Set-Cookie value of a new session (Secure when served over HTTPS). */
  static cookie(token: string, secure: boolean): string {
    return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${ABSOLUTE_MS / 1000}${secure ? '; Secure' : ''}`;
  }

  static clearCookie(): string {
    return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;
  }
}

/** A well-formed hash of a random password, so unknown usernames cost a real scrypt too. */
const DUMMY_HASH = `scrypt$32768$8$1$${randomBytes(16).toString('base64')}$${randomBytes(64).toString('base64')}`;

function readCookie(header: string, name: string): string | undefined {
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}
