/**
 * Receipts of inbound channel messages, for de-duplication across processes: WeChat re-sends a message
 * it got no answer for (up to three times in 15 s), and each copy may land on a different bot process.
 * The first copy claims the key and runs the turn; later copies read how it ended.
 */
export type ReceiptStatus =
  /** A process is running the turn. */
  | 'processing'
  /** The turn finished in time; `reply` is the passive reply every copy answers with. */
  | 'replied'
  /** The reply goes (or went) through the customer-service API; copies answer "success". */
  | 'deferred';

export interface MessageReceipt {
  readonly key: string;
  readonly status: ReceiptStatus;
  /** The passive reply body (plain XML, before any encryption), when status is "replied". */
  readonly reply?: string;
  readonly createdAt: number;
}

export type ClaimResult = { readonly claimed: true } | { readonly claimed: false; readonly receipt: MessageReceipt };

export interface MessageReceipts {
  /** Atomically claims `key`; when another copy claimed it first, returns its receipt instead. */
  claim(key: string, now: number): Promise<ClaimResult>;
  read(key: string): Promise<MessageReceipt | undefined>;
  /**
   * processing → replied with this reply. Returns false (and writes nothing) when the receipt was deferred
   * meanwhile: then the reply must go through the customer-service API instead.
   */
  completeReplied(key: string, reply: string): Promise<boolean>;
  /** processing → deferred. Returns true when this call (or an earlier one) deferred it; false when already replied. */
  defer(key: string): Promise<boolean>;
  /**
   * Takes over a receipt still "processing" that was claimed before `claimedBefore` (its process stopped
   * without finishing: a live one defers at the reply budget): it counts as claimed `now` by the caller,
   * who runs the turn. True for exactly one caller; false when it is not (or no longer) such an orphan.
   */
  reclaim(key: string, claimedBefore: number, now: number): Promise<boolean>;
  /** Deletes receipts created before `before` (WeChat stops retrying after 15 s; keep them a day). */
  prune(before: number): Promise<number>;
}
