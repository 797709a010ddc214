import { NOTICE_STATUSES } from '../../integrations/storage/notices';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PlatformCall } from '../../integrations/platform/resilient/ResilientPlatform';
import type { BreakerState } from '../../integrations/platform/resilient/CircuitBreaker';

const BREAKER: Readonly<Record<BreakerState, number>> = { closed: 0, 'half-open': 1, open: 2 };

/**
 * The bot's Prometheus metrics on a registry of its own (several apps can live in one test process).
 * Labels never carry personal data: channels, intents, ports and outcomes only.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly turnSeconds = new Histogram({
    name: 'jiaoguan_turn_seconds', help: 'Time to process one turn, by channel', labelNames: ['channel'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [this.registry],
  });
  readonly intents = new Counter({ name: 'jiaoguan_intents_total', help: 'Messages understood, by intent', labelNames: ['intent'] as const, registers: [this.registry] });
  readonly knowledge = new Counter({
    name: 'jiaoguan_knowledge_answers_total', help: 'Rule questions: answered by a card (card, safety, referral), by a law article, or referred for want of an answer; by topic',
    labelNames: ['outcome', 'topic'] as const, registers: [this.registry],
  });
  readonly platformSeconds = new Histogram({
    name: 'jiaoguan_platform_call_seconds', help: 'Traffic platform calls, by port, method and outcome', labelNames: ['port', 'method', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5], registers: [this.registry],
  });
  readonly breaker = new Gauge({ name: 'jiaoguan_platform_breaker_state', help: 'Platform circuit breaker: 0 closed, 1 half-open, 2 open', registers: [this.registry] });
  readonly handoffWaiting = new Gauge({ name: 'jiaoguan_handoff_waiting', help: 'Conversations waiting for an agent', registers: [this.registry] });
  readonly handoffOldestWait = new Gauge({ name: 'jiaoguan_handoff_oldest_wait_seconds', help: 'How long the longest-waiting citizen has waited', registers: [this.registry] });

  readonly notices = new Counter({
    name: 'jiaoguan_notices_total', help: 'Notices handled by this process: sent, skipped, refused by WeChat, deferred (quiet hours, daily cap), retried or failed; by topic',
    labelNames: ['topic', 'outcome'] as const, registers: [this.registry],
  });
  readonly noticeJobs = new Gauge({
    name: 'jiaoguan_notice_jobs', help: 'Notice jobs in the store by topic and status (pending, sending, sent, failed, skipped)',
    labelNames: ['topic', 'status'] as const, registers: [this.registry],
  });
  private noticeSampler: (() => Promise<ReadonlyArray<Readonly<Record<string, number | string>>>>) | undefined;

  constructor(private readonly sampleQueue: () => Promise<{ waiting: number; oldestWaitSeconds: number }>) {
    collectDefaultMetrics({ register: this.registry, prefix: 'jiaoguan_' });
  }

  platformCall(c: PlatformCall): void {
    this.platformSeconds.observe({ port: c.port, method: c.method, outcome: c.outcome }, c.ms / 1000);
  }

  breakerState(state: BreakerState): void {
    this.breaker.set(BREAKER[state]);
  }

  /** Where the notice counts come from (the store, read at each scrape). */
  sampleNotices(sampler: () => Promise<ReadonlyArray<Readonly<Record<string, number | string>>>>): void {
    this.noticeSampler = sampler;
  }

  /** The exposition text, with the queue sampled now. */
  async render(): Promise<string> {
    const q = await this.sampleQueue();
    this.handoffWaiting.set(q.waiting);
    this.handoffOldestWait.set(q.oldestWaitSeconds);
    for (const row of (await this.noticeSampler?.()) ?? []) {
      for (const status of NOTICE_STATUSES) this.noticeJobs.set({ topic: String(row.topic), status }, Number(row[status] ?? 0));
    }
    return this.registry.metrics();
  }
}
