import type { RateDecision, RateLimits } from '../../../../integrations/storage/rateLimits';
import { T0, useSubject, type PortFactory } from './portContract';

const MINUTE = 60_000;

/** What every RateLimits adapter must do: fixed windows aligned to multiples of the window, no lost hit. */
export function runRateLimitsContract(name: string, make: PortFactory<RateLimits>): void {
  describe(`RateLimits contract: ${name}`, () => {
    const subject = useSubject(make);
    const limits = (): RateLimits => subject().store;

    it('counts hits in a window and allows them while the count is within the limit', async () => {
      const decisions: RateDecision[] = [];
      for (let i = 0; i < 5; i += 1) decisions.push(await limits().hit('citizen:1', T0 + 1_000 * i, MINUTE, 3));
      expect(decisions.map((d) => d.count)).toEqual([1, 2, 3, 4, 5]);
      expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false, false]);
    });

    it('reports the time until the window resets', async () => {
      expect((await limits().hit('k', T0, MINUTE, 3)).retryAfterMs).toBe(MINUTE);
      expect((await limits().hit('k', T0 + 45_000, MINUTE, 3)).retryAfterMs).toBe(15_000);
      expect((await limits().hit('k', T0 + MINUTE - 1, MINUTE, 3)).retryAfterMs).toBe(1);
    });

    it('aligns windows to multiples of the window length and starts each new window at 1', async () => {
      expect((await limits().hit('k', T0 + MINUTE - 2, MINUTE, 2)).count).toBe(1);
      expect((await limits().hit('k', T0 + MINUTE - 1, MINUTE, 2)).count).toBe(2);
      const next = await limits().hit('k', T0 + MINUTE, MINUTE, 2);
      expect(next).toEqual({ allowed: true, count: 1, retryAfterMs: MINUTE });
      expect((await limits().hit('k', T0 + 5 * MINUTE + 7, MINUTE, 2)).count).toBe(1);
    });

    it('keeps keys apart', async () => {
      await limits().hit('citizen:1', T0, MINUTE, 1);
      await limits().hit('citizen:1', T0, MINUTE, 1);
      expect(await limits().hit('citizen:2', T0, MINUTE, 1)).toEqual({ allowed: true, count: 1, retryAfterMs: MINUTE });
      expect((await limits().hit('citizen:1', T0, MINUTE, 1)).count).toBe(3);
    });

    it('loses no hit when many arrive at once: every count from 1 to n is handed out once', async () => {
      const decisions = await Promise.all(Array.from({ length: 20 }, () => limits().hit('burst', T0 + 10, MINUTE, 5)));
      expect(decisions.map((d) => d.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
    });

    it('takes back a hit of the same window, never below 0 and never in a later window', async () => {
      await limits().hit('login', T0 + 1_000, MINUTE, 2);
      await limits().hit('login', T0 + 2_000, MINUTE, 2);
      await limits().refund('login', T0 + 3_000, MINUTE);
      expect((await limits().hit('login', T0 + 4_000, MINUTE, 2)).count).toBe(2);
      for (let i = 0; i < 4; i += 1) await limits().refund('login', T0 + 5_000, MINUTE);
      expect((await limits().hit('login', T0 + 6_000, MINUTE, 2)).count).toBe(1);
      // A refund for the previous window does not touch the current one; an unknown key is no error.
      await limits().hit('login', T0 + MINUTE, MINUTE, 2);
      await limits().refund('login', T0 + 7_000, MINUTE);
      expect((await limits().hit('login', T0 + MINUTE + 1, MINUTE, 2)).count).toBe(2);
      await expect(limits().refund('never-hit', T0, MINUTE)).resolves.toBeUndefined();
    });

    it('supports windows of any length (per second, per hour)', async () => {
      expect((await limits().hit('s', T0 + 999, 1_000, 1)).retryAfterMs).toBe(1);
      expect((await limits().hit('s', T0 + 1_000, 1_000, 1)).count).toBe(1);
      for (let i = 0; i < 3; i += 1) await limits().hit('h', T0 + i * 10 * MINUTE, 60 * MINUTE, 10);
      expect(await limits().hit('h', T0 + 59 * MINUTE, 60 * MINUTE, 10)).toEqual({ allowed: true, count: 4, retryAfterMs: MINUTE });
    });
  });
}
