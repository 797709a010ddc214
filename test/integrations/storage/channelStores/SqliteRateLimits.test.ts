import Database from 'better-sqlite3';
import { StorageUnavailableError } from '../../../../integrations/storage/errors';
import { SqliteRateLimits } from '../../../../integrations/storage/sqlite/SqliteRateLimits';

const MINUTE = 60_000;
const T0 = 1_764_000_000_000; // a whole minute

describe('SqliteRateLimits', () => {
  let db: Database.Database;
  let limits: SqliteRateLimits;

  beforeEach(() => {
    db = new Database(':memory:');
    limits = new SqliteRateLimits(db);
  });
  afterEach(() => {
    if (db.open) db.close();
  });

  it('allows `limit` hits per key per window, then refuses', async () => {
    const decisions = [];
    for (let i = 0; i < 5; i += 1) decisions.push(await limits.hit('wechat:openid-1', T0 + i * 1000, MINUTE, 3));
    expect(decisions.map((d) => [d.allowed, d.count])).toEqual([[true, 1], [true, 2], [true, 3], [false, 4], [false, 5]]);
  });

  it('starts counting again in the next window', async () => {
    for (let i = 0; i < 4; i += 1) await limits.hit('k', T0 + 10_000, MINUTE, 3);
    expect(await limits.hit('k', T0 + MINUTE - 1, MINUTE, 3)).toMatchObject({ allowed: false, count: 5 });
    expect(await limits.hit('k', T0 + MINUTE, MINUTE, 3)).toMatchObject({ allowed: true, count: 1 });
    expect(await limits.hit('k', T0 + 2 * MINUTE + 59_999, MINUTE, 3)).toMatchObject({ allowed: true, count: 1 });
  });

  it.each([
    [0, MINUTE],
    [1, MINUTE - 1],
    [15_500, 44_500],
    [MINUTE - 1, 1],
  ])('at %i ms into the window, retryAfterMs is %i', async (offset, retry) => {
    expect((await limits.hit('k', T0 + offset, MINUTE, 1)).retryAfterMs).toBe(retry);
  });

  it('retryAfterMs of a refused hit tells when the next hit is allowed', async () => {
    await limits.hit('k', T0 + 20_000, MINUTE, 1);
    const refused = await limits.hit('k', T0 + 25_000, MINUTE, 1);
    expect(refused).toMatchObject({ allowed: false, retryAfterMs: 35_000 });
    expect((await limits.hit('k', T0 + 25_000 + refused.retryAfterMs, MINUTE, 1)).allowed).toBe(true);
  });

  it('keeps keys independent', async () => {
    await limits.hit('wechat:openid-1', T0, MINUTE, 1);
    expect(await limits.hit('wechat:openid-1', T0 + 1, MINUTE, 1)).toMatchObject({ allowed: false });
    expect(await limits.hit('wechat:openid-2', T0 + 1, MINUTE, 1)).toMatchObject({ allowed: true, count: 1 });
  });

  it('a limit of 0 refuses every hit', async () => {
    expect((await limits.hit('k', T0, MINUTE, 0)).allowed).toBe(false);
  });

  it('two stores on one database share the counters', async () => {
    const other = new SqliteRateLimits(db);
    await limits.hit('k', T0, MINUTE, 2);
    await other.hit('k', T0 + 1, MINUTE, 2);
    expect(await limits.hit('k', T0 + 2, MINUTE, 2)).toMatchObject({ allowed: false, count: 3 });
  });

  it('on a closed database → StorageUnavailableError naming the store', async () => {
    db.close();
    const attempt = limits.hit('k', T0, MINUTE, 3);
    await expect(attempt).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(attempt).rejects.toThrow(/^Rate limits: SQLite failed: .*not open/);
  });
});
