/** Fixed-window counters shared by every bot process (rate limits per citizen, per account). */
export interface RateDecision {
  readonly allowed: boolean;
  /** Hits in the current window, this one included. */
  readonly count: number;
  /** Milliseconds until the window resets. */
  readonly retryAfterMs: number;
}

export interface RateLimits {
  /** Counts one hit for `key` in the window of `windowMs` containing `now`; allowed while count ≤ limit. */
  hit(key: string, now: number, windowMs: number, limit: number): Promise<RateDecision>;
  /**
   * Takes back one hit counted at `now` (e.g. an attempt that turned out to succeed, when only failures count);
   * nothing when the window has moved on since or the count is 0.
   */
  refund(key: string, now: number, windowMs: number): Promise<void>;
}
