import type { ChinaDate, ExamSession, ExamSubject } from '../../../integrations/platform/types';

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
}
