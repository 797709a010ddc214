/** Types every port shares (conventions: see ./types.ts). */
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
