import type { NoticeJob, NoticeStore } from '../../integrations/storage/notices';
import type { Logger } from '../logger';
import type { NoticeProducer } from './NoticeProducer';
import type { NoticeSender, SendOutcome } from './NoticeSender';
import { isQuiet, type QuietHours } from './quietHours';

export interface NoticeSchedulerOptions {
  store: NoticeStore;
  producer: NoticeProducer;
  sender: NoticeSender;
  /** The bot's clock (the sandbox clock in a demo), epoch ms. */
  now: () => number;
  quietHours: QuietHours | null;
  logger: Logger;
  /** This process in the job leases. */
  owner: string;
  /** How often the loop runs. Default 1 s. */
  tickMs?: number;
  /** How often the event feed is read. Default 2 s. */
  eventsEveryMs?: number;
  /**
   * Jobs claimed at once, and sent in parallel at most. Defaults 32 and 16: a small claim leaves few jobs waiting out
   * the lease when the process dies holding them.
   */
  batch?: number;
  concurrency?: number;
  /**
   * How long a claim holds a job (then another process may take it: this one died). Default 30 s: well inside WeChat's
   * 10-minute client_msg_id window, so a job taken over after a crash is never delivered twice.
   */
  leaseMs?: number;
}

/** Totals since start (the benchmark and tests read them). */
export interface SchedulerTotals {
  ticks: number;
  claimed: number;
  outcomes: Record<SendOutcome, number>;
}

/**
 * The durable scheduler: each tick reads new events, runs a sweep when one is due, then (outside quiet hours) claims
 * due jobs under a lease and sends them, until none are due. Every process runs one; the store's claim decides who
 * sends what. Nothing is kept in timers but the tick itself.
 */
export class NoticeScheduler {
  readonly totals: SchedulerTotals = { ticks: 0, claimed: 0, outcomes: { sent: 0, skipped: 0, refused: 0, deferred: 0, retry: 0, failed: 0 } };
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private lastEvents = 0;

  constructor(private readonly o: NoticeSchedulerOptions) {}

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.wake(), this.o.tickMs ?? 1000);
    this.timer.unref();
    this.wake();
  }

  /** Runs a tick now (after the sandbox clock moved, a consent): one at a time, another right after if asked meanwhile. */
  wake(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.tick();
        } while (this.again && !this.stopped);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /** Stops the loop and waits for the jobs in hand (their leases would otherwise hold them for leaseMs). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private async tick(): Promise<void> {
    this.totals.ticks += 1;
    const { store, producer, logger } = this.o;
    try {
      const realNow = Date.now();
      if (realNow - this.lastEvents >= (this.o.eventsEveryMs ?? 2000) || this.again) {
        this.lastEvents = realNow;
        await producer.pollEvents();
      }
      await producer.sweepIfDue();
    } catch (err) {
      // The platform or store is down: sending what is already due goes on; producing is tried again next tick.
      logger.warn({ err }, 'could not read the platform events or compute due notices');
    }
    const batch = this.o.batch ?? 32;
    for (let rounds = 0; rounds < 1000 && !this.stopped; rounds += 1) {
      const now = this.o.now();
      if (isQuiet(this.o.quietHours, now)) return;
      let jobs: NoticeJob[];
      try {
        // What is due follows the bot's clock; the lease real time (the demo's clock jumps days while a send is under way).
        jobs = await store.claim(this.o.owner, now, this.o.leaseMs ?? 30_000, batch, Date.now());
      } catch (err) {
        logger.warn({ err }, 'could not claim due notices');
        return;
      }
      if (!jobs.length) return;
      this.totals.claimed += jobs.length;
      await this.sendAll(jobs);
      if (jobs.length < batch) return;
    }
  }

  /**
   * Sends a batch with bounded parallelism, one citizen's notices one after the other (so the daily cap counts the
   * one just sent); one notice's failure never holds up the others.
   */
  private async sendAll(jobs: readonly NoticeJob[]): Promise<void> {
    const byCitizen = new Map<string, NoticeJob[]>();
    for (const j of jobs) byCitizen.set(j.citizen, [...(byCitizen.get(j.citizen) ?? []), j]);
    const groups = [...byCitizen.values()];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < groups.length) {
        for (const job of groups[next++]) {
          try {
            const outcome = await this.o.sender.send(job);
            this.totals.outcomes[outcome] += 1;
          } catch (err) {
            // The store failed recording the outcome: the lease runs out and another attempt follows.
            this.o.logger.warn({ err, topic: job.topic }, 'could not record a notice\'s outcome');
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.o.concurrency ?? 16, groups.length) }, worker));
  }
}
