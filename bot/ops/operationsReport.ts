import type { ConversationFact } from '../../integrations/storage/conversationFacts';
import type { HandoffRecord } from '../../integrations/storage/handoffs';
import type { NoticeOutcome } from '../../integrations/storage/notices';
import { conversationHash } from './conversationHash';
import type { OpsLabels } from './opsLabels';
import type { TaskConfirmations } from './taskConfirmations';

/** A conversation: a citizen's messages with no gap longer than this between two of them (30 minutes). */
export const CONVERSATION_GAP_MS = 30 * 60_000;
/** China time: UTC+8, no daylight saving. */
const CST_MS = 8 * 3_600_000;
/** How many groups of messages not understood are listed (the biggest). */
const TOP_GROUPS = 10;
/** Notices are WeChat template messages: they count for this channel. */
const NOTICE_CHANNEL = 'wechat';

export type Granularity = 'day' | 'hour';

/** The counts of one period, one channel, or the whole range. */
export interface Figures {
  conversations: number;
  /** Conversations finished without a person (no handoff during them). */
  contained: number;
  handoffs: number;
  /** Citizen messages. */
  messages: number;
  notUnderstood: number;
  tasksStarted: number;
  tasksConfirmed: number;
  ratings: number;
  /** Sum of the ratings' scores (average = ratingSum / ratings). */
  ratingSum: number;
  noticesSent: number;
  noticesFailed: number;
}

export interface OperationsReport {
  /** First and last China day (YYYY-MM-DD, inclusive). */
  from: string;
  to: string;
  by: Granularity;
  /** The channel shown, or null for all. */
  channel: string | null;
  conversationGapMinutes: number;
  totals: Figures & { containmentRate: number | null; notUnderstoodRate: number | null; completionRate: number | null; satisfactionAverage: number | null };
  /** Every period of the range (China day, or China hour `YYYY-MM-DD HH:00`), empty ones included. */
  periods: Array<Figures & { period: string }>;
  channels: Array<Figures & { channel: string; label: string }>;
  handoffReasons: Array<{ reason: string; label: string; count: number }>;
  /** By service: flows started, and for the tasks with a declared confirmation, confirmed and where the others stopped. */
  tasks: Array<{
    service: string; label: string; started: number; confirmed: number | null; completionRate: number | null;
    dropOffs: Array<{ step: string | null; label: string; count: number }>;
  }>;
  notUnderstoodGroups: Array<{ group: string; label: string; count: number }>;
  satisfaction: { count: number; average: number | null; distribution: Array<{ score: number; count: number }> };
  notices: { sent: number; failed: number; topics: Array<{ topic: string; label: string; sent: number; failed: number }> };
}

export interface ReportInput {
  /** China days, inclusive. */
  from: string;
  to: string;
  by: Granularity;
  channel?: string;
  /** Facts from 30 minutes before the range's start to its end (a conversation starting just before is not counted twice). */
  facts: readonly ConversationFact[];
  /** Handoffs created from a day before the range (their ratings may fall in it) to its end. */
  handoffs: readonly HandoffRecord[];
  notices: readonly NoticeOutcome[];
  labels: OpsLabels;
  /** The tasks with a confirmation (the services' doneWhen); other flows are look-ups, counted as started only. */
  tasks: TaskConfirmations;
}

/** China midnight (epoch ms) of a China day YYYY-MM-DD. */
export function chinaDayStartOf(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) - CST_MS;
}

/** The range [start, end) of China days `from`..`to` inclusive. */
export function rangeOf(from: string, to: string): { start: number; end: number } {
  return { start: chinaDayStartOf(from), end: chinaDayStartOf(to) + 86_400_000 };
}

