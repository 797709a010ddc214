import { PlatformError } from '../../../../integrations/platform/errors';
import { resilientPlatform, type PlatformCall } from '../../../../integrations/platform/resilient/ResilientPlatform';
import type { TrafficPlatform } from '../../../../integrations/platform/types';
import { LI_NA, sandbox } from '../fixtures';

/** The sandbox platform with scripted trouble in front of the violations port. */
function troubled(base: TrafficPlatform, script: { failNext: number; hangMs: number; calls: string[] }): TrafficPlatform {
  const v = base.violations;
  const trouble = async <T>(name: string, call: () => Promise<T>): Promise<T> => {
    script.calls.push(name);
    if (script.failNext > 0) {
      script.failNext -= 1;
      throw new PlatformError('UNAVAILABLE', 'gateway down');
    }
    if (script.hangMs) await new Promise((r) => setTimeout(r, script.hangMs));
    return call();
  };
  return {
    identity: base.identity, exams: base.exams, plates: base.plates, sms: base.sms, events: base.events,
    violations: {
      byPlate: (p, vin) => trouble('byPlate', () => v.byPlate(p, vin)),
      byOwner: (id) => trouble('byOwner', () => v.byOwner(id)),
      handle: (id, vid, key) => trouble('handle', () => v.handle(id, vid, key)),
      decision: (n) => trouble('decision', () => v.decision(n)),
      pay: (n, fen, key) => trouble('pay', () => v.pay(n, fen, key)),
      points: (id) => trouble('points', () => v.points(id)),
      licence: (id) => trouble('licence', () => v.licence(id)),
    },
  };
}

describe('resilientPlatform: timeouts, bounded retries, circuit breaker', () => {
  const setup = (options: Parameters<typeof resilientPlatform>[1] = {}) => {
    const { platform } = sandbox();
    const script = { failNext: 0, hangMs: 0, calls: [] as string[] };
    const calls: PlatformCall[] = [];
    let clock = 0;
    const p = resilientPlatform(troubled(platform, script), {
      sleep: async () => undefined, now: () => clock, onCall: (c) => calls.push(c), ...options,
    });
    return { p, script, calls, advance: (ms: number) => { clock += ms; } };
  };

  it('retries a repeatable call once after a retryable failure, then answers', async () => {
    const { p, script, calls } = setup();
    script.failNext = 1;
    expect((await p.violations.points(LI_NA.idNumber)).points).toBe(6);
    expect(script.calls).toEqual(['points', 'points']);
    expect(calls.map((c) => c.outcome)).toEqual(['ok']);
  });

  it('a payment retried after a failure is charged once (same idempotency key)', async () => {
    const { p, script } = setup();
    const decision = await p.violations.decision(LI_NA.decision);
    script.failNext = 1;
    const paid = await p.violations.pay(LI_NA.decision, decision.amountDueFen, 'key-1');
    const again = await p.violations.pay(LI_NA.decision, decision.amountDueFen, 'key-1');
    expect(again.paymentId).toBe(paid.paymentId);
    expect(script.calls.filter((c) => c === 'pay')).toHaveLength(3);
  });

  it('a domain refusal is an answer: not retried, does not trip the breaker', async () => {
    const { p, script } = setup({ breakerThreshold: 1 });
    await expect(p.violations.decision('999999999999999')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(script.calls).toEqual(['decision']);
    expect(p.breaker.state).toBe('closed');
  });

  it('a call that does not answer in time becomes UNAVAILABLE with a clear message', async () => {
    const { p, script, calls } = setup({ timeoutMs: 30, attempts: 1 });
    script.hangMs = 200;
    await expect(p.violations.points(LI_NA.idNumber)).rejects.toMatchObject({
      code: 'UNAVAILABLE', retryable: true, message: 'the traffic platform did not answer violations.points within 30 ms',
    });
    expect(calls.map((c) => c.outcome)).toEqual(['timeout']);
  });

  it('after repeated failures the breaker opens (calls refused at once), then one trial call closes it', async () => {
    const { p, script, advance, calls } = setup({ breakerThreshold: 3, breakerCooldownMs: 10_000, attempts: 1 });
    script.failNext = 3;
    for (let i = 0; i < 3; i += 1) await expect(p.violations.points(LI_NA.idNumber)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(p.breaker.state).toBe('open');
    await expect(p.violations.points(LI_NA.idNumber)).rejects.toMatchObject({ code: 'UNAVAILABLE', details: { breaker: 'open' } });
    expect(script.calls).toHaveLength(3);
    advance(10_000);
    expect((await p.violations.points(LI_NA.idNumber)).points).toBe(6);
    expect(p.breaker.state).toBe('closed');
    expect(calls.map((c) => c.outcome)).toEqual(['unavailable', 'unavailable', 'unavailable', 'open', 'ok']);
  });

  it('never repeats a call that is not safe to repeat (sending an SMS code)', async () => {
    const { platform } = sandbox();
    let sent = 0;
    const flaky = resilientPlatform({
      identity: { ...platform.identity, startBinding: async () => { sent += 1; throw new PlatformError('UNAVAILABLE', 'sms gateway down'); },
        confirmBinding: (a, b, c) => platform.identity.confirmBinding(a, b, c), getBinding: (a) => platform.identity.getBinding(a), requireBinding: (a) => platform.identity.requireBinding(a), unbind: (a) => platform.identity.unbind(a),
        boundUsers: (a) => platform.identity.boundUsers(a) },
      exams: platform.exams, plates: platform.plates, violations: platform.violations, sms: platform.sms, events: platform.events,
    }, { sleep: async () => undefined });
    await expect(flaky.identity.startBinding('u', LI_NA.idNumber, LI_NA.name)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(sent).toBe(1);
  });
});
