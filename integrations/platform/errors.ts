/**
 * Every failure the traffic platform reports, with a stable machine-readable code.
 *
 * The dialogs turn `code` + `details` into a sentence from their own message catalogue; `message` is
 * for logs only (English, and never a full ID number, phone number or VIN).
 *
 * The codes are declared once: the shared ones in ./sharedErrors, each port's own in `<port>/port.ts`.
 */
import type { ErrorStatus } from './port';
import { PLATFORM_PORTS, type PortErrorCode } from './ports';
import { SHARED_ERRORS } from './sharedErrors';

export type PlatformErrorCode = keyof typeof SHARED_ERRORS | PortErrorCode;

/** Structured facts about a failure (dates as YYYY-MM-DD China dates, instants as ISO strings, money in fen). */
export type PlatformErrorDetails = Readonly<Record<string, string | number | boolean | null>>;

/**
 * Every code with the HTTP status the contract answers it with: the shared ones, then each port's, in the ports'
 * order (the contract's ErrorCode enum is listed in this order).
 */
export const ERROR_STATUS: Readonly<Record<PlatformErrorCode, ErrorStatus>> = Object.assign(
  {}, SHARED_ERRORS, ...Object.values(PLATFORM_PORTS).map((p) => p.errors),
) as Record<PlatformErrorCode, ErrorStatus>;

const ALL_CODES: ReadonlySet<string> = new Set(Object.keys(ERROR_STATUS));

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