/** The period (China day, or China hour) an instant falls in. */
export function periodOf(at: number, by: Granularity): string {
  const iso = new Date(at + CST_MS).toISOString();
  return by === 'day' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 13)}:00`;
}

function emptyFigures(): Figures {
  return { conversations: 0, contained: 0, handoffs: 0, messages: 0, notUnderstood: 0, tasksStarted: 0, tasksConfirmed: 0, ratings: 0, ratingSum: 0, noticesSent: 0, noticesFailed: 0 };
}

const rate = (n: number, of: number): number | null => (of ? Math.round((n / of) * 1000) / 1000 : null);

function countBy<K>(items: Iterable<K>): Map<K, number> {
  const out = new Map<K, number>();
  for (const k of items) out.set(k, (out.get(k) ?? 0) + 1);
  return out;
}

/**
 * The operations figures of a range, computed from the store's facts, handoffs and notice outcomes (docs/operations.md
 * defines each). Everything is bucketed by when it happened; a conversation by its first message, a task by its start.
 */
export function operationsReport(i: ReportInput): OperationsReport {
  const { start, end } = rangeOf(i.from, i.to);
  const inRange = (at: number): boolean => at >= start && at < end;
  const wanted = (channel: string): boolean => !i.channel || channel === i.channel;
  const periods = new Map<string, Figures>();
  for (let at = start; at < end; at += i.by === 'day' ? 86_400_000 : 3_600_000) periods.set(periodOf(at, i.by), emptyFigures());
  const channels = new Map<string, Figures>();
  const totals = emptyFigures();
  /** Adds to the figure `key` of the total, the instant's period and the channel. */
  const add = (key: keyof Figures, at: number, channel: string, n = 1): void => {
    totals[key] += n;
    const p = periods.get(periodOf(at, i.by));
    if (p) p[key] += n;
    let c = channels.get(channel);
    if (!c) channels.set(channel, (c = emptyFigures()));
    c[key] += n;
  };

  const facts = i.facts.filter((f) => wanted(f.channel));
  // Conversations: each hashed conversation's messages split where two are more than the gap apart.
  const handoffs = i.handoffs.filter((h) => wanted(h.channelId));
  const handoffTimes = new Map<string, number[]>();
  for (const h of handoffs) handoffTimes.set(conversationHash(h.conversationKey), [...(handoffTimes.get(conversationHash(h.conversationKey)) ?? []), h.createdAt]);
  const lastSeen = new Map<string, { first: number; last: number; channel: string }>();
  const closeConversation = (conversation: string, c: { first: number; last: number; channel: string }): void => {
    if (!inRange(c.first)) return;
    add('conversations', c.first, c.channel);
    const helped = (handoffTimes.get(conversation) ?? []).some((at) => at >= c.first && at < c.last + CONVERSATION_GAP_MS);
    if (!helped) add('contained', c.first, c.channel);
  };
  for (const f of facts) {
    if (f.kind !== 'message') continue;
    if (inRange(f.at)) add('messages', f.at, f.channel);
    const open = lastSeen.get(f.conversation);
    if (open && f.at - open.last <= CONVERSATION_GAP_MS) open.last = f.at;
    else {
      if (open) closeConversation(f.conversation, open);
      lastSeen.set(f.conversation, { first: f.at, last: f.at, channel: f.channel });
    }
  }
  for (const [conversation, c] of lastSeen) closeConversation(conversation, c);

  // Not understood, by group.
  const groups = countBy(facts.filter((f) => f.kind === 'not_understood' && inRange(f.at)).map((f) => {
    add('notUnderstood', f.at, f.channel);
    return f.group ?? 'None';
  }));

  // Tasks: each start opens a run of its service in its conversation; a step moves it on; a confirmation closes it.
  interface Run { service: string; step?: string; confirmed: boolean }
  const runs: Run[] = [];
  const open = new Map<string, Run>();
  for (const f of facts) {
    if (!f.service || !inRange(f.at)) continue;
    const key = `${f.conversation} ${f.service}`;
    if (f.kind === 'task_started') {
      const run: Run = { service: f.service, confirmed: false };
      runs.push(run);
      open.set(key, run);
      add('tasksStarted', f.at, f.channel);
    } else if (f.kind === 'task_step') {
      const run = open.get(key);
      if (run) run.step = f.step;
    } else if (f.kind === 'task_confirmed') {
      let run = open.get(key);
      if (!run) {
        // Started before the range: counted as started here too, so that confirmed never exceeds started.
        runs.push((run = { service: f.service, confirmed: false }));
        add('tasksStarted', f.at, f.channel);
      }
      run.confirmed = true;
      open.delete(key);
      add('tasksConfirmed', f.at, f.channel);
    }
  }
  const services = [...new Set(runs.map((r) => r.service))];
  const tasks = services.map((service) => {
    const mine = runs.filter((r) => r.service === service);
    const declared = i.tasks.has(service);
    const confirmed = mine.filter((r) => r.confirmed).length;
    const drops = countBy(mine.filter((r) => !r.confirmed).map((r) => r.step ?? null));
    return {
      service, label: i.labels.service(service), started: mine.length,
      confirmed: declared ? confirmed : null, completionRate: declared ? rate(confirmed, mine.length) : null,
      dropOffs: declared ? [...drops].sort((a, b) => b[1] - a[1]).map(([step, count]) => ({ step, label: i.labels.step(step ?? undefined), count })) : [],
    };
  }).sort((a, b) => b.started - a.started || a.service.localeCompare(b.service));

  // Handoffs (when created) and satisfaction (when rated).
  const reasons = countBy(handoffs.filter((h) => inRange(h.createdAt)).map((h) => {
    add('handoffs', h.createdAt, h.channelId);
    return h.reason as string;
  }));
  const scores = handoffs.flatMap((h) => (h.rating && inRange(h.rating.at) ? [{ score: h.rating.score, at: h.rating.at, channel: h.channelId }] : []));
  for (const s of scores) {
    add('ratings', s.at, s.channel);
    add('ratingSum', s.at, s.channel, s.score);
  }

  // Notices (WeChat).
  const notices = wanted(NOTICE_CHANNEL) ? i.notices.filter((n) => inRange(n.at)) : [];
  const topics = new Map<string, { topic: string; label: string; sent: number; failed: number }>();
  for (const n of notices) {
    add(n.outcome === 'sent' ? 'noticesSent' : 'noticesFailed', n.at, NOTICE_CHANNEL);
    const t = topics.get(n.topic) ?? { topic: n.topic, label: i.labels.topic(n.topic), sent: 0, failed: 0 };
    t[n.outcome] += 1;
    topics.set(n.topic, t);
  }

  return {
    from: i.from, to: i.to, by: i.by, channel: i.channel ?? null, conversationGapMinutes: CONVERSATION_GAP_MS / 60_000,
    totals: {
      ...totals,
      containmentRate: rate(totals.contained, totals.conversations),
      notUnderstoodRate: rate(totals.notUnderstood, totals.messages),
      completionRate: rate(tasks.reduce((s, t) => s + (t.confirmed ?? 0), 0), tasks.reduce((s, t) => s + (t.confirmed === null ? 0 : t.started), 0)),
      satisfactionAverage: totals.ratings ? Math.round((totals.ratingSum / totals.ratings) * 100) / 100 : null,
    },
    periods: [...periods].map(([period, f]) => ({ period, ...f })),
    channels: [...channels].sort((a, b) => a[0].localeCompare(b[0])).map(([channel, f]) => ({ channel, label: i.labels.channel(channel), ...f })),
    handoffReasons: [...reasons].sort((a, b) => b[1] - a[1]).map(([reason, count]) => ({ reason, label: i.labels.reason(reason), count })),
    tasks,
    notUnderstoodGroups: [...groups].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, TOP_GROUPS)
      .map(([group, count]) => ({ group, label: i.labels.group(group), count })),
    satisfaction: {
      count: scores.length, average: totals.ratings ? Math.round((totals.ratingSum / totals.ratings) * 100) / 100 : null,
      distribution: [1, 2, 3, 4, 5].map((score) => ({ score, count: scores.filter((s) => s.score === score).length })),
    },
    notices: { sent: totals.noticesSent, failed: totals.noticesFailed, topics: [...topics.values()].sort((a, b) => a.topic.localeCompare(b.topic)) },
  };
}
