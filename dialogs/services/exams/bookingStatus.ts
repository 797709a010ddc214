import type { TurnContext } from 'botbuilder';
import type { Clock } from '../../../integrations/clock';
import type { ExamBooking } from '../../../integrations/platform/types';
import { msg } from '../../i18n/turnLocale';
import { todayOf } from '../../shared/today';
import { bookingLine, lastCancelDay, showDate } from './examText';

/** Whether the booking is active (booked, no result yet). */
export function isActive(b: ExamBooking): boolean {
  return b.status === 'booked';
}

/** Whether the cancellation deadline (24:00 the day before the exam) has not passed yet. */
export function stillCancellable(b: ExamBooking, clock: Clock): boolean {
  return clock.now().getTime() < Date.parse(b.cancellableUntil);
}

/** 已预约，11月29日（周日）24:00前可取消 / 已取消 / 合格 / 不合格. */
export function statusText(ctx: TurnContext, b: ExamBooking, clock: Clock): string {
  if (!isActive(b)) return msg(ctx, `exam.status.${b.status}`);
  if (!stillCancellable(b, clock)) return msg(ctx, 'exam.status.bookedLocked');
  return msg(ctx, 'exam.status.booked', { lastCancelDate: showDate(ctx, lastCancelDay(b.cancellableUntil), todayOf(clock)) });
}

/** Numbered lines: 1. 科目二 · 南京市交管局第二考场 · 11月30日（周一）上午（已预约，…）. */
export function bookingList(ctx: TurnContext, bookings: readonly ExamBooking[], clock: Clock): string {
  const today = todayOf(clock);
  return bookings
    .map((b, i) => msg(ctx, 'exam.query.line', { index: i + 1, booking: bookingLine(ctx, b, today), status: statusText(ctx, b, clock), bookingId: b.bookingId }))
    .join('\n');
}

/** Active bookings first (soonest first), then the history (latest first). */
export function sortBookings(bookings: readonly ExamBooking[]): { active: ExamBooking[]; history: ExamBooking[] } {
  const active = bookings.filter(isActive).sort((a, b) => a.date.localeCompare(b.date));
  const history = bookings.filter((b) => !isActive(b)).sort((a, b) => b.date.localeCompare(a.date) || b.bookedAt.localeCompare(a.bookedAt));
  return { active, history };
}
