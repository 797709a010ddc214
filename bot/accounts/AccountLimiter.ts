import type { Response } from 'restify';
import type { RateLimits } from '../../integrations/storage/rateLimits';
import type { AccountRates } from '../config';
import { sendApiError } from '../web/apiError';

const WINDOW_MS = 60_000;

export type RequestKind = 'read' | 'write';

/**
 * Request limits per agent or admin account on the console APIs: fixed one-minute windows in the RateLimits
 * store (so every process counts together), reads and writes counted apart. Over the limit: 429 with
 * Retry-After and `{ error: { code: 'RATE_LIMITED', message } }`.
 */
export class AccountLimiter {
  constructor(
    private readonly limits: RateLimits,
    private readonly rates: AccountRates,
    private readonly now: () => number,
  ) {}

  /** Counts one request of the account; answers 429 itself and returns false when the account is over its limit. */
  async admit(accountId: string, kind: RequestKind, res: Response): Promise<boolean> {
    const limit = kind === 'write' ? this.rates.writesPerMinute : this.rates.readsPerMinute;
    const decision = await this.limits.hit(`account:${accountId}:${kind}`, this.now(), WINDOW_MS, limit);
    if (decision.allowed) return true;
    const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    res.header('retry-after', String(seconds));
    const what = kind === 'write' ? 'changes' : 'requests';
    sendApiError(res, 429, 'RATE_LIMITED', `too many ${what} from this account (at most ${limit} a minute); try again in ${seconds} s`);
    return false;
  }
}
