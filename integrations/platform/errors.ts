/**
 * Every failure the traffic platform reports, with a stable machine-readable code.
 *
 * The dialogs turn `code` + `details` into a sentence from their own message catalogue; `message` is
 * for logs only (English, and never a full ID number, phone number or VIN).
 */
export type PlatformErrorCode =
  // general
  | 'INVALID_ARGUMENT'
  | 'NOT_FOUND'
  | 'IDEMPOTENCY_CONFLICT'
  | 'UNAVAILABLE'
  | 'INTERNAL'
  // identity
  | 'IDENTITY_MISMATCH'
  | 'CODE_WRONG'
  | 'CODE_EXPIRED'
  | 'LOCKED'
  | 'RATE_LIMITED'
  | 'NOT_BOUND'
  | 'ALREADY_BOUND'
  // exams
  | 'NOT_REGISTERED'
  | 'EXAM_PREREQUISITE'
  | 'ALREADY_PASSED'
  | 'PERMIT_TOO_NEW'
  | 'PERMIT_EXPIRED'
  | 'ALREADY_BOOKED'
  | 'RETAKE_TOO_SOON'
  | 'ATTEMPTS_EXHAUSTED'
  | 'DATE_NOT_BOOKABLE'
  | 'NOT_WORKING_DAY'
  | 'CENTRE_SUBJECT_MISMATCH'
  | 'SLOT_FULL'
  | 'CANCEL_TOO_LATE'
  // plates
  | 'PLATE_TAKEN'
  | 'PLATE_INVALID'
  | 'PLATE_DENIED'
  | 'PLATE_NOT_OFFERED'
  | 'VEHICLE_HAS_PLATE'
  | 'ROUNDS_EXHAUSTED'
  // violations and fines
  | 'NOT_SIMPLE_PROCEDURE'
  | 'ALREADY_HANDLED'
  | 'NO_LICENCE'
  | 'AMOUNT_MISMATCH';

/** Structured facts about a failure (dates as YYYY-MM-DD China dates, instants as ISO strings, money in fen). */
export type PlatformErrorDetails = Readonly<Record<string, string | number | boolean | null>>;

const ALL_CODES: ReadonlySet<string> = new Set<PlatformErrorCode>([
  'INVALID_ARGUMENT', 'NOT_FOUND', 'IDEMPOTENCY_CONFLICT', 'UNAVAILABLE', 'INTERNAL',
  'IDENTITY_MISMATCH', 'CODE_WRONG', 'CODE_EXPIRED', 'LOCKED', 'RATE_LIMITED', 'NOT_BOUND', 'ALREADY_BOUND',
  'NOT_REGISTERED', 'EXAM_PREREQUISITE', 'ALREADY_PASSED', 'PERMIT_TOO_NEW', 'PERMIT_EXPIRED', 'ALREADY_BOOKED',
  'RETAKE_TOO_SOON', 'ATTEMPTS_EXHAUSTED', 'DATE_NOT_BOOKABLE', 'NOT_WORKING_DAY', 'CENTRE_SUBJECT_MISMATCH',
  'SLOT_FULL', 'CANCEL_TOO_LATE',
  'PLATE_TAKEN', 'PLATE_INVALID', 'PLATE_DENIED', 'PLATE_NOT_OFFERED', 'VEHICLE_HAS_PLATE', 'ROUNDS_EXHAUSTED',
  'NOT_SIMPLE_PROCEDURE', 'ALREADY_HANDLED', 'NO_LICENCE', 'AMOUNT_MISMATCH',
]);

/** Codes where simply trying the same call again later may succeed. */
const RETRYABLE_BY_DEFAULT: ReadonlySet<PlatformErrorCode> = new Set<PlatformErrorCode>(['UNAVAILABLE', 'RATE_LIMITED']);

export class PlatformError extends Error {
  override readonly name = 'PlatformError';

  constructor(
    readonly code: PlatformErrorCode,
    message: string,
    readonly details: PlatformErrorDetails = {},
    readonly retryable: boolean = RETRYABLE_BY_DEFAULT.has(code),
  ) {
    super(message);
  }

  static isCode(value: unknown): value is PlatformErrorCode {
    return typeof value === 'string' && ALL_CODES.has(value);
  }

  static is(value: unknown, code?: PlatformErrorCode): value is PlatformError {
    return value instanceof PlatformError && (code === undefined || value.code === code);
  }

  toJSON(): { code: PlatformErrorCode; message: string; retryable: boolean; details: PlatformErrorDetails } {
    return { code: this.code, message: this.message, retryable: this.retryable, details: this.details };
  }
}
