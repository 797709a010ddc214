/** The exams port: driving-test eligibility, slots, bookings and cancellations. */
import type { ChinaDate, Instant, RuleOutcome } from '../commonTypes';

export type ExamSubject = 1 | 2 | 3 | 4;
/** 上午 / 下午. */
export type ExamSession = 'morning' | 'afternoon';

export interface ExamEligibility {
  readonly subject: ExamSubject;
  readonly date: ChinaDate;
  readonly eligible: boolean;
  /** The first rule that blocks the exam on that date, or null when eligible. */
  readonly reason: RuleOutcome | null;
  /** Earliest bookable date given the waiting rules (permit age, retake, calendar); null when a waiting does not help. */
  readonly earliestDate: ChinaDate | null;
}

export interface ExamSlot {
  readonly centreId: string;
  readonly centreName: string;
  readonly date: ChinaDate;
  readonly session: ExamSession;
  readonly capacity: number;
  readonly remaining: number;
}

export type ExamBookingStatus = 'booked' | 'cancelled' | 'passed' | 'failed';

export interface ExamBooking {
  readonly bookingId: string;
  readonly subject: ExamSubject;
  readonly centreId: string;
  readonly centreName: string;
  readonly date: ChinaDate;
  readonly session: ExamSession;
  readonly status: ExamBookingStatus;
  readonly bookedAt: Instant;
  /** Last instant a cancellation is accepted: 24:00 China time of the day before the exam. */
  readonly cancellableUntil: Instant;
}

/** What a reschedule did: the new booking and the old one, now cancelled (both from one transaction). */
export interface ExamReschedule {
  readonly booked: ExamBooking;
  readonly cancelled: ExamBooking;
}

export interface ExamsPort {
  /**
   * `replacing`: the bookingId of the citizen's active booking of this subject that the exam would replace (a
   * reschedule): that booking is then not an ALREADY_BOOKED block; every other rule is unchanged.
   */
  eligibility(idNumber: string, subject: ExamSubject, date: ChinaDate, replacing?: string): Promise<ExamEligibility>;
  /** Slots of the centres serving the subject, on bookable working days in [fromDate, fromDate + days). days: 1–31. */
  listSlots(subject: ExamSubject, fromDate: ChinaDate, days: number): Promise<ExamSlot[]>;
  /** Errors: any eligibility code, CENTRE_SUBJECT_MISMATCH, SLOT_FULL, NOT_FOUND. */
  book(
    idNumber: string, subject: ExamSubject, centreId: string, date: ChinaDate, session: ExamSession, idempotencyKey: string,
  ): Promise<ExamBooking>;
  listBookings(idNumber: string): Promise<ExamBooking[]>;
  /** Idempotent for an already cancelled booking. Errors: CANCEL_TOO_LATE (details.deadline), NOT_FOUND. */
  cancel(idNumber: string, bookingId: string): Promise<ExamBooking>;
  /**
   * Moves an active booking to another slot of the same subject in one transaction: the new seat is taken (the rules
   * of `book`, with `eligibility(…, replacing: bookingId)`; never oversold) and only then the old booking cancelled;
   * on any error nothing changes. A repeat with the same idempotency key answers the first result without moving again.
   * Errors: NOT_FOUND (no such active booking of this citizen, or no such centre), CANCEL_TOO_LATE (the old booking is
   * past its cancellation deadline, details.deadline), SAME_SLOT (the slot it already has), CENTRE_SUBJECT_MISMATCH,
   * SLOT_FULL, any eligibility code, IDEMPOTENCY_CONFLICT.
   */
  reschedule(
    idNumber: string, bookingId: string, centreId: string, date: ChinaDate, session: ExamSession, idempotencyKey: string,
  ): Promise<ExamReschedule>;
}
