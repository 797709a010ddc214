import type { SharedTokens } from '../../../../integrations/storage/sharedTokens';
import { T0, useSubject, type PortFactory } from './portContract';

const NAME = 'wechat:wx2c2769f8efd9abc2';
const LEASE = 15_000;

/** What every SharedTokens adapter must do: one refresh lease at a time, one current token for all processes. */
export function runSharedTokensContract(name: string, make: PortFactory<SharedTokens>): void {
  describe(`SharedTokens contract: ${name}`, () => {
    const subject = useSubject(make);
    const tokens = (): SharedTokens => subject().store;

    it('reads nothing for an unknown token', async () => {
      expect(await tokens().read(NAME)).toBeUndefined();
    });

    it('saves a token and its expiry; a later save replaces both', async () => {
      await tokens().save(NAME, 'token-1', T0 + 7_200_000);
      expect(await tokens().read(NAME)).toEqual({ name: NAME, value: 'token-1', expiresAt: T0 + 7_200_000 });
      await tokens().save(NAME, 'token-2', T0 + 9_000_000);
      expect(await tokens().read(NAME)).toEqual({ name: NAME, value: 'token-2', expiresAt: T0 + 9_000_000 });
    });

    it('keeps the lease exclusive until it expires', async () => {
      expect(await tokens().tryLease(NAME, 'process-a', T0, LEASE)).toBe(true);
      expect(await tokens().tryLease(NAME, 'process-b', T0 + 1, LEASE)).toBe(false);
      expect(await tokens().tryLease(NAME, 'process-b', T0 + LEASE - 1, LEASE)).toBe(false);
      expect(await tokens().tryLease(NAME, 'process-b', T0 + LEASE, LEASE)).toBe(true);
      expect(await tokens().tryLease(NAME, 'process-a', T0 + LEASE + 1, LEASE)).toBe(false);
    });

    it('gives the lease to exactly one of many concurrent processes, for a new and for an expired lease', async () => {
      const race = (now: number): Promise<boolean[]> =>
        Promise.all(Array.from({ length: 8 }, (_, i) => tokens().tryLease(NAME, `process-${i}`, now, LEASE)));
      expect((await race(T0)).filter(Boolean)).toHaveLength(1);
      expect((await race(T0 + LEASE)).filter(Boolean)).toHaveLength(1);
    });

    it('lets the holder renew its lease, which extends it', async () => {
      expect(await tokens().tryLease(NAME, 'process-a', T0, LEASE)).toBe(true);
      expect(await tokens().tryLease(NAME, 'process-a', T0 + 10_000, LEASE)).toBe(true);
      expect(await tokens().tryLease(NAME, 'process-b', T0 + LEASE, LEASE)).toBe(false);
      expect(await tokens().tryLease(NAME, 'process-b', T0 + 10_000 + LEASE, LEASE)).toBe(true);
    });

    it('keeps leases of different tokens independent', async () => {
      expect(await tokens().tryLease(NAME, 'process-a', T0, LEASE)).toBe(true);
      expect(await tokens().tryLease('wechat:other-app', 'process-b', T0, LEASE)).toBe(true);
    });

    it('releases the lease when a token is saved', async () => {
      await tokens().tryLease(NAME, 'process-a', T0, LEASE);
      await tokens().save(NAME, 'token-1', T0 + 7_200_000);
      expect(await tokens().tryLease(NAME, 'process-b', T0 + 1, LEASE)).toBe(true);
    });

    it('gives the lease back at once on release, but only for its holder, keeping the token', async () => {
      await tokens().save(NAME, 'token-1', T0 + 7_200_000);
      await tokens().tryLease(NAME, 'process-a', T0, LEASE);
      await tokens().releaseLease(NAME, 'process-b');
      expect(await tokens().tryLease(NAME, 'process-b', T0 + 1, LEASE)).toBe(false);
      await tokens().releaseLease(NAME, 'process-a');
      expect(await tokens().tryLease(NAME, 'process-b', T0 + 2, LEASE)).toBe(true);
      expect(await tokens().read(NAME)).toEqual({ name: NAME, value: 'token-1', expiresAt: T0 + 7_200_000 });
    });

    it('stores no value for a lease alone, and a lease leaves a saved token unchanged', async () => {
      await tokens().tryLease(NAME, 'process-a', T0, LEASE);
      expect(await tokens().read(NAME)).toMatchObject({ value: undefined, expiresAt: undefined });
      await tokens().save(NAME, 'token-1', T0 + 7_200_000);
      await tokens().tryLease(NAME, 'process-b', T0 + 1, LEASE);
      expect(await tokens().read(NAME)).toEqual({ name: NAME, value: 'token-1', expiresAt: T0 + 7_200_000 });
    });

    it('invalidates only the value it was given (a newer token survives a stale invalidation)', async () => {
      await tokens().save(NAME, 'token-2', T0 + 9_000_000);
      await tokens().invalidate(NAME, 'token-1');
      expect((await tokens().read(NAME))?.value).toBe('token-2');
      await tokens().invalidate(NAME, 'token-2');
      expect(await tokens().read(NAME)).toMatchObject({ name: NAME, value: undefined, expiresAt: undefined });
      await tokens().invalidate('unknown', 'x');
      expect(await tokens().read('unknown')).toBeUndefined();
    });
  });
}
