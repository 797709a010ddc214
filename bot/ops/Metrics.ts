import { NOTICE_STATUSES } from '../../integrations/storage/notices';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PlatformCall } from '../../integrations/platform/resilient/ResilientPlatform';
import type { BreakerState } from '../../integrations/platform/resilient/CircuitBreaker';
import type { OperationsReport } from './operationsReport';

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

  /** The operations view's figures of today (China day, the bot's clock), read from the store at each scrape. */
  private readonly ops = {
    conversations: this.opsGauge('conversations', 'Conversations begun today (messages with no gap over 30 minutes), by channel', ['channel']),
    contained: this.opsGauge('contained_conversations', 'Conversations begun today that finished without a person, by channel', ['channel']),
    messages: this.opsGauge('messages', 'Citizen messages today, by channel', ['channel']),
    notUnderstood: this.opsGauge('not_understood', 'Citizen messages not understood today, by channel', ['channel']),
    notUnderstoodGroups: this.opsGauge('not_understood_groups', 'Messages not understood today by group (the NLU\'s best guess, or no knowledge card)', ['group']),
    handoffs: this.opsGauge('handoffs', 'Handoffs to a person created today, by channel and reason', ['channel', 'reason']),
    tasksStarted: this.opsGauge('tasks_started', 'Service flows begun today, by channel and service', ['channel', 'service']),
    tasksConfirmed: this.opsGauge('tasks_confirmed', 'Tasks confirmed today (the declared platform call succeeded), by channel and service', ['channel', 'service']),
    dropOffs: this.opsGauge('task_dropoffs', 'Tasks begun today and not confirmed, by service and the last question shown', ['service', 'step']),
    ratings: this.opsGauge('satisfaction_ratings', 'Satisfaction ratings given today, by score (1-5)', ['score']),
    notices: this.opsGauge('notices', 'Notices sent today, and notices due today that failed for good', ['outcome']),
  };
  private opsSampler: (() => Promise<{ all: OperationsReport; byChannel: readonly OperationsReport[] }>) | undefined;

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

  /** Where today's operations figures come from (the store, read at each scrape): all channels and each one. */
  sampleOperations(sampler: () => Promise<{ all: OperationsReport; byChannel: readonly OperationsReport[] }>): void {
    this.opsSampler = sampler;
  }

  private opsGauge<L extends string>(name: string, help: string, labelNames: readonly L[]): Gauge<L> {
    return new Gauge({ name: `jiaoguan_ops_${name}_today`, help, labelNames, registers: [this.registry] });
  }

  private setOperations(s: { all: OperationsReport; byChannel: readonly OperationsReport[] }): void {
    for (const g of Object.values(this.ops)) g.reset();
    for (const c of s.all.channels) {
      this.ops.conversations.set({ channel: c.channel }, c.conversations);
      this.ops.contained.set({ channel: c.channel }, c.contained);
      this.ops.messages.set({ channel: c.channel }, c.messages);
      this.ops.notUnderstood.set({ channel: c.channel }, c.notUnderstood);
    }
    for (const g of s.all.notUnderstoodGroups) this.ops.notUnderstoodGroups.set({ group: g.group }, g.count);
    for (const r of s.byChannel) {
      const channel = r.channel ?? 'all';
      for (const h of r.handoffReasons) this.ops.handoffs.set({ channel, reason: h.reason }, h.count);
      for (const t of r.tasks) {
        this.ops.tasksStarted.set({ channel, service: t.service }, t.started);
        if (t.confirmed !== null) this.ops.tasksConfirmed.set({ channel, service: t.service }, t.confirmed);
      }
    }
    for (const t of s.all.tasks) for (const d of t.dropOffs) this.ops.dropOffs.set({ service: t.service, step: d.step ?? 'none' }, d.count);
    for (const r of s.all.satisfaction.distribution) this.ops.ratings.set({ score: String(r.score) }, r.count);
    this.ops.notices.set({ outcome: 'sent' }, s.all.notices.sent);
    this.ops.notices.set({ outcome: 'failed' }, s.all.notices.failed);
  }

  /** The exposition text, with the queue sampled now. */
  async render(): Promise<string> {
    const q = await this.sampleQueue();
    this.handoffWaiting.set(q.waiting);
    this.handoffOldestWait.set(q.oldestWaitSeconds);
    for (const row of (await this.noticeSampler?.()) ?? []) {
      for (const status of NOTICE_STATUSES) this.noticeJobs.set({ topic: String(row.topic), status }, Number(row[status] ?? 0));
    }
    if (this.opsSampler) this.setOperations(await this.opsSampler());
    return this.registry.metrics();
  }
}
