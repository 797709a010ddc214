import type { Server } from 'restify';
import type { TrafficPlatform } from '../../integrations/platform/types';
import type { StoreBundle } from '../../integrations/storage/StoreBundle';
import type { WeChatApi } from '../../integrations/wechat/types';
import type { NoticeTopicDefinition } from '../../dialogs/services/notices/NoticeTopic';
import type { AgentAuth } from '../accounts/AgentAuth';
import type { Logger } from '../logger';
import type { Metrics } from '../ops/Metrics';
import type { NoticeConfig } from './noticeConfig';
import { NoticeConsentsService } from './NoticeConsentsService';
import { NoticeProducer } from './NoticeProducer';
import { noticeCounts, noticeRoutes } from './noticeRoutes';
import { NoticeScheduler } from './NoticeScheduler';
import { NoticeSender } from './NoticeSender';

export interface NoticesModuleDeps {
  config: NoticeConfig;
  stores: StoreBundle;
  platform: TrafficPlatform;
  /** WeChat's API (template messages); undefined when the WeChat channel is not configured: nothing is sent. */
  wechat?: WeChatApi;
  topics: readonly NoticeTopicDefinition[];
  now: () => number;
  logger: Logger;
  metrics?: Metrics;
  auth: AgentAuth;
  sandbox: boolean;
  /** Scheduler tuning (tests, benchmarks). */
  tickMs?: number;
  leaseMs?: number;
}

export interface NoticesModule {
  consents: NoticeConsentsService;
  producer: NoticeProducer;
  scheduler?: NoticeScheduler;
  routes: (server: Server) => void;
  /** Starts the scheduler (no-op without WeChat). */
  start(): void;
  /** Runs a round now (the sandbox clock moved). */
  wake(): Promise<void>;
  stop(): Promise<void>;
}

/** Notices citizens subscribed to (issue 17): consent, producers, the durable scheduler, routes and metrics. */
export function noticesModule(d: NoticesModuleDeps): NoticesModule {
  const owner = `notices-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const log = d.logger.child({ module: 'notices' });
  const producer = new NoticeProducer({ store: d.stores.notices, platform: d.platform, tokens: d.stores.tokens, topics: d.topics, now: d.now, logger: log, owner });
  const scheduler = d.wechat ? new NoticeScheduler({
    store: d.stores.notices, producer, now: d.now, quietHours: d.config.quietHours, logger: log, owner, tickMs: d.tickMs, leaseMs: d.leaseMs,
    sender: new NoticeSender({
      store: d.stores.notices, platform: d.platform, wechat: d.wechat, topics: d.topics, templates: d.config.templates, linkUrl: d.config.linkUrl,
      quietHours: d.config.quietHours, dailyCap: d.config.dailyCap, now: d.now, logger: log, onOutcome: (topic, outcome) => d.metrics?.notices.inc({ topic, outcome }),
    }, owner),
  }) : undefined;
  const missing = d.topics.filter((t) => !d.config.templates[t.id]).map((t) => t.id);
  if (d.wechat && missing.length) log.warn({ topics: missing }, 'notices without a WeChat template id (NOTICE_TEMPLATE_*) are never sent');
  const consents = new NoticeConsentsService({
    store: d.stores.notices, now: d.now, logger: log, enabled: Boolean(d.wechat),
    afterGrant: async (citizen) => {
      await producer.sweepCitizen(citizen);
      void scheduler?.wake();
    },
  });
  let closed = false;
  d.metrics?.sampleNotices(async () => (await noticeCounts(d.stores.notices, d.topics)));
  return {
    consents, producer, scheduler,
    routes: noticeRoutes({ auth: d.auth, store: d.stores.notices, topics: d.topics, sandbox: d.sandbox }),
    start: () => {
      if (!closed) scheduler?.start();
    },
    wake: async () => {
      if (closed) return;
      // The clock moved: what happened until now is read, a sweep (the date changed, or what was ahead is due), then what is due goes out.
      await producer.pollEvents().catch((err: unknown) => log.warn({ err }, 'could not read the platform events'));
      await producer.sweepIfDue(true).catch((err: unknown) => log.warn({ err }, 'could not compute due notices'));
      await scheduler?.wake();
    },
    stop: async () => {
      closed = true;
      await scheduler?.stop();
    },
  };
}
