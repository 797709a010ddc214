import type { TurnContext } from 'botbuilder';
import type { FoundChoice } from 'botbuilder-dialogs';
import type { ExamBooking } from '../../../integrations/platform/types';
import type { DialogDeps } from '../../DialogDeps';
import { msg } from '../../i18n/turnLocale';
import type { AskOptions } from '../../prompts/PromptDefinition';
import { entityValue, type FlowOptions } from '../../shared/FlowOptions';
import { runPlatform } from '../../shared/runPlatform';
import { todayOf } from '../../shared/today';
import { sortBookings } from './bookingStatus';
import { examSlotsSaid } from './examSlotsSaid';

/** What a booking question keeps in its options: the subjects of the listed bookings, in order. */
export interface BookingPickValidations {
  subjects: number[];
}

/** A booking named by its subject (「科目二那个」): its index among the listed ones, when exactly one has that subject. */
export function readBookingBySubject(today: () => string) {
  return (_ctx: TurnContext, text: string, options: AskOptions): FoundChoice | undefined => {
    const subject = examSlotsSaid(text, today()).exam_subject;
    const subjects = (options.validations as BookingPickValidations | undefined)?.subjects ?? [];
    const matches = subjects.flatMap((s, i) => (String(s) === subject ? [i] : []));
    return matches.length === 1 ? { value: String(subject), index: matches[0] as number, score: 1 } : undefined;
  };
}

/** The active bookings a first message points at (its subject), or all of them. */
export function bookingsNamed(active: readonly ExamBooking[], subject: string | undefined): ExamBooking[] {
  return subject ? active.filter((b) => String(b.subject) === subject) : [...active];
}

/** The citizen's active bookings, and the one the flow's first message names (by its subject) when exactly one matches. */
export interface ActiveBookings {
  active: ExamBooking[];
  named?: { booking: ExamBooking; index: number };
  /** The subject the first message named, if any. */
  subject?: string;
}

/**
 * Lists the bound citizen's active bookings for a flow that works on one (cancel, reschedule); says `noneMessage` and
 * gives null when there are none (or when the platform failed: the citizen has been told).
 */
export async function activeBookingsFor(
  ctx: TurnContext, deps: DialogDeps, idNumber: string, options: FlowOptions, noneMessage: string,
): Promise<ActiveBookings | null> {
  const listed = await runPlatform(ctx, () => deps.platform.exams.listBookings(idNumber));
  if (!listed.ok) return null;
  const { active } = sortBookings(listed.value);
  if (active.length === 0) {
    await ctx.sendActivity(msg(ctx, noneMessage));
    return null;
  }
  const subject = options.text ? examSlotsSaid(options.text, todayOf(deps.clock)).exam_subject : entityValue(options, 'exam_subject');
  const matching = bookingsNamed(active, subject);
  const only = matching.length === 1 ? matching[0] : undefined;
  return { active, subject, named: only ? { booking: only, index: active.indexOf(only) } : undefined };
}
