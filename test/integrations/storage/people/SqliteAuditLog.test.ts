import Database from 'better-sqlite3';
import type { AuditEntry } from '../../../../integrations/storage/auditLog';
import { StorageUnavailableError } from '../../../../integrations/storage/errors';
import { SqliteAuditLog } from '../../../../integrations/storage/sqlite/SqliteAuditLog';

const ID = '320583198512240024';
const PHONE = '13812345678';
const VIN = 'LSVAU2187N2123456';

describe('SqliteAuditLog', () => {
  let db: Database.Database;
  let log: SqliteAuditLog;

  beforeEach(() => {
    db = new Database(':memory:');
    log = new SqliteAuditLog(db);
  });
  afterEach(() => {
    if (db.open) db.close();
  });

  const entries: AuditEntry[] = [
    { at: 1, actor: 'cli', action: 'agent.create', target: 'agent-a', details: { username: 'alice', role: 'admin' } },
    { at: 2, actor: 'agent-a', action: 'agent.login' },
    { at: 3, actor: 'agent-a', action: 'handoff.accept', target: 'h-1' },
    { at: 4, actor: 'agent-b', action: 'agent.login' },
    { at: 5, actor: 'agent-a', action: 'handoff.close', target: 'h-1', details: { outcome: 'resolved' } },
    { at: 6, actor: 'system', action: 'handoff.expire', target: 'h-2' },
  ];

  async function appendAll(): Promise<void> {
    for (const e of entries) await log.append(e);
  }

  it('returns entries newest first with increasing ids, absent target and details left out', async () => {
    await appendAll();
    const recent = await log.recent(10);
    expect(recent.map((e) => e.at)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(recent.map((e) => e.id)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(recent[4]).toEqual({ id: 2, at: 2, actor: 'agent-a', action: 'agent.login', target: undefined, details: undefined });
    expect(recent[5]).toEqual({ id: 1, ...entries[0] });
  });

  it('orders by insertion, not by the time given', async () => {
    await log.append({ at: 500, actor: 'a', action: 'x' });
    await log.append({ at: 100, actor: 'a', action: 'y' });
    expect((await log.recent(5)).map((e) => e.action)).toEqual(['y', 'x']);
  });

  // Filtering by actor, action and target: the audit-log contract (contracts/auditLogContract.ts, run on SQLite).

  it.each([[1, [6]], [3, [6, 5, 4]], [0, []]])('limits to %i entries', async (limit, ats) => {
    await appendAll();
    expect((await log.recent(limit)).map((e) => e.at)).toEqual(ats);
  });

  it('applies the limit after the filter', async () => {
    await appendAll();
    expect((await log.recent(2, { actor: 'agent-a' })).map((e) => e.at)).toEqual([5, 3]);
  });

  it('masks ID numbers, mobile numbers and VINs in details, at any depth, keeping other values and types', async () => {
    await log.append({
      at: 1, actor: 'agent-a', action: 'handoff.note', target: 'h-1',
      details: {
        idNumber: ID, note: `车主手机${PHONE}，车架号${VIN}`, nested: { vin: VIN, list: [`身份证 ${ID}`, PHONE] },
        count: 3, ratio: 0.5, ok: true, none: null, decision: '3205831234567890',
      },
    });
    const [stored] = await log.recent(1);
    expect(stored.details).toEqual({
      idNumber: '320583********0024', note: '车主手机138****5678，车架号LSV**********3456',
      nested: { vin: 'LSV**********3456', list: ['身份证 320583********0024', '138****5678'] },
      count: 3, ratio: 0.5, ok: true, none: null, decision: '3205831234567890',
    });

    const raw = db.prepare('SELECT details FROM audit_log').all() as { details: string }[];
    const text = raw.map((r) => r.details).join('\n');
    expect(text).not.toContain(ID);
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain(VIN);
    expect(text).toContain('"count":3');
    expect(text).toContain('"ok":true');
  });

  it('stores a null details column when there are none', async () => {
    await log.append({ at: 1, actor: 'cli', action: 'x' });
    expect(db.prepare('SELECT target, details FROM audit_log').get()).toEqual({ target: null, details: null });
  });

  it('shares the people migration with the other people stores', () => {
    new SqliteAuditLog(db);
    expect(db.prepare("SELECT version FROM schema_migrations WHERE scope = 'people'").all()).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }]);
  });

  it.each<[string, (l: SqliteAuditLog) => Promise<unknown>]>([
    ['append', (l) => l.append({ at: 1, actor: 'cli', action: 'x' })],
    ['recent', (l) => l.recent(5)],
  ])('%s rejects with StorageUnavailableError when the database is closed', async (_name, call) => {
    db.close();
    await expect(call(log)).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(call(log)).rejects.toMatchObject({ message: expect.stringContaining('Audit log') });
  });
});
