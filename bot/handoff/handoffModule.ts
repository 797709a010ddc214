import { join } from 'node:path';
import type { CloudAdapter } from 'botbuilder';
import type { Server } from 'restify';
import type { IdentityPort } from '../../integrations/platform/types';
import type { AuditLog } from '../../integrations/storage/auditLog';
import type { StoreBundle } from '../../integrations/storage/StoreBundle';
import { AgentAccounts } from '../agent/AgentAccounts';
import { AgentAuth } from '../agent/AgentAuth';
import { agentRoutes } from '../agent/agentRoutes';
import type { WeChatAdapter } from '../channels/wechat/WeChatAdapter';
import type { AccountRates } from '../config';
import type { TrustedProxies } from '../web/TrustedProxies';
import type { Logger } from '../logger';
import { staticSite } from '../web/staticSite';
import { CitizenDelivery } from './CitizenDelivery';
import { HandoffFeed } from './HandoffFeed';
import { HandoffMiddleware } from './HandoffMiddleware';
import { HandoffService } from './HandoffService';

export interface HandoffModuleDeps {
  stores: StoreBundle;
  identity: IdentityPort;
  cloud: CloudAdapter;
  botAppId: string;
  wechat: () => WeChatAdapter | undefined;
  logger: Logger;
  waitMinutes: number;
  /** Wall-clock epoch ms (queue times, sessions). */
  now?: () => number;
  /** Per-account request limits of the agent and admin APIs (defaults: DEFAULT_ACCOUNT_RATES). */
  accountRates?: AccountRates;
  /** The reverse proxies whose forwarding headers are believed (TRUST_PROXY). */
  proxies: TrustedProxies;
}

export interface HandoffModule {
  middleware: HandoffMiddleware;
  service: HandoffService;
  accounts: AgentAccounts;
  auth: AgentAuth;
  audit: AuditLog;
  routes: (server: Server) => void;
  stop(): void;
}

const AGENT_PAGE_DIR = join(__dirname, '..', 'web', 'agent');
const SWEEP_MS = 15_000;

/** The hotline handoff and the agent console, built on the store: queue, feed, delivery, auth, routes. */
export function handoffModule(d: HandoffModuleDeps): HandoffModule {
  const now = d.now ?? Date.now;
  const { handoffs, agents, audit, transcripts, storage, rateLimits } = d.stores;
  const feed = new HandoffFeed(handoffs, d.logger);
  void feed.start();
  const service = new HandoffService({
    store: handoffs, agents, transcripts, audit, feed, logger: d.logger, now,
    delivery: new CitizenDelivery(d.cloud, d.botAppId, d.wechat),
    waitTimeoutMs: d.waitMinutes * 60_000,
  });
  const auth = new AgentAuth(agents, rateLimits, audit, now, d.accountRates);
  const sweep = (): void => {
    service.sweep().catch((err: unknown) => d.logger.error({ err }, 'expiring waiting handoffs failed'));
    agents.deleteExpiredSessions(now()).catch((err: unknown) => d.logger.warn({ err }, 'deleting expired sessions failed'));
  };
  const timer = setInterval(sweep, SWEEP_MS);
  timer.unref();
  return {
    middleware: new HandoffMiddleware(service, d.identity, transcripts, storage, now),
    service,
    accounts: new AgentAccounts(agents, audit, now),
    audit,
    auth,
    routes: (server) => {
      agentRoutes({ auth, agents, handoffs, service, transcripts, feed, proxies: d.proxies, now })(server);
      staticSite(server, '/agent', AGENT_PAGE_DIR);
    },
    stop: () => {
      clearInterval(timer);
      feed.stop();
    },
  };
}
