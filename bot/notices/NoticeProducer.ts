import { chinaDate } from '../../integrations/clock';
import type { PlatformEvent } from '../../integrations/platform/events/types';
import type { TrafficPlatform } from '../../integrations/platform/types';
import type { NoticeStore } from '../../integrations/storage/notices';
import type { SharedTokens } from '../../integrations/storage/sharedTokens';
import { noticeContext, type DueNotice, type NoticeContext, type NoticeTopicDefinition } from '../../dialogs/services/notices/NoticeTopic';
import type { Logger } from '../logger';

export interface NoticeProducerOptions {
  store: NoticeStore;
  platform: TrafficPlatform;
  tokens: SharedTokens;
  topics: readonly NoticeTopicDefinition[];
  /** The bot's clock (the sandbox clock in a demo), epoch ms. */
  now: () => number;
  logger: Logger;
  /** Identifies this process in the sweep lease. */
  owner: string;
  /** A full sweep of every subscriber at least this often (and whenever the China date changes). Default 1 hour. */
  sweepEveryMs?: number;
  /** Time-based notices due further ahead than this are left for a later sweep. Default 36 hours. */
  horizonMs?: number;
}

/** Where the event feed's reader goes on; when the last full sweep ran. Kept in the store, shared by all processes. */
export const EVENTS_CURSOR = 'notices:events';
const SWEEP_CURSOR = 'notices:sweep';
const SWEEP_LEASE = 'notices:sweep-lease';
/** A sweep of 10,000 subscribers takes about 2 s on the sandbox; a process that died sweeping blocks others this long. */
const SWEEP_LEASE_MS = 2 * 60_000;
const EVENT_PAGE = 200;
const CITIZEN_PAGE = 500;

/** Only WeChat followers can get template messages. */
export const isWeChatCitizen = (citizen: string): boolean => citizen.startsWith('wechat:');

/**
 * Turns what happened and what is coming into notice jobs: the platform's events (read with a cursor kept in the
 * store) and time-based notices computed from the platform's data for every subscriber (a sweep, under a lease so one
 * process does it). Every job is keyed `<topic>:<ref>:<citizen>`, so an event read twice or a notice computed by two
 * processes is one job; nothing is kept in timers.
 */
export class NoticeProducer {
  private readonly sweepEveryMs: number;
  private readonly horizonMs: number;
  private readonly byEvent = new Map<string, NoticeTopicDefinition[]>();
  private readonly timed: NoticeTopicDefinition[];

  constructor(private readonly o: NoticeProducerOptions) {
    this.sweepEveryMs = o.sweepEveryMs ?? 3600_000;
    this.horizonMs = o.horizonMs ?? 36 * 3600_000;
    for (const t of o.topics) for (const e of t.events ?? []) this.byEvent.set(e, [...(this.byEvent.get(e) ?? []), t]);
    this.timed = o.topics.filter((t) => t.sweep);
  }

  private context(): NoticeContext {
    return noticeContext(this.o.platform, this.o.now());
  }

  /** Reads the events since the stored cursor and enqueues their notices; answers how many jobs were created. */
  async pollEvents(): Promise<number> {
    let created = 0;
    for (let pages = 0; pages < 50; pages += 1) {
      const cursor = await this.o.store.cursor(EVENTS_CURSOR);
      const page = await this.o.platform.events.since(cursor, EVENT_PAGE);
      for (const event of page.events) created += await this.fromEvent(event);
      if (page.cursor !== cursor) await this.o.store.saveCursor(EVENTS_CURSOR, page.cursor, this.o.now());
      if (page.events.length < EVENT_PAGE) break;
    }
    return created;
  }

  private async fromEvent(event: PlatformEvent): Promise<number> {
    const topics = this.byEvent.get(event.type) ?? [];
    if (!topics.length || !event.idNumber) return 0;
    const citizens = (await this.o.platform.identity.boundUsers(event.idNumber)).filter(isWeChatCitizen);
    if (!citizens.length) return 0;
    let created = 0;
    const ctx = this.context();
    for (const topic of topics) {
      const subscribed: string[] = [];
      for (const c of citizens) if ((await this.o.store.consent(c, topic.id))?.state === 'granted') subscribed.push(c);
      if (!subscribed.length || !topic.fromEvent) continue;
      const due = await topic.fromEvent(event, ctx);
      for (const c of subscribed) created += await this.enqueue(topic, c, due, ctx.now);
    }
    return created;
  }

  /** The time-based notices of one citizen for the topics they granted (right after they subscribe). */
  async sweepCitizen(citizen: string): Promise<number> {
    if (!isWeChatCitizen(citizen)) return 0;
    const granted = new Set((await this.o.store.consents(citizen)).filter((c) => c.state === 'granted').map((c) => c.topic));
    const topics = this.timed.filter((t) => granted.has(t.id));
    if (!topics.length) return 0;
    const binding = await this.o.platform.identity.getBinding(citizen);
    if (!binding) return 0;
    const ctx = this.context();
    let created = 0;
    for (const topic of topics) created += await this.enqueue(topic, citizen, await topic.sweep!(binding.idNumber, ctx), ctx.now);
    return created;
  }

  /**
   * A full sweep when one is due (the last was sweepEveryMs ago, or on another China date) and no other process is
   * sweeping; answers the jobs created, or undefined when no sweep ran.
   */
  async sweepIfDue(force = false): Promise<number | undefined> {
    const now = this.o.now();
    const last = Number(await this.o.store.cursor(SWEEP_CURSOR) ?? 0);
    const due = force || now - last >= this.sweepEveryMs || chinaDate(new Date(now)) !== chinaDate(new Date(last)) || now < last;
    if (!due) return undefined;
    // The lease is in real time: the sandbox clock may jump days while a sweep runs.
    if (!(await this.o.tokens.tryLease(SWEEP_LEASE, this.o.owner, Date.now(), SWEEP_LEASE_MS))) return undefined;
    try {
      const created = await this.sweepAll();
      await this.o.store.saveCursor(SWEEP_CURSOR, String(now), this.o.now());
      return created;
    } finally {
      await this.o.tokens.releaseLease(SWEEP_LEASE, this.o.owner);
    }
  }

  /** Every subscriber of a time-based topic, once each. */
  async sweepAll(): Promise<number> {
    const citizens = new Set<string>();
    for (const topic of this.timed) {
      for (let after: string | undefined; ;) {
        const page = await this.o.store.grantedFor(topic.id, CITIZEN_PAGE, after);
        for (const c of page) citizens.add(c);
        if (page.length < CITIZEN_PAGE) break;
        after = page[page.length - 1];
      }
    }
    let created = 0;
    for (const citizen of citizens) {
      try {
        created += await this.sweepCitizen(citizen);
      } catch (err) {
        // One citizen's data the platform could not give is retried at the next sweep; the others go on.
        this.o.logger.warn({ err, topic: 'sweep' }, 'could not compute the due notices of a subscriber');
      }
    }
    return created;
  }

  private async enqueue(topic: NoticeTopicDefinition, citizen: string, due: readonly DueNotice[], now: number): Promise<number> {
    let created = 0;
    for (const d of due) {
      // Never late (its moment has passed) and not too far ahead (what it tells may still change).
      if (d.until <= now || d.dueAt > now + this.horizonMs) continue;
      const r = await this.o.store.enqueue({
        key: `${topic.id}:${d.ref}:${citizen}`, citizen, topic: topic.id, dueAt: d.dueAt,
        payload: { ...d.payload, until: d.until }, createdAt: now,
      });
      if (r.created) created += 1;
    }
    return created;
  }
}
