import type { ErrorDeclarations } from './port';

/**
 * The error codes any port may answer with, declared once with their HTTP status: bad input, unknown records,
 * a reused idempotency key, too many calls, and platform trouble (the only codes retried by default are
 * UNAVAILABLE and RATE_LIMITED). Each port adds its own codes in `<port>/port.ts`.
 */
export const SHARED_ERRORS = {
  INVALID_ARGUMENT: 400,
  NOT_FOUND: 404,
  IDEMPOTENCY_CONFLICT: 409,
  UNAVAILABLE: 503,
  INTERNAL: 500,
  RATE_LIMITED: 429,
} as const satisfies ErrorDeclarations;
