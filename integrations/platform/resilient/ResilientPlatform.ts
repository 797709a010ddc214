import { PlatformError } from '../errors';
import type { TrafficPlatform } from '../types';
import { CircuitBreaker, type BreakerState } from './CircuitBreaker';

export interface PlatformCall {
  port: string;
  method: string;
  ms: number;
  outcome: 'ok' | 'refused' | 'error' | 'unavailable' | 'timeout' | 'open';
}

export interface ResilienceOptions {
  /** Per attempt. */
  timeoutMs?: number;
  /** Attempts for calls that are safe to repeat (reads, and writes carrying an idempotency key). */
  attempts?: number;
  backoffMs?: number;
  breakerThreshold?: number;
  breakerCooldownMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  onCall?: (call: PlatformCall) => void;
  onBreaker?: (state: BreakerState) => void;
}

/**
 * Calls that may be repeated without doing anything twice: reads, and writes that carry an idempotency key
 * (the platform returns the first result for the same key). Sending an SMS code, confirming one or drawing
 * a plate round are never repeated automatically.
 */
const REPEATABLE = new Set([
  'identity.getBinding', 'identity.requireBinding',
  'exams.eligibility', 'exams.listSlots', 'exams.book', 'exams.listBookings', 'exams.cancel',
  'plates.checkPatterns', 'plates.reserve', 'plates.reservedPlate',
  'violations.byPlate', 'violations.byOwner', 'violations.handle', 'violations.decision', 'violations.pay', 'violations.points',
  'sms.outbox',
]);

class Timeout extends Error {}

/**
 * The traffic platform with a timeout on every call, bounded retries with backoff for repeatable calls that
 * failed for a retryable reason, and a circuit breaker: when the platform is slow or down the citizen hears
 * so quickly (PlatformError UNAVAILABLE, which the dialogs explain and offer a person for) and nothing is
 * half-done twice. Domain refusals (SLOT_FULL, NOT_SIMPLE_PROCEDURE…) are answers, not failures.
 */
export function resilientPlatform(platform: TrafficPlatform, o: ResilienceOptions = {}): TrafficPlatform & { breaker: CircuitBreaker } {
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const breaker = new CircuitBreaker(o.breakerThreshold ?? 5, o.breakerCooldownMs ?? 30_000, now, o.onBreaker);
  const timeoutMs = o.timeoutMs ?? 3000;

  const attempt = <T>(call: () => Promise<T>): Promise<T> => new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Timeout()), timeoutMs);
    call().then((v) => { clearTimeout(timer); resolve(v); }, (e: unknown) => { clearTimeout(timer); reject(e); });
  });

  const guarded = async <T>(port: string, method: string, call: () => Promise<T>): Promise<T> => {
    const repeatable = REPEATABLE.has(`${port}.${method}`);
    const attempts = repeatable ? Math.max(1, o.attempts ?? 2) : 1;
    const started = now();
    const report = (outcome: PlatformCall['outcome']): void => o.onCall?.({ port, method, ms: now() - started, outcome });
    for (let i = 1; ; i += 1) {
      if (!breaker.allow()) {
        report('open');
        throw new PlatformError('UNAVAILABLE', 'the traffic platform is failing; calls are paused for a moment', { breaker: 'open' }, true);
      }
      try {
        const value = await attempt(call);
        breaker.success();
        report('ok');
        return value;
      } catch (e) {
        const timedOut = e instanceof Timeout;
        const unavailable = timedOut || (e instanceof PlatformError && e.code === 'UNAVAILABLE');
        if (!unavailable) {
          breaker.success();
          report(e instanceof PlatformError ? 'refused' : 'error');
          throw e;
        }
        breaker.failure();
        if (i >= attempts) {
          report(timedOut ? 'timeout' : 'unavailable');
          if (timedOut) throw new PlatformError('UNAVAILABLE', `the traffic platform did not answer ${port}.${method} within ${timeoutMs} ms`, { timeout: true }, true);
          throw e;
        }
        await sleep((o.backoffMs ?? 150) * 2 ** (i - 1));
      }
    }
  };

  const wrap = <P extends object>(name: string, port: P): P => new Proxy(port, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => guarded(name, String(prop), () => Promise.resolve(Reflect.apply(value, target, args)));
    },
  });

  return {
    identity: wrap('identity', platform.identity),
    exams: wrap('exams', platform.exams),
    plates: wrap('plates', platform.plates),
    violations: wrap('violations', platform.violations),
    sms: platform.sms,
    breaker,
  };
}
