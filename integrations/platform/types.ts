/**
 * The traffic platform port: what the dialogs may ask of the provincial "Internet traffic safety service
 * platform". Implemented by the SQLite sandbox (default, tests, demos) and by an HTTP client for a real gateway.
 *
 * Conventions: dates are China calendar dates 'YYYY-MM-DD'; instants are ISO-8601 strings; money is in fen
 * (integers; 100 fen = 1 yuan). Failures are thrown as `PlatformError` (see ./errors) with a stable code.
 * Mutating calls take an idempotency key: repeating a call with the same key returns the first result.
 */
import type { PlatformErrorCode, PlatformErrorDetails } from './errors';

/** 'YYYY-MM-DD' in China time. */
export type ChinaDate = string;
/** ISO-8601 instant, e.g. '2026-11-25T01:00:00.000Z'. */
export type Instant = string;

/** Why something is not allowed: the same code and details a PlatformError would carry. */
export interface RuleOutcome {
  readonly code: PlatformErrorCode;
  readonly details: PlatformErrorDetails;
}

// ---------------------------------------------------------------- identity

export interface BindingChallenge {
  /** The phone on file, masked: '139****5678'. */
  readonly maskedPhone: string;
  readonly codeLength: number;
  readonly expiresAt: Instant;
}

export interface Binding {
  readonly channelUserId: string;
  readonly idNumber: string;
  readonly name: string;
  readonly maskedPhone: string;
  readonly boundAt: Instant;
}

export interface IdentityPort {
  /**
   * Sends an SMS code to the phone on file for this ID number + name, for this channel user's binding only.
   * Errors: IDENTITY_MISMATCH, LOCKED (this channel user's attempt on this ID), RATE_LIMITED (details.retryAfterSeconds
   * between two codes to one ID; details.reason 'id' | 'user' and details.retryAt for the hourly limits).
   */
  startBinding(channelUserId: string, idNumber: string, name: string): Promise<BindingChallenge>;
  /**
   * Checks the code sent for this channel user's own startBinding. Errors: CODE_WRONG (details.attemptsLeft), LOCKED
   * after the third wrong code (details.lockedUntil; only this channel user's attempt on this ID), CODE_EXPIRED, ALREADY_BOUND.
   */
  confirmBinding(channelUserId: string, idNumber: string, code: string): Promise<Binding>;
  getBinding(channelUserId: string): Promise<Binding | null>;
  /** Like getBinding but throws NOT_BOUND when the channel user has no bound identity. */
  requireBinding(channelUserId: string): Promise<Binding>;
}

// ---------------------------------------------------------------- exams

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

export interface ExamsPort {
  eligibility(idNumber: string, subject: ExamSubject, date: ChinaDate): Promise<ExamEligibility>;
  /** Slots of the centres serving the subject, on bookable working days in [fromDate, fromDate + days). days: 1–31. */
  listSlots(subject: ExamSubject, fromDate: ChinaDate, days: number): Promise<ExamSlot[]>;
  /** Errors: any eligibility code, CENTRE_SUBJECT_MISMATCH, SLOT_FULL, NOT_FOUND. */
  book(
    idNumber: string, subject: ExamSubject, centreId: string, date: ChinaDate, session: ExamSession, idempotencyKey: string,
  ): Promise<ExamBooking>;
  listBookings(idNumber: string): Promise<ExamBooking[]>;
  /** Idempotent for an already cancelled booking. Errors: CANCEL_TOO_LATE (details.deadline), NOT_FOUND. */
  cancel(idNumber: string, bookingId: string): Promise<ExamBooking>;
}

// ---------------------------------------------------------------- plates

/** D plates for battery-electric vehicles, F plates for other new-energy vehicles. */
export type NewEnergyKind = 'battery-electric' | 'other';

export interface PlateRound {
  readonly round: number;
  readonly roundsLeft: number;
  /** 10 available plates, e.g. '苏A3K721' or '苏AD12345'. */
  readonly candidates: readonly string[];
}

export type PatternVerdict = 'available' | 'taken' | 'invalid' | 'denied';

export interface PatternCheck {
  readonly pattern: string;
  /** The normalised full plate, or null when the pattern could not be read as one. */
  readonly plate: string | null;
  readonly verdict: PatternVerdict;
}

export interface PatternResult {
  /** The first available plate in the order given, or null. */
  readonly plate: string | null;
  /** One entry per pattern checked, in order, up to and including the first available one. */
  readonly checked: readonly PatternCheck[];
}

export interface PlateReservation {
  readonly plate: string;
  /** Last 6 characters of the VIN only. */
  readonly vinLast6: string;
  readonly status: 'reserved' | 'registered';
  readonly reservedAt: Instant;
  /** The plate is released after this China date unless the vehicle is registered; null once registered. */
  readonly expiresOn: ChinaDate | null;
}

