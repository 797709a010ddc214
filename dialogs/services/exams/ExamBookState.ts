import type { ChinaDate, ExamBooking, ExamSession, ExamSubject } from '../../../integrations/platform/types';

/** A slot as offered to the citizen (a centre's morning or afternoon session on the chosen date). */
export interface OfferedSlot {
  centreId: string;
  centreName: string;
  session: ExamSession;
  remaining: number;
}

/** What the booking flow has collected so far (dialog state: survives turns and restarts of the sub-loops). */
export interface ExamBookState {
  idNumber?: string;
  subject?: ExamSubject;
  /** The date under consideration: the citizen's wish (pre-filled or typed) or the date they picked. */
  date?: ChinaDate;
  /** The half-day the citizen asked for (「下午」), used to pick among the slots of a date. */
  session?: ExamSession;
  /** The dates offered as buttons in the current date question. */
  offeredDates?: ChinaDate[];
  /** The slots offered as buttons in the current slot question. */
  offeredSlots?: OfferedSlot[];
  slot?: OfferedSlot;
  /** One key per chosen slot: a repeated confirmation of the same booking never books twice. */
  idempotencyKey?: string;
  /** The rule last explained, so a re-check that meets it again does not repeat it. */
  explained?: string;
  /** Set when the confirmation is asked again after the platform could not be reached. */
  retry?: boolean;
  /** Rescheduling (改约): the active booking the new slot replaces (cancelled only once the new one is booked). */
  replacing?: ExamBooking;
}

/** What ExamBookDialog accepts: the flow options, or a booking to move (from the reschedule flow). */
export interface ExamBookOptions {
  text?: string;
  entities?: ReadonlyArray<{ entity: string; value: string }>;
  replacing?: ExamBooking;
}
