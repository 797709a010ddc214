/**
 * Access tokens shared by every bot process (e.g. WeChat's access_token: fetching a new one invalidates the
 * old one after a grace period, so processes must not each fetch their own). One process at a time holds
 * a short refresh lease; the others keep using the current token or wait for the new one.
 */
export interface SharedToken {
  readonly name: string;
  readonly value?: string;
  /** Epoch milliseconds when the token expires. */
  readonly expiresAt?: number;
}

export interface SharedTokens {
  read(name: string): Promise<SharedToken | undefined>;
  /** Takes the refresh lease if nobody holds an unexpired one; true when this holder has it now. */
  tryLease(name: string, holder: string, now: number, leaseMs: number): Promise<boolean>;
  /** Gives the lease back without a new token (the refresh failed), so another process may try at once. */
  releaseLease(name: string, holder: string): Promise<void>;
  /** Stores a fresh token and releases the lease. */
  save(name: string, value: string, expiresAt: number): Promise<void>;
  /** Forgets the token (the API said it is invalid), so the next caller refreshes. */
  invalidate(name: string, value: string): Promise<void>;
}
