import type { WebhookNonces } from '../../../../integrations/storage/webhookNonces';
import { T0, useSubject, type PortFactory } from './portContract';

const BODY_A = 'a1'.repeat(32);
const BODY_B = 'b2'.repeat(32);
const WINDOW = 600_000;

/** What every WebhookNonces adapter must do: one body per signed request while it is valid, across processes. */
export function runWebhookNoncesContract(name: string, make: PortFactory<WebhookNonces>): void {
  describe(`WebhookNonces contract: ${name}`, () => {
    const subject = useSubject(make);
    const nonces = (): WebhookNonces => subject().store;

    it('remembers a signed request: new the first time, a repeat with the same body, a conflict with another', async () => {
      expect(await nonces().check('1732500000:42:sig', BODY_A, T0, T0 + WINDOW)).toBe('new');
      expect(await nonces().check('1732500000:42:sig', BODY_A, T0 + 1_000, T0 + WINDOW)).toBe('repeat');
      expect(await nonces().check('1732500000:42:sig', BODY_B, T0 + 2_000, T0 + WINDOW)).toBe('conflict');
      // A conflict changes nothing: the first body is still the one accepted.
      expect(await nonces().check('1732500000:42:sig', BODY_A, T0 + 3_000, T0 + WINDOW)).toBe('repeat');
    });

    it('keeps keys apart, as exact strings', async () => {
      for (const key of ['k:1', 'K:1', 'k:1 ', 'k:10', "it's"]) expect(await nonces().check(key, BODY_A, T0, T0 + WINDOW)).toBe('new');
      expect(await nonces().check('k:1', BODY_B, T0, T0 + WINDOW)).toBe('conflict');
    });

    it('forgets a record once it expired: the key is new again, with any body', async () => {
      await nonces().check('k', BODY_A, T0, T0 + 5_000);
      expect(await nonces().check('k', BODY_B, T0 + 4_999, T0 + 9_999)).toBe('conflict');
      expect(await nonces().check('k', BODY_B, T0 + 5_000, T0 + 10_000)).toBe('new');
      expect(await nonces().check('k', BODY_A, T0 + 6_000, T0 + 11_000)).toBe('conflict');
      expect(await nonces().check('k', BODY_B, T0 + 6_000, T0 + 11_000)).toBe('repeat');
    });

    it('calls exactly one of many concurrent copies new, whatever their bodies', async () => {
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => nonces().check('race', i % 2 ? BODY_A : BODY_B, T0, T0 + WINDOW)));
      expect(results.filter((r) => r === 'new')).toHaveLength(1);
      const winner = results.indexOf('new') % 2 ? BODY_A : BODY_B;
      results.forEach((r, i) => {
        if (i !== results.indexOf('new')) expect(r).toBe((i % 2 ? BODY_A : BODY_B) === winner ? 'repeat' : 'conflict');
      });
    });

    it('lets exactly one of many concurrent copies renew an expired record', async () => {
      await nonces().check('old', BODY_A, T0, T0 + 1_000);
      const results = await Promise.all(Array.from({ length: 6 }, () => nonces().check('old', BODY_B, T0 + 2_000, T0 + WINDOW)));
      expect(results.filter((r) => r === 'new')).toHaveLength(1);
      expect(results.filter((r) => r === 'repeat')).toHaveLength(5);
    });

    it('prunes records that expired before the cut-off only, and counts them', async () => {
      await nonces().check('old', BODY_A, T0, T0 + 1_000);
      await nonces().check('edge', BODY_A, T0, T0 + 2_000);
      await nonces().check('live', BODY_A, T0, T0 + 3_000);
      expect(await nonces().prune(T0 + 2_000)).toBe(1);
      expect(await nonces().prune(T0 + 2_000)).toBe(0);
      expect(await nonces().check('edge', BODY_B, T0 + 1_500, T0 + 2_000)).toBe('conflict');
      expect(await nonces().prune(T0 + 10_000)).toBe(2);
      expect(await nonces().check('live', BODY_B, T0 + 1_500, T0 + 3_000)).toBe('new');
    });
  });
}
