import type { StorageFaultCode } from './errors';

/** The last write a store could not make: what went wrong, in which store, and when (epoch ms). */
export interface WriteFailure {
  readonly code: StorageFaultCode;
  readonly store?: string;
  readonly at: number;
}

/** How long a write failure keeps the bot "not ready" when no write has succeeded since (GET /readyz). */
export const WRITE_FAILURE_WINDOW_MS = 60_000;

/**
 * What one store's writes did lately, for readiness: a full disk fails every write while reads still work, so
 * a read probe alone would call the bot ready. Adapters report each write failure (a storage fault, never a
 * store's own refusal such as an eTag conflict) and each committed write; `recentFailure` is the failure
 * that is not yet followed by a success and no older than the window.
 */
export class WriteHealth {
  /** The last write failure not followed by a success. */
  private failure?: WriteFailure;

  constructor(private readonly now: () => number = Date.now) {}

  failed(code: StorageFaultCode, store?: string): void {
    this.failure = { code, store, at: this.now() };
  }

  succeeded(): void {
    this.failure = undefined;
  }

  /** The last write failure, when it is within `windowMs` and no write succeeded after it. */
  recentFailure(windowMs: number = WRITE_FAILURE_WINDOW_MS): WriteFailure | undefined {
    const f = this.failure;
    return f && this.now() - f.at <= windowMs ? f : undefined;
  }
}
