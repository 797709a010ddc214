import type { RateLimits } from '../../integrations/storage/rateLimits';

/** The longest text a citizen may send on any channel; longer gets a clear reply and no turn. */
export const MAX_CITIZEN_TEXT_CHARS = 1000;

/** The window of the citizens' message rate (CITIZEN_RATE_PER_MINUTE). */
const RATE_WINDOW_MS = 60_000;

/** Why a citizen's message is not run: over the rate (retry after `seconds`; `count` hits this window) or too long. */
export type CitizenRefusal =
  | { key: 'channel.rateLimited'; params: { seconds: number }; count: number }
  | { key: 'channel.tooLong'; params: { max: number } };

/**
 * The citizens' limits, the same on every channel: counts the message against `userKey`'s rate (in the store, so
 * every process counts together), then checks the length. Undefined when the message may run.
 */
export async function citizenRefusal(
  rateLimits: RateLimits, userKey: string, text: string, now: number, perMinute: number,
): Promise<CitizenRefusal | undefined> {
  const decision = await rateLimits.hit(userKey, now, RATE_WINDOW_MS, perMinute);
  if (!decision.allowed) return { key: 'channel.rateLimited', params: { seconds: Math.ceil(decision.retryAfterMs / 1000) }, count: decision.count };
  if (Array.from(text).length > MAX_CITIZEN_TEXT_CHARS) return { key: 'channel.tooLong', params: { max: MAX_CITIZEN_TEXT_CHARS } };
  return undefined;
}
