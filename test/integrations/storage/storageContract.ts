import type { Storage, StoreItems } from 'botbuilder';

/**
 * The behaviour every botbuilder Storage adapter of this project must show: botbuilder's own MemoryStorage
 * semantics. Called by each adapter's test file (MemoryStorage itself, SQLite, and later MongoDB).
 */
export interface StorageContractSubject {
  storage: Storage;
  close(): Promise<void>;
}

export interface StorageContractOptions {
  /**
   * Whether a write that hits an eTag conflict stores nothing of its batch (default true: SQLite, MongoDB).
   * botbuilder's MemoryStorage is not atomic: it still stores the batch's other items.
   */
  atomicBatches?: boolean;
}

/** The conflict message botbuilder's MemoryStorage uses; our adapters throw StorageConflictError with the same text. */
export function conflictMessage(key: string): RegExp {
  return new RegExp(`^Storage: error writing "${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" due to eTag conflict\\.$`);
}

interface Counter {
  count: number;
  eTag?: string;
}

async function readOne(storage: Storage, key: string): Promise<StoreItems[string]> {
  const items = await storage.read([key]);
  return items[key];
}

async function eTagOf(storage: Storage, key: string): Promise<string> {
  const item = (await readOne(storage, key)) as { eTag?: unknown } | undefined;
  if (typeof item?.eTag !== 'string') throw new Error(`no eTag stored for "${key}"`);
  return item.eTag;
}

