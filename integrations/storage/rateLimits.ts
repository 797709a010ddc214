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
}
