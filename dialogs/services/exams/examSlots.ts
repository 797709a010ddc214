import type { ChinaDate, ExamSlot, ExamSubject, ExamsPort } from '../../../integrations/platform/types';
import type { OfferedSlot } from './ExamBookState';

/** How many dates the date question offers as buttons. */
export const DATES_OFFERED = 5;
/** How far ahead the date question looks for free seats (the platform lists at most 31 days at once). */
const LOOK_AHEAD_DAYS = 31;

function hasSeats(s: ExamSlot): boolean {
  return s.remaining > 0;
}

/** The next dates from `from` on that still have a free seat for the subject (full slots and days are skipped). */
export async function bookableDates(exams: ExamsPort, subject: ExamSubject, from: ChinaDate): Promise<ChinaDate[]> {
  const slots = await exams.listSlots(subject, from, LOOK_AHEAD_DAYS);
  const dates: ChinaDate[] = [];
  for (const s of slots) {
    if (hasSeats(s) && !dates.includes(s.date)) dates.push(s.date);
    if (dates.length === DATES_OFFERED) break;
  }
  return dates;
}

/** The slots of one date that still have free seats, mornings first. */
export async function openSlots(exams: ExamsPort, subject: ExamSubject, date: ChinaDate): Promise<OfferedSlot[]> {
  const slots = await exams.listSlots(subject, date, 1);
  return slots
    .filter((s) => s.date === date && hasSeats(s))
    .map((s) => ({ centreId: s.centreId, centreName: s.centreName, session: s.session, remaining: s.remaining }));
}
