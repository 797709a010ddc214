/** How a signed request compares with what was remembered under its signature. */
export type NonceCheck =
  /** Never seen (or its record had expired): remembered now with this body. */
  | 'new'
  /** Seen before with the same body: a retry of the same message. */
  | 'repeat'
  /** Seen before with another body: a replay of the signature; refuse it. */
  | 'conflict';

/**
 * Signed webhook requests already seen, shared by every bot process. WeChat's plain-mode signature covers
 * (token, timestamp, nonce) but not the body, so a captured query would carry any body for as long as its
 * timestamp is accepted: each signed query is remembered with a hash of its body until that window closes,
 * and a repeat is accepted only with the same body (WeChat's own retries resend it unchanged).
 */
export interface WebhookNonces {
  /**
   * Atomically (across processes) remembers `key` with `bodyHash` until `expiresAt` (epoch ms), unless it is
   * already remembered and not expired at `now`: then 'repeat' (same hash) or 'conflict' (another hash, and the
   * record stays as it was).
   */
  check(key: string, bodyHash: string, now: number, expiresAt: number): Promise<NonceCheck>;
  /** Deletes records that expired before `before`; returns how many. */
  prune(before: number): Promise<number>;
}
