/** Why the sandbox clock refused a time: a stable code, for the route's answer and for tests. */
export type SandboxClockErrorCode =
  /** Earlier than the sandbox's now: bookings, notices and payments already happened at later times. */
  | 'CLOCK_BACKWARDS'
  /** Not an ISO date-time with an offset (or Z), or no such date. */
  | 'CLOCK_INVALID';

export class SandboxClockError extends Error {
  constructor(readonly code: SandboxClockErrorCode, message: string) {
    super(message);
    this.name = 'SandboxClockError';
  }
}
