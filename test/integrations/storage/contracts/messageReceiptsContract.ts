import type { MessageReceipts } from '../../../../integrations/storage/messageReceipts';
import { T0, useSubject, type PortFactory } from './portContract';

/** What every MessageReceipts adapter must do: one claim per key across processes, then a single outcome. */
export function runMessageReceiptsContract(name: string, make: PortFactory<MessageReceipts>): void {
  describe(`MessageReceipts contract: ${name}`, () => {
    const subject = useSubject(make);
    const receipts = (): MessageReceipts => subject().store;

    it('lets the first copy claim a key; later copies get its receipt instead', async () => {
      expect(await receipts().claim('wx:1', T0)).toEqual({ claimed: true });
      expect(await receipts().claim('wx:1', T0 + 5_000)).toEqual({
        claimed: false,
        receipt: { key: 'wx:1', status: 'processing', createdAt: T0 },
      });
      expect(await receipts().read('wx:1')).toEqual({ key: 'wx:1', status: 'processing', createdAt: T0 });
    });

    it('reads nothing for a key never claimed', async () => {
      expect(await receipts().read('never')).toBeUndefined();
    });

    it('treats keys as exact strings', async () => {
      const keys = ['wx:1', 'WX:1', 'wx:1 ', 'wx:10', '微信:1', "it's"];
      for (const key of keys) expect(await receipts().claim(key, T0)).toEqual({ claimed: true });
      for (const key of keys) expect((await receipts().read(key))?.key).toBe(key);
    });

    it('gives the claim to exactly one of many concurrent copies', async () => {
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => receipts().claim('wx:race', T0 + i)));
      expect(results.filter((r) => r.claimed)).toHaveLength(1);
      for (const r of results) if (!r.claimed) expect(r.receipt).toMatchObject({ key: 'wx:race', status: 'processing' });
    });

    it('completes a processing receipt with its reply once; copies then read the reply', async () => {
      const reply = '<xml><Content><![CDATA[您的科目二考试已预约：2026年11月25日 09:00]]></Content></xml>';
      await receipts().claim('wx:1', T0);
      expect(await receipts().completeReplied('wx:1', reply)).toBe(true);
      expect(await receipts().read('wx:1')).toEqual({ key: 'wx:1', status: 'replied', reply, createdAt: T0 });
      expect(await receipts().claim('wx:1', T0 + 1)).toEqual({
        claimed: false,
        receipt: { key: 'wx:1', status: 'replied', reply, createdAt: T0 },
      });
      expect(await receipts().completeReplied('wx:1', 'another reply')).toBe(false);
      expect((await receipts().read('wx:1'))?.reply).toBe(reply);
    });

    it('refuses a reply once the receipt was deferred, and writes nothing', async () => {
      await receipts().claim('wx:1', T0);
      expect(await receipts().defer('wx:1')).toBe(true);
      expect(await receipts().completeReplied('wx:1', 'too late')).toBe(false);
      expect(await receipts().read('wx:1')).toEqual({ key: 'wx:1', status: 'deferred', createdAt: T0 });
    });

    it('defers: true for this call and any later one, false once the receipt was replied', async () => {
      await receipts().claim('a', T0);
      expect(await receipts().defer('a')).toBe(true);
      expect(await receipts().defer('a')).toBe(true);
      await receipts().claim('b', T0);
      await receipts().completeReplied('b', 'done');
      expect(await receipts().defer('b')).toBe(false);
      expect((await receipts().read('b'))?.status).toBe('replied');
    });

    it('lets exactly one of a concurrent reply and defer win', async () => {
      await receipts().claim('wx:1', T0);
      const [replied, deferred] = await Promise.all([receipts().completeReplied('wx:1', 'r'), receipts().defer('wx:1')]);
      expect(replied).not.toBe(deferred);
      expect((await receipts().read('wx:1'))?.status).toBe(replied ? 'replied' : 'deferred');
    });

    it('lets exactly one caller take over a receipt left processing before the cut-off, and no other', async () => {
      await receipts().claim('orphan', T0);
      await receipts().claim('young', T0 + 9_000);
      await receipts().claim('done', T0);
      await receipts().completeReplied('done', 'r');
      const cut = T0 + 6_000;
      const takers = await Promise.all([1, 2, 3].map(() => receipts().reclaim('orphan', cut, T0 + 10_000)));
      expect(takers.filter(Boolean)).toHaveLength(1);
      expect(await receipts().read('orphan')).toEqual({ key: 'orphan', status: 'processing', createdAt: T0 + 10_000 });
      expect(await receipts().reclaim('orphan', cut, T0 + 11_000)).toBe(false);
      expect(await receipts().reclaim('young', cut, T0 + 10_000)).toBe(false);
      expect(await receipts().reclaim('done', cut, T0 + 10_000)).toBe(false);
      expect(await receipts().reclaim('nope', cut, T0 + 10_000)).toBe(false);
    });

    it('changes nothing for an unknown key', async () => {
      expect(await receipts().completeReplied('nope', 'r')).toBe(false);
      expect(await receipts().defer('nope')).toBe(false);
      expect(await receipts().read('nope')).toBeUndefined();
    });

    it('prunes receipts created before the cut-off only, and counts them', async () => {
      await receipts().claim('old', T0);
      await receipts().claim('edge', T0 + 1_000);
      await receipts().claim('new', T0 + 2_000);
      expect(await receipts().prune(T0 + 1_000)).toBe(1);
      expect(await receipts().read('old')).toBeUndefined();
      expect(await receipts().read('edge')).toBeDefined();
      expect(await receipts().prune(T0 + 1_000)).toBe(0);
      expect(await receipts().prune(T0 + 10_000)).toBe(2);
      expect(await receipts().claim('old', T0 + 20_000)).toEqual({ claimed: true });
    });
  });
}