export function runStorageContract(
  name: string,
  make: () => Promise<StorageContractSubject>,
  options: StorageContractOptions = {},
): void {
  const atomicBatches = options.atomicBatches ?? true;

  describe(`Storage contract: ${name}`, () => {
    let subject: StorageContractSubject;
    let storage: Storage;

    beforeEach(async () => {
      subject = await make();
      storage = subject.storage;
    });

    afterEach(async () => {
      await subject.close();
    });

    describe('read', () => {
      it('returns an empty object for keys never written', async () => {
        expect(await storage.read(['missing', 'also-missing'])).toEqual({});
        expect(await storage.read([])).toEqual({});
      });

      it('returns only the keys that exist', async () => {
        await storage.write({ present: { count: 1 } });
        const items = await storage.read(['absent', 'present']);
        expect(Object.keys(items)).toEqual(['present']);
        expect(items.present).toMatchObject({ count: 1 });
      });

      it('rejects without keys', async () => {
        await expect(storage.read(undefined as unknown as string[])).rejects.toThrow(ReferenceError);
      });
    });

    describe('write and read back', () => {
      it('round-trips nested values', async () => {
        const value = { user: { name: '李娜', points: 6 }, list: [1, 'two', { three: 3 }], flag: true, none: null };
        await storage.write({ 'conv/1': value });
        const read = await readOne(storage, 'conv/1');
        expect(read).toEqual({ ...value, eTag: expect.any(String) });
      });

      it('hands out copies: mutating what was read changes nothing stored', async () => {
        await storage.write({ k: { nested: { list: [1, 2] }, count: 1 } });
        const first = (await readOne(storage, 'k')) as { nested: { list: number[] }; count: number };
        first.nested.list.push(3);
        first.count = 99;
        const second = await readOne(storage, 'k');
        expect(second).toMatchObject({ nested: { list: [1, 2] }, count: 1 });
        expect(second).not.toBe(first);
      });

      it('keeps a copy of what was written: later changes to the caller object are not stored', async () => {
        const value = { nested: { list: [1, 2] } };
        await storage.write({ k: value });
        value.nested.list.push(3);
        expect(await readOne(storage, 'k')).toMatchObject({ nested: { list: [1, 2] } });
      });

      it('does not modify the object it is given', async () => {
        const value: Counter = { count: 1, eTag: '*' };
        await storage.write({ k: value });
        expect(value).toEqual({ count: 1, eTag: '*' });
      });

      it('stores JSON: dates come back as ISO strings, undefined fields are dropped', async () => {
        await storage.write({ k: { at: new Date('2026-11-25T01:02:03.000Z'), gone: undefined } });
        const read = (await readOne(storage, 'k')) as Record<string, unknown>;
        expect(read.at).toBe('2026-11-25T01:02:03.000Z');
        expect('gone' in read).toBe(false);
      });

      it('writes several keys in one call', async () => {
        await storage.write({ a: { count: 1 }, b: { count: 2 } });
        const items = await storage.read(['a', 'b']);
        expect(items.a).toMatchObject({ count: 1 });
        expect(items.b).toMatchObject({ count: 2 });
      });

      it('rejects without changes', async () => {
        await expect(storage.write(undefined as unknown as StoreItems)).rejects.toThrow(ReferenceError);
      });
    });

    describe('eTags', () => {
      it('assigns an eTag on write and a different one on every write', async () => {
        const seen: string[] = [];
        for (let i = 0; i < 5; i += 1) {
          await storage.write({ k: { count: i } });
          seen.push(await eTagOf(storage, 'k'));
        }
        expect(seen.every((e) => e.length > 0 && e !== '*')).toBe(true);
        expect(new Set(seen).size).toBe(seen.length);
      });

      it('gives different keys written together different eTags', async () => {
        await storage.write({ a: { count: 1 }, b: { count: 1 } });
        expect(await eTagOf(storage, 'a')).not.toBe(await eTagOf(storage, 'b'));
      });

      it('accepts a write carrying the current eTag and replaces the eTag', async () => {
        await storage.write({ k: { count: 1 } });
        const current = (await readOne(storage, 'k')) as Counter;
        await storage.write({ k: { ...current, count: 2 } });
        const after = (await readOne(storage, 'k')) as Counter;
        expect(after.count).toBe(2);
        expect(after.eTag).not.toBe(current.eTag);
      });

      it('rejects a stale eTag with the conflict error and keeps the stored item', async () => {
        await storage.write({ k: { count: 1 } });
        const stale = (await readOne(storage, 'k')) as Counter;
        await storage.write({ k: { ...stale, count: 2 } });
        const stored = await readOne(storage, 'k');

        await expect(storage.write({ k: { ...stale, count: 3 } })).rejects.toThrow(conflictMessage('k'));
        expect(await readOne(storage, 'k')).toEqual(stored);
      });

      it('rejects a made-up eTag for an existing key', async () => {
        await storage.write({ k: { count: 1 } });
        await expect(storage.write({ k: { count: 2, eTag: 'not-the-etag' } })).rejects.toThrow(conflictMessage('k'));
        expect(await readOne(storage, 'k')).toMatchObject({ count: 1 });
      });

      it(
        atomicBatches
          ? 'stores nothing of a batch that has a conflict'
          : 'does not store the conflicting item of a batch',
        async () => {
          await storage.write({ existing: { count: 1 }, k: { count: 1 } });
          const existingBefore = await readOne(storage, 'existing');
          const stale = (await readOne(storage, 'k')) as Counter;
          await storage.write({ k: { ...stale, count: 2 } });
          const kBefore = await readOne(storage, 'k');

          await expect(
            storage.write({
              fresh: { count: 1 },
              existing: { count: 2 },
              k: { ...stale, count: 3 },
              later: { count: 1 },
            }),
          ).rejects.toThrow(conflictMessage('k'));

          expect(await readOne(storage, 'k')).toEqual(kBefore);
          if (atomicBatches) {
            expect(await storage.read(['fresh', 'later'])).toEqual({});
            expect(await readOne(storage, 'existing')).toEqual(existingBefore);
          }
        },
      );

      it("overwrites whatever is stored when the eTag is '*'", async () => {
        await storage.write({ k: { count: 1 } });
        await storage.write({ k: { count: 2 } });
        await storage.write({ k: { count: 3, eTag: '*' } });
        expect(await readOne(storage, 'k')).toMatchObject({ count: 3 });
      });

      it('overwrites whatever is stored when there is no eTag (or an empty one)', async () => {
        await storage.write({ k: { count: 1 } });
        const stale = (await readOne(storage, 'k')) as Counter;
        await storage.write({ k: { ...stale, count: 2 } });
        await storage.write({ k: { count: 3 } });
        expect(await readOne(storage, 'k')).toMatchObject({ count: 3 });
        await storage.write({ k: { count: 4, eTag: '' } });
        expect(await readOne(storage, 'k')).toMatchObject({ count: 4 });
      });

      it('creates a missing key even when the item carries an eTag', async () => {
        await storage.write({ k: { count: 1, eTag: 'from-somewhere-else' } });
        const read = (await readOne(storage, 'k')) as Counter;
        expect(read.count).toBe(1);
        expect(read.eTag).not.toBe('from-somewhere-else');
      });

      it('lets exactly one of two concurrent writes with the same eTag win', async () => {
        await storage.write({ k: { count: 0 } });
        const base = (await readOne(storage, 'k')) as Counter;
        const results = await Promise.allSettled([
          storage.write({ k: { ...base, count: 1, by: 'first' } }),
          storage.write({ k: { ...base, count: 1, by: 'second' } }),
        ]);
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(String((lost[0].reason as Error).message)).toMatch(conflictMessage('k'));
        const winner = results[0].status === 'fulfilled' ? 'first' : 'second';
        expect(await readOne(storage, 'k')).toMatchObject({ count: 1, by: winner });
      });

      it('lets exactly one of many concurrent writers win', async () => {
        await storage.write({ k: { count: 0 } });
        const base = (await readOne(storage, 'k')) as Counter;
        const results = await Promise.allSettled(
          Array.from({ length: 10 }, (_, i) => storage.write({ k: { ...base, count: i + 1 } })),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const winner = results.findIndex((r) => r.status === 'fulfilled') + 1;
        expect(await readOne(storage, 'k')).toMatchObject({ count: winner });
      });
    });

    describe('delete', () => {
      it('removes the given keys and leaves the others', async () => {
        await storage.write({ a: { count: 1 }, b: { count: 2 }, c: { count: 3 } });
        await storage.delete(['a', 'c']);
        const items = await storage.read(['a', 'b', 'c']);
        expect(Object.keys(items)).toEqual(['b']);
      });

      it('ignores keys that do not exist', async () => {
        await expect(storage.delete(['never-written'])).resolves.toBeUndefined();
        await expect(storage.delete([])).resolves.toBeUndefined();
      });

      it('accepts a write with the old eTag after a delete (the key is new again)', async () => {
        await storage.write({ k: { count: 1 } });
        const old = (await readOne(storage, 'k')) as Counter;
        await storage.delete(['k']);
        await storage.write({ k: { ...old, count: 2 } });
        expect(await readOne(storage, 'k')).toMatchObject({ count: 2 });
      });
    });

    describe('values and keys', () => {
      it('keeps Chinese text, emoji and characters JSON must escape', async () => {
        const value = {
          text: '您好，我想预约科目二考试 🚗',
          tricky: 'quote " backslash \\ newline \n tab \t nul \u0000 ',
          '键名': '值',
        };
        await storage.write({ k: value });
        expect(await readOne(storage, 'k')).toEqual({ ...value, eTag: expect.any(String) });
      });

      it('keeps large values whole', async () => {
        const big = '交'.repeat(1_000_000);
        const list = Array.from({ length: 10_000 }, (_, i) => ({ i, s: `第${i}条` }));
        await storage.write({ k: { big, list } });
        const read = (await readOne(storage, 'k')) as { big: string; list: { i: number; s: string }[] };
        expect(read.big.length).toBe(1_000_000);
        expect(read.big).toBe(big);
        expect(read.list).toEqual(list);
      });

      it('treats keys with odd characters as distinct, exact keys', async () => {
        const keys = [
          'emulator/conversations/a b/c',
          "it's",
          'quote"d',
          'back\\slash',
          'new\nline',
          '中文键',
          '😀',
          'percent%20_under',
          'Case',
          'case',
          ' padded ',
          '',
        ];
        const changes: StoreItems = {};
        keys.forEach((key, i) => {
          changes[key] = { count: i };
        });
        await storage.write(changes);
        const items = await storage.read(keys);
        expect(Object.keys(items).sort()).toEqual([...keys].sort());
        keys.forEach((key, i) => expect(items[key]).toMatchObject({ count: i }));
        expect(await storage.read(['padded', 'CASE', 'percent%20'])).toEqual({});
      });
    });
  });
}
