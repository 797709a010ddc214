import type { TurnContext } from 'botbuilder';
import { chinaDate } from '../../../integrations/clock';
import { PlatformError } from '../../../integrations/platform/errors';
import type { ChinaDate, ExamSession, ExamSubject, Instant, RuleOutcome } from '../../../integrations/platform/types';
import { formatDate, formatSession, formatSubject } from '../../i18n/format';
import { hasMessage } from '../../i18n/catalog';
import { localeOf, msg } from '../../i18n/turnLocale';
import { describePlatformError } from '../../shared/describePlatformError';

/** A date for the citizen; the year is shown only when it is not the year of `today`. */
export function showDate(ctx: TurnContext, date: ChinaDate, today: ChinaDate): string {
  return formatDate(localeOf(ctx), date, today.slice(0, 4));
}

export function showSubject(ctx: TurnContext, subject: ExamSubject): string {
  return formatSubject(localeOf(ctx), subject);
}

/** 11月30日（周一）上午 / Mon 30 Nov, morning. */
export function showWhen(ctx: TurnContext, date: ChinaDate, session: ExamSession, today: ChinaDate): string {
  return msg(ctx, 'exam.when', { date: showDate(ctx, date, today), session: formatSession(localeOf(ctx), session) });
}

/** The last day a booking can be cancelled (its deadline is 24:00 of that day, China time). */
export function lastCancelDay(cancellableUntil: Instant): ChinaDate {
  return chinaDate(new Date(Date.parse(cancellableUntil) - 1));
}

/**
 * A test centre's name in the reply's language: the catalogue's name for its id (exam.centre.<id>) when there is one,
 * else the platform's own name (a real gateway's centres are named by the platform).
 */
export function showCentre(ctx: TurnContext, c: { centreId: string; centreName: string }): string {
  const key = `exam.centre.${c.centreId}`;
  return hasMessage(localeOf(ctx), key) ? msg(ctx, key) : c.centreName;
}

/** One booking on one line: 科目二 · 南京市交管局第二考场 · 11月30日（周一）上午. */
export function bookingLine(
  ctx: TurnContext, b: { subject: ExamSubject; centreId: string; centreName: string; date: ChinaDate; session: ExamSession }, today: ChinaDate,
): string {
  return msg(ctx, 'exam.bookingLine', { subject: showSubject(ctx, b.subject), centre: showCentre(ctx, b), when: showWhen(ctx, b.date, b.session, today) });
}

/** Why an exam is not allowed, in the words of the error catalogue (the same sentence a refused booking gets). */
export function ruleMessage(ctx: TurnContext, reason: RuleOutcome): string {
  return describePlatformError(localeOf(ctx), new PlatformError(reason.code, `exam rule: ${reason.code}`, reason.details));
}
