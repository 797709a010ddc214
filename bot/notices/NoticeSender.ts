import { chinaDayStart } from '../../integrations/clock';
import { PlatformError } from '../../integrations/platform/errors';
import type { TrafficPlatform } from '../../integrations/platform/types';
import type { NoticeJob, NoticeStore } from '../../integrations/storage/notices';
import { isRefusal, WeChatApiError, type WeChatApi } from '../../integrations/wechat/types';
import { isNoticeTopic, noticeContext, type NoticeTopicDefinition, type NoticeTopicId } from '../../dialogs/services/notices/NoticeTopic';
import type { Locale } from '../../dialogs/i18n/Locale';
import type { Logger } from '../logger';
import { isQuiet, quietEnds, type QuietHours } from './quietHours';

/** What became of one claimed job. */
export type SendOutcome = 'sent' | 'skipped' | 'refused' | 'deferred' | 'retry' | 'failed';

export interface NoticeSenderOptions {
  store: NoticeStore;
  platform: TrafficPlatform;
  wechat: WeChatApi;
  topics: readonly NoticeTopicDefinition[];
  templates: Readonly<Partial<Record<NoticeTopicId, string>>>;
  /** The page a notice opens, given ?say=<next step>; none: no link (the next step is in the notice's text). */
  linkUrl?: string;
  quietHours: QuietHours | null;
  dailyCap: number;
  now: () => number;
  logger: Logger;
  /** Attempts before a notice fails for good. Default 5. */
  maxAttempts?: number;
  /** Told of every outcome (metrics). */
  onOutcome?: (topic: string, outcome: SendOutcome) => void;
}

/** WeChat templates are registered in one language: the notices are rendered in it. */
const NOTICE_LOCALE: Locale = 'zh-CN';
/** Waits after the 1st, 2nd… failed attempt (WeChat busy, quota, platform down). */
const BACKOFF_MS = [30_000, 2 * 60_000, 10 * 60_000, 60 * 60_000];

/**
 * Sends one claimed notice: checks it may and still should go out (consent, its moment, quiet hours, the citizen's
 * daily cap, what it tells still true), renders the topic's template and sends it through WeChat's template message
 * API with the job's id as client_msg_id (WeChat delivers one message per id, so a retry after a crash between
 * WeChat's answer and the store's record sends nothing twice). Only the lease holder can record the outcome.
 */
export class NoticeSender {
  private readonly topics: ReadonlyMap<string, NoticeTopicDefinition>;
  private readonly maxAttempts: number;

  constructor(private readonly o: NoticeSenderOptions, private readonly owner: string) {
    this.topics = new Map(o.topics.map((t) => [t.id, t]));
    this.maxAttempts = o.maxAttempts ?? 5;
  }

  async send(job: NoticeJob): Promise<SendOutcome> {
    const outcome = await this.attempt(job);
    this.o.onOutcome?.(job.topic, outcome);
    return outcome;
  }

  private async attempt(job: NoticeJob): Promise<SendOutcome> {
    const { store } = this.o;
    const now = this.o.now();
    const topic = this.topics.get(job.topic);
    const template = isNoticeTopic(job.topic) ? this.o.templates[job.topic] : undefined;
    if (!topic || !template) {
      await store.markFailed(job.id, this.owner, topic ? 'no WeChat template configured for this topic' : 'unknown topic');
      return 'failed';
    }
    const consent = await store.consent(job.citizen, job.topic);
    if (consent?.state !== 'granted') {
      await store.markSkipped(job.id, this.owner, `consent ${consent?.state ?? 'missing'}`);
      return 'skipped';
    }
    const until = Number(job.payload.until ?? Number.POSITIVE_INFINITY);
    if (now >= until) {
      await store.markSkipped(job.id, this.owner, 'its moment passed');
      return 'skipped';
    }
    if (isQuiet(this.o.quietHours, now)) {
      await store.defer(job.id, this.owner, quietEnds(this.o.quietHours, now), 'quiet hours');
      return 'deferred';
    }
    const dayStart = chinaDayStart(now);
    if (await store.sentSince(job.citizen, dayStart) >= this.o.dailyCap) {
      // The next China day, after its quiet hours.
      const tomorrow = dayStart + 86_400_000;
      await store.defer(job.id, this.owner, quietEnds(this.o.quietHours, tomorrow), 'daily cap reached');
      return 'deferred';
    }
    try {
      // Still bound (an unbound citizen gets nothing about the identity they left) and still true.
      const binding = await this.o.platform.identity.getBinding(job.citizen);
      if (!binding) {
        await store.markSkipped(job.id, this.owner, 'no longer bound');
        return 'skipped';
      }
      const ctx = noticeContext(this.o.platform, now);
      if (topic.stillDue && !(await topic.stillDue(job.payload, binding.idNumber, ctx))) {
        await store.markSkipped(job.id, this.owner, 'no longer true');
        return 'skipped';
      }
      const rendered = topic.render(job.payload, NOTICE_LOCALE, ctx.today);
      const data = Object.fromEntries(Object.entries(rendered.fields).map(([k, value]) => [k, { value }]));
      await this.o.wechat.sendTemplateMessage(job.citizen.slice('wechat:'.length), {
        template_id: template, client_msg_id: job.id, data,
        ...(this.o.linkUrl && rendered.action ? { url: `${this.o.linkUrl}?say=${encodeURIComponent(rendered.action)}` } : {}),
      });
      await store.markSent(job.id, this.owner, this.o.now());
      return 'sent';
    } catch (err) {
      return this.failed(job, err, now);
    }
  }

  private async failed(job: NoticeJob, err: unknown, now: number): Promise<SendOutcome> {
    const { store, logger } = this.o;
    if (err instanceof WeChatApiError && err.errcode !== undefined && isRefusal(err.errcode)) {
      // WeChat says the citizen does not take our notices (unfollowed, blocked, refused): recorded as their consent.
      await store.setConsent({ citizen: job.citizen, topic: job.topic, state: 'refused', reason: String(err.errcode), updatedAt: now });
      await store.markSkipped(job.id, this.owner, `refused by WeChat ${err.errcode}`);
      logger.info({ topic: job.topic, errcode: err.errcode }, 'WeChat refused a notice: recorded as the citizen\'s refusal');
      return 'refused';
    }
    const message = err instanceof Error ? err.message : String(err);
    const retryable = (err instanceof WeChatApiError && (err.retryable || err.errcode === 45009))
      || (err instanceof PlatformError && err.retryable) || !(err instanceof WeChatApiError || err instanceof PlatformError);
    if (retryable && job.attempts < this.maxAttempts) {
      const wait = BACKOFF_MS[Math.min(job.attempts - 1, BACKOFF_MS.length - 1)];
      await store.markFailed(job.id, this.owner, message.slice(0, 300), now + wait);
      logger.warn({ topic: job.topic, attempts: job.attempts, retryInMs: wait, err: message }, 'a notice could not be sent: retrying later');
      return 'retry';
    }
    await store.markFailed(job.id, this.owner, message.slice(0, 300));
    logger.error({ topic: job.topic, attempts: job.attempts, err: message }, 'a notice failed for good');
    return 'failed';
  }
}
