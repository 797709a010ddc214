import Database from 'better-sqlite3';
import { StorageUnavailableError } from '../../../../integrations/storage/errors';
import { SqliteSharedTokens } from '../../../../integrations/storage/sqlite/SqliteSharedTokens';

const NAME = 'wechat:wx2c2769f8efd9abc2';
const LEASE = 15_000;

describe('SqliteSharedTokens', () => {
  let db: Database.Database;
  let tokens: SqliteSharedTokens;

  beforeEach(() => {
    db = new Database(':memory:');
    tokens = new SqliteSharedTokens(db);
  });
  afterEach(() => {
    if (db.open) db.close();
  });

  it('reads nothing for an unknown token', async () => {
    expect(await tokens.read(NAME)).toBeUndefined();
  });

  it('save stores the value and expiry, which read returns', async () => {
    await tokens.save(NAME, 'token-1', 7_200_000);
    expect(await tokens.read(NAME)).toEqual({ name: NAME, value: 'token-1', expiresAt: 7_200_000 });
    await tokens.save(NAME, 'token-2', 9_000_000);
    expect(await tokens.read(NAME)).toEqual({ name: NAME, value: 'token-2', expiresAt: 9_000_000 });
  });

  it('the lease is exclusive until it expires', async () => {
    expect(await tokens.tryLease(NAME, 'process-a', 1000, LEASE)).toBe(true);
    expect(await tokens.tryLease(NAME, 'process-b', 1001, LEASE)).toBe(false);
    expect(await tokens.tryLease(NAME, 'process-b', 1000 + LEASE - 1, LEASE)).toBe(false);
    expect(await tokens.tryLease(NAME, 'process-b', 1000 + LEASE, LEASE)).toBe(true);
    expect(await tokens.tryLease(NAME, 'process-a', 1000 + LEASE + 1, LEASE)).toBe(false);
  });

  it('the same holder may renew its lease, which extends it', async () => {
    expect(await tokens.tryLease(NAME, 'process-a', 1000, LEASE)).toBe(true);
    expect(await tokens.tryLease(NAME, 'process-a', 10_000, LEASE)).toBe(true);
    expect(await tokens.tryLease(NAME, 'process-b', 1000 + LEASE, LEASE)).toBe(false);
    expect(await tokens.tryLease(NAME, 'process-b', 10_000 + LEASE, LEASE)).toBe(true);
  });

  it('leases of different tokens are independent', async () => {
    expect(await tokens.tryLease(NAME, 'process-a', 1000, LEASE)).toBe(true);
    expect(await tokens.tryLease('wechat:other-app', 'process-b', 1000, LEASE)).toBe(true);
  });

  it('save releases the lease, so another process may refresh next time', async () => {
    await tokens.tryLease(NAME, 'process-a', 1000, LEASE);
    await tokens.save(NAME, 'token-1', 7_200_000);
    expect(await tokens.tryLease(NAME, 'process-b', 1001, LEASE)).toBe(true);
  });

  it('releaseLease gives the lease back at once, but only for its holder', async () => {
    await tokens.tryLease(NAME, 'process-a', 1000, LEASE);
    await tokens.releaseLease(NAME, 'process-b'); // not the holder: no effect
    expect(await tokens.tryLease(NAME, 'process-b', 1001, LEASE)).toBe(false);
    await tokens.releaseLease(NAME, 'process-a');
    expect(await tokens.tryLease(NAME, 'process-b', 1002, LEASE)).toBe(true);
  });

  it('releaseLease keeps the saved token', async () => {
    await tokens.save(NAME, 'token-1', 7_200_000);
    await tokens.tryLease(NAME, 'process-a', 1000, LEASE);
    await tokens.releaseLease(NAME, 'process-a');
    expect(await tokens.read(NAME)).toMatchObject({ value: 'token-1', expiresAt: 7_200_000 });
  });

  it('a lease alone stores no token value', async () => {
    await tokens.tryLease(NAME, 'process-a', 1000, LEASE);
    const token = await tokens.read(NAME);
    expect(token?.value).toBeUndefined();
    expect(token?.expiresAt).toBeUndefined();
  });

  it('a lease does not change a saved token', async () => {
    await tokens.save(NAME, 'token-1', 7_200_000);
    await tokens.tryLease(NAME, 'process-a', 1000, LEASE);
    expect(await tokens.read(NAME)).toMatchObject({ value: 'token-1', expiresAt: 7_200_000 });
  });

  it('invalidate forgets the token only when the value matches', async () => {
    await tokens.save(NAME, 'token-2', 7_200_000);
    await tokens.invalidate(NAME, 'token-1'); // a stale token another process already replaced
    expect(await tokens.read(NAME)).toMatchObject({ value: 'token-2', expiresAt: 7_200_000 });
    await tokens.invalidate(NAME, 'token-2');
    const token = await tokens.read(NAME);
    expect(token?.value).toBeUndefined();
    expect(token?.expiresAt).toBeUndefined();
  });

  it('invalidating an unknown token is harmless', async () => {
    await expect(tokens.invalidate('unknown', 'x')).resolves.toBeUndefined();
    expect(await tokens.read('unknown')).toBeUndefined();
  });

  it('two stores on one database share tokens and leases', async () => {
    const other = new SqliteSharedTokens(db);
    expect(await tokens.tryLease(NAME, 'process-a', 1000, LEASE)).toBe(true);
    expect(await other.tryLease(NAME, 'process-b', 1001, LEASE)).toBe(false);
    await tokens.save(NAME, 'token-1', 7_200_000);
    expect(await other.read(NAME)).toMatchObject({ value: 'token-1' });
  });

  it.each([
    ['read', (t: SqliteSharedTokens) => t.read(NAME)],
    ['tryLease', (t: SqliteSharedTokens) => t.tryLease(NAME, 'a', 1, LEASE)],
    ['save', (t: SqliteSharedTokens) => t.save(NAME, 'v', 1)],
    ['invalidate', (t: SqliteSharedTokens) => t.invalidate(NAME, 'v')],
    ['releaseLease', (t: SqliteSharedTokens) => t.releaseLease(NAME, 'a')],
  ])('%s on a closed database → StorageUnavailableError naming the store', async (_name, call) => {
    db.close();
    const attempt = call(tokens);
    await expect(attempt).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(attempt).rejects.toThrow(/^Shared tokens: SQLite failed: .*not open/);
  });
});
