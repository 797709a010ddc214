import { PlatformError } from '../errors';
import { isRepeatable } from '../port';
import { PLATFORM_PORTS, retryPolicyOf, type PortName } from '../ports';
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

class Timeout extends Error {}

/**
 * The traffic platform with a timeout on every call, bounded retries with backoff for repeatable calls that
 * failed for a retryable reason, and a circuit breaker: when the platform is slow or down the citizen hears
 * so quickly (PlatformError UNAVAILABLE, which the dialogs explain and offer a person for) and nothing is
 * half-done twice. Domain refusals (SLOT_FULL, NOT_SIMPLE_PROCEDURE…) are answers, not failures.
 * Which calls are repeatable is each port's declaration (`<port>/port.ts`: reads, idempotency-keyed and idempotent
 * writes are; sending an SMS code, confirming one or drawing a plate round never are); a port declared
 * `guarded: false` (the sandbox's SMS outbox) is passed through untouched.
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
    const repeatable = isRepeatable(retryPolicyOf(port, method));
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

  const wrap = <P extends object>(name: PortName, port: P): P => new Proxy(port, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => guarded(name, String(prop), () => Promise.resolve(Reflect.apply(value, target, args)));
    },
  });

  const wrapped = <N extends PortName>(name: N): TrafficPlatform[N] =>
    PLATFORM_PORTS[name].guarded === false ? platform[name] : wrap(name, platform[name]);
  const ports = {} as Record<PortName, unknown>;
  for (const name of Object.keys(PLATFORM_PORTS) as PortName[]) ports[name] = wrapped(name);
  return { ...(ports as TrafficPlatform), breaker };
}