export type PlateQuery = { readonly idNumber: string } | { readonly vin: string };

export interface PlatesPort {
  /** Errors: ROUNDS_EXHAUSTED after 5 rounds, VEHICLE_HAS_PLATE, NOT_FOUND, PLATE_INVALID (kind mismatch). */
  startRandomRound(idNumber: string, vin: string, newEnergyKind?: NewEnergyKind): Promise<PlateRound>;
  /** Up to 20 patterns (full plates or serials), checked in order. */
  checkPatterns(idNumber: string, vin: string, patterns: readonly string[]): Promise<PatternResult>;
  /** Holds an offered plate for the vehicle. Errors: PLATE_TAKEN, PLATE_INVALID, PLATE_DENIED, PLATE_NOT_OFFERED, VEHICLE_HAS_PLATE. */
  reserve(idNumber: string, vin: string, plate: string, idempotencyKey: string): Promise<PlateReservation>;
  /** The plates currently held (reserved or registered) for the citizen's vehicles, or for one vehicle. */
  reservedPlate(query: PlateQuery): Promise<PlateReservation[]>;
}

// ---------------------------------------------------------------- violations and fines

export type ViolationKind = 'speeding' | 'parking' | 'red-light' | 'phone-use' | 'lane' | 'seatbelt';

export interface Violation {
  readonly violationId: string;
  readonly plate: string;
  readonly occurredAt: Instant;
  readonly occurredOn: ChinaDate;
  readonly location: string;
  readonly kind: ViolationKind;
  readonly fineFen: number;
  readonly points: number;
  readonly status: 'unprocessed' | 'handled';
  readonly decisionNumber: string | null;
  /** For unprocessed violations: whether online handling (simple procedure) is open, and if not why. */
  readonly onlineHandling: { readonly allowed: boolean; readonly reason: RuleOutcome | null } | null;
}

export interface Payment {
  readonly paymentId: string;
  readonly decisionNumber: string;
  readonly amountFen: number;
  readonly fineFen: number;
  readonly lateFeeFen: number;
  readonly paidAt: Instant;
  /** True when the decision had already been paid by an earlier call and nothing was charged now. */
  readonly replayed: boolean;
}

export interface PenaltyDecision {
  readonly decisionNumber: string;
  readonly violationId: string;
  readonly plate: string;
  readonly issuedOn: ChinaDate;
  /** Last day to pay without a late fee (issued + 15 days). */
  readonly dueOn: ChinaDate;
  readonly fineFen: number;
  readonly points: number;
  readonly status: 'unpaid' | 'paid';
  /** The China date the amounts below are computed for (the clock's today, or the payment day once paid). */
  readonly asOf: ChinaDate;
  readonly lateDays: number;
  readonly lateFeeFen: number;
  /** What a payment must be now: fine + late fee; 0 once paid. */
  readonly amountDueFen: number;
  readonly payment: Payment | null;
}

export interface PointsStatement {
  readonly points: number;
  readonly maxPoints: number;
  readonly cycleStart: ChinaDate;
  readonly cycleEnd: ChinaDate;
}

export interface ViolationsPort {
  /** Errors: NOT_FOUND when the plate and VIN tail do not match a registered vehicle. */
  byPlate(plate: string, vinLast6: string): Promise<Violation[]>;
  byOwner(idNumber: string): Promise<Violation[]>;
  /** Errors: NOT_SIMPLE_PROCEDURE (details.reason 'fine' | 'points'), ALREADY_HANDLED (details.decisionNumber), NOT_FOUND. */
  handle(idNumber: string, violationId: string, idempotencyKey: string): Promise<PenaltyDecision>;
  decision(decisionNumber: string): Promise<PenaltyDecision>;
  /** amountFen must equal the decision's amountDueFen. A paid decision is never charged again. Errors: AMOUNT_MISMATCH. */
  pay(decisionNumber: string, amountFen: number, idempotencyKey: string): Promise<Payment>;
  /** Errors: NO_LICENCE. */
  points(idNumber: string): Promise<PointsStatement>;
}

// ---------------------------------------------------------------- sms (sandbox gateway)

export interface SmsMessage {
  readonly messageId: string;
  readonly phone: string;
  readonly template: 'binding-code';
  readonly params: Readonly<Record<string, string>>;
  readonly text: string;
  readonly sentAt: Instant;
}

export interface SmsPort {
  /** Messages the sandbox gateway "sent" to the phone, newest first. */
  outbox(phone: string): Promise<SmsMessage[]>;
}

export interface TrafficPlatform {
  readonly identity: IdentityPort;
  readonly exams: ExamsPort;
  readonly plates: PlatesPort;
  readonly violations: ViolationsPort;
  readonly sms: SmsPort;
}
