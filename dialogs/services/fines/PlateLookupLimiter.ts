import { createHash } from 'node:crypto';
import type { Clock } from '../../../integrations/clock';
import type { RateLimits } from '../../../integrations/storage/rateLimits';

/**
 * Failed plate + VIN-tail lookups tolerated in one hour (a fixed window of the clock hour): beyond them lookups by
 * plate stop until the hour is over, even with the right tail. Per plate whoever asks (one vehicle's million tails
 * would take 200 000 hours), per citizen whatever plates (one user cannot sweep many vehicles).
 */
export const PLATE_LOOKUP_LIMITS = {
  windowMs: 60 * 60_000,
  failuresPerPlate: 5,
  failuresPerUser: 10,
} as const;

/** A lookup that may go ahead: say how it went, so a success is not counted. */
export interface PlateLookupAttempt {
  readonly allowed: true;
  /** The lookup found the vehicle (or failed for a reason that is no guess, e.g. the platform is down). */
  succeeded(): Promise<void>;
  /** The plate and tail did not match: the failure stays counted. Returns when lookups stop, if this was the last one allowed. */
  failed(): Date | undefined;
}

/** Lookups by plate are stopped for this citizen or this plate until `until`. */
export interface PlateLookupRefusal {
  readonly allowed: false;
  readonly until: Date;
}

const keyPart = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 32);

/**
 * Counts failed plate + VIN-tail lookups in the store's RateLimits (shared by every bot process, whatever the
 * traffic platform): each lookup counts as a failure until it is known to have succeeded, so lookups running at
 * the same time can never get past the limit. Keys hold hashes, not the plate or the user.
 */
export class PlateLookupLimiter {
  constructor(private readonly limits: RateLimits, private readonly clock: Clock) {}

  async begin(channelUser: string, plate: string): Promise<PlateLookupAttempt | PlateLookupRefusal> {
    const now = this.clock.now().getTime();
    const { windowMs } = PLATE_LOOKUP_LIMITS;
    const counted = [
      { key: `fines:lookup:plate:${keyPart(plate)}`, limit: PLATE_LOOKUP_LIMITS.failuresPerPlate },
      { key: `fines:lookup:user:${keyPart(channelUser)}`, limit: PLATE_LOOKUP_LIMITS.failuresPerUser },
    ];
    const decisions = await Promise.all(counted.map(({ key, limit }) => this.limits.hit(key, now, windowMs, limit)));
    const giveBack = async (): Promise<void> => {
      await Promise.all(counted.map(({ key }) => this.limits.refund(key, now, windowMs)));
    };
    const refused = decisions.filter((d) => !d.allowed);
    if (refused.length > 0) {
      await giveBack();
      return { allowed: false, until: new Date(now + Math.max(...refused.map((d) => d.retryAfterMs))) };
    }
    return {
      allowed: true,
      succeeded: giveBack,
      failed: () => {
        const spent = decisions.filter((d, i) => d.count >= (counted[i]?.limit ?? 0));
        return spent.length ? new Date(now + Math.max(...spent.map((d) => d.retryAfterMs))) : undefined;
      },
    };
  }
}
