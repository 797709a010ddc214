import { chinaDate } from '../../../integrations/clock';
import type { ChinaDate } from '../../../integrations/platform/commonTypes';
import type { PlatformEvent, PlatformEventType } from '../../../integrations/platform/events/types';
import type { TrafficPlatform } from '../../../integrations/platform/types';
import type { Locale } from '../../i18n/Locale';
import type { Labels } from '../ServiceModule';

/** The notices a citizen can subscribe to and leave (issue 17); each is one WeChat template. */
export const NOTICE_TOPIC_IDS = [
  'exam-reminder', 'exam-result', 'decision-issued', 'fine-deadline', 'plate-expiring', 'new-violation', 'licence-renewal',
] as const;
export type NoticeTopicId = (typeof NOTICE_TOPIC_IDS)[number];

export function isNoticeTopic(s: string): s is NoticeTopicId {
  return (NOTICE_TOPIC_IDS as readonly string[]).includes(s);
}

/** A notice one citizen should get: the engine keys it `<topic>:<ref>:<citizen>`, so computing it twice makes one job. */
export interface DueNotice {
  /** What makes it one notice for this topic (a booking id, a decision number and stage…). */
  readonly ref: string;
  /** Not before (epoch ms). */
  readonly dueAt: number;
  /** After this (epoch ms) it is no longer worth sending (the exam began, late fees started): never sent late. */
  readonly until: number;
  /** The template's data, JSON-able (no full ID number, phone or VIN: they go to WeChat and the store). */
  readonly payload: Readonly<Record<string, unknown>>;
}

/** What a topic's computations may read. */
export interface NoticeContext {
  readonly platform: TrafficPlatform;
  /** Epoch ms, the bot's clock (the sandbox clock in a demo). */
  readonly now: number;
  /** China date of `now`. */
  readonly today: ChinaDate;
}

/** The context of the moment `now` (epoch ms): today is its China date. */
export function noticeContext(platform: TrafficPlatform, now: number): NoticeContext {
  return { platform, now, today: chinaDate(new Date(now)) };
}

/** One field of the template as WeChat shows it: its key in the template's data (keyword1…) and its label. */
export interface NoticeField {
  readonly key: string;
  readonly label: Labels;
}

/** A notice rendered for WeChat: the value of each field, and the next step in one word (and its button). */
export interface RenderedNotice {
  readonly fields: Readonly<Record<string, string>>;
  /** 「改约」「缴款」「查看」…: what the citizen types (or taps) next; the bot understands it. */
  readonly action: string;
}

export interface NoticeTopicDefinition {
  readonly id: NoticeTopicId;
  /** Its name in 「提醒设置」, e.g. 考前提醒. */
  readonly label: Labels;
  /** One line saying when it comes, e.g. 考试前一天上午提醒时间、考场和要带的证件. */
  readonly description: Labels;
  /** The WeChat template: its title and fields (the sandbox WeChat registers the same). */
  readonly template: { readonly title: Labels; readonly fields: readonly NoticeField[] };
  /** The platform events this topic is told by (event-driven topics). */
  readonly events?: readonly PlatformEventType[];
  /** The notices an event means for the citizen it concerns (the engine fans out to the WeChat users bound to them). */
  readonly fromEvent?: (event: PlatformEvent, ctx: NoticeContext) => Promise<readonly DueNotice[]>;
  /** Time-based topics: the notices due for a citizen (by ID number) from the platform's data, computed, not timed. */
  readonly sweep?: (idNumber: string, ctx: NoticeContext) => Promise<readonly DueNotice[]>;
  /** Checked right before sending: false when what it tells is no longer true (the booking was cancelled, the fine paid). */
  readonly stillDue?: (payload: Readonly<Record<string, unknown>>, idNumber: string, ctx: NoticeContext) => Promise<boolean>;
  /** The template's field values and the next step, in the citizen's language; dates show their year when not `today`'s. */
  readonly render: (payload: Readonly<Record<string, unknown>>, locale: Locale, today: ChinaDate) => RenderedNotice;
}
