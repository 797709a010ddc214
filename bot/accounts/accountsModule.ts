import type { Server } from 'restify';
import type { StoreBundle } from '../../integrations/storage/StoreBundle';
import type { AccountRates } from '../config';
import type { Logger } from '../logger';
import type { TrustedProxies } from '../web/TrustedProxies';
import { accountRoutes } from './accountRoutes';
import { AgentAccounts } from './AgentAccounts';
import { AgentAuth } from './AgentAuth';

export interface AccountsModuleDeps {
  stores: Pick<StoreBundle, 'agents' | 'audit' | 'rateLimits'>;
  logger: Logger;
  /** Wall-clock epoch ms (sessions, limits, audit). */
  now?: () => number;
  /** Per-account request limits of the agent and admin APIs (defaults: DEFAULT_ACCOUNT_RATES). */
  accountRates?: AccountRates;
  /** The reverse proxies whose forwarding headers are believed (TRUST_PROXY). */
  proxies: TrustedProxies;
}

export interface AccountsModule {
  /** Sessions: login, logout, and the guard of every console route (session, CSRF, role, per-account limits). */
  auth: AgentAuth;
  /** Creating and managing accounts (the admin API and `npm run agent`). */
  accounts: AgentAccounts;
  /** POST /api/agent/login, POST /api/agent/logout, GET /api/agent/me. */
  routes: (server: Server) => void;
  /** Stops deleting expired sessions. */
  stop(): void;
}

const SWEEP_MS = 15_000;

/**
 * The console accounts, agents' and admins' alike, used by both consoles and the account command: sign-in with
 * its limits, sessions (expired ones deleted every 15 s), per-account request limits, account management.
 */
export function accountsModule(d: AccountsModuleDeps): AccountsModule {
  const now = d.now ?? Date.now;
  const { agents, audit, rateLimits } = d.stores;
  const auth = new AgentAuth(agents, rateLimits, audit, now, d.accountRates);
  const timer = setInterval(() => {
    agents.deleteExpiredSessions(now()).catch((err: unknown) => d.logger.warn({ err }, 'deleting expired sessions failed'));
  }, SWEEP_MS);
  timer.unref();
  return {
    auth,
    accounts: new AgentAccounts(agents, audit, now),
    routes: accountRoutes({ auth, proxies: d.proxies }),
    stop: () => clearInterval(timer),
  };
}
