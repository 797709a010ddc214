import { join } from 'node:path';
import type { Server } from 'restify';
import type { IdentityPort } from '../../integrations/platform/types';
import type { AuditLog } from '../../integrations/storage/auditLog';
import type { StoreBundle } from '../../integrations/storage/StoreBundle';
import type { AccountsModule } from '../accounts/accountsModule';
import { agentRoutes } from '../agent/agentRoutes';
import type { CitizenDelivery } from '../channels/CitizenDelivery';
import type { Logger } from '../logger';
import { staticSite } from '../web/staticSite';
import { HandoffFeed } from './HandoffFeed';
import { HandoffMiddleware } from './HandoffMiddleware';
import { HandoffService } from './HandoffService';

export interface HandoffModuleDeps {
  stores: StoreBundle;
  identity: IdentityPort;
  /** The console accounts: the agent console's sessions and limits. */
  accounts: Pick<AccountsModule, 'auth'>;
  /** How each channel reaches its citizens (the channels register themselves). */
  delivery: CitizenDelivery;
  logger: Logger;
  waitMinutes: number;
  /** Wall-clock epoch ms (queue times). */
  now?: () => number;
  /** The services offered as buttons when a citizen is back with the bot (default: the index's main menu). */
  menu?: readonly string[];
  /** Active conversations an agent holds at once (AGENT_CAPACITY; default 3). */
  agentCapacity?: number;
  /** Seconds an offered handoff waits for its agent before moving on (AGENT_OFFER_SECONDS; default 30). */
  agentOfferSeconds?: number;
}

export interface HandoffModule {
  middleware: HandoffMiddleware;
  service: HandoffService;
  audit: AuditLog;
  routes: (server: Server) => void;
  stop(): void;
}

const AGENT_PAGE_DIR = join(__dirname, '..', 'web', 'agent');
const SWEEP_MS = 15_000;
/** Offers are re-examined this often at most (and after every event that changes them). */
const ASSIGN_MS = 5_000;

/** The hotline handoff and the agent console, built on the store and the accounts: queue, feed, routes. */
export function handoffModule(d: HandoffModuleDeps): HandoffModule {
  const now = d.now ?? Date.now;
  const { handoffs, agents, audit, transcripts, storage } = d.stores;
  const feed = new HandoffFeed(handoffs, d.logger);
  void feed.start();
  const service = new HandoffService({
    store: handoffs, agents, transcripts, audit, feed, logger: d.logger, now, delivery: d.delivery,
    waitTimeoutMs: d.waitMinutes * 60_000, menu: d.menu, capacity: d.agentCapacity, offerMs: (d.agentOfferSeconds ?? 30) * 1000,
  });
  const sweep = (): void => {
    service.sweep().catch((err: unknown) => d.logger.error({ err }, 'expiring waiting handoffs failed'));
  };
  const timer = setInterval(sweep, SWEEP_MS);
  timer.unref();
  // Every process re-examines the offers (one whose offer lapsed moves on even when no console is connected here).
  const assignTimer = setInterval(() => void service.assign(), Math.min(ASSIGN_MS, Math.max(1000, service.offerMs / 3)));
  assignTimer.unref();
  const routes = agentRoutes({ auth: d.accounts.auth, agents, handoffs, service, transcripts, feed, logger: d.logger, now });
  return {
    middleware: new HandoffMiddleware(service, d.identity, transcripts, storage, now, d.menu),
    service,
    audit,
    routes: (server) => {
      routes.install(server);
      staticSite(server, '/agent', AGENT_PAGE_DIR);
    },
    stop: () => {
      clearInterval(timer);
      clearInterval(assignTimer);
      routes.stop();
      feed.stop();
    },
  };
}
