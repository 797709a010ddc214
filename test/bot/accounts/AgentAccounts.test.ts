import Database from 'better-sqlite3';
import { AgentAccounts, InvalidAgentError, type NewAgent } from '../../../bot/accounts/AgentAccounts';
import { verifyPassword } from '../../../bot/accounts/passwords';
import { DuplicateAgentError, type AgentRole } from '../../../integrations/storage/agents';
import { SqliteAgentStore } from '../../../integrations/storage/sqlite/SqliteAgentStore';
import { SqliteAuditLog } from '../../../integrations/storage/sqlite/SqliteAuditLog';

const NOW = 1_780_000_000_000;
const GOOD: NewAgent = { username: 'zhang.wei', password: 'a long enough password', displayName: '张伟', role: 'agent' };

const USERNAME = 'the username must be 3-32 letters, digits, ".", "_" or "-"';
const DISPLAY = 'the display name must have 1-20 characters';
const ROLE = 'the role must be "agent" or "admin"';

describe('AgentAccounts', () => {
  let db: Database.Database;
  let store: SqliteAgentStore;
  let audit: SqliteAuditLog;
  let accounts: AgentAccounts;

  beforeEach(() => {
    db = new Database(':memory:');
    store = new SqliteAgentStore(db);
    audit = new SqliteAuditLog(db);
    accounts = new AgentAccounts(store, audit, () => NOW);
  });
  afterEach(() => {
    db.close();
  });

  describe('refuses invalid input with InvalidAgentError (code AGENT_INVALID) and a message saying what to fix', () => {
    const cases: Array<[string, Partial<NewAgent>, string]> = [
      ['username of 2 characters', { username: 'ab' }, USERNAME],
      ['username of 33 characters', { username: 'a'.repeat(33) }, USERNAME],
      ['empty username', { username: '   ' }, USERNAME],
      ['username starting with "-"', { username: '-abc' }, USERNAME],
      ['username starting with "."', { username: '.abc' }, USERNAME],
      ['username with a space', { username: 'zhang wei' }, USERNAME],
      ['username with "@"', { username: 'zhang@wei' }, USERNAME],
      ['username in Chinese', { username: '张伟伟' }, USERNAME],
      ['username with full-width letters', { username: 'ｚｈａｎｇ' }, USERNAME],
      ['empty display name', { displayName: '' }, DISPLAY],
      ['blank display name', { displayName: '   ' }, DISPLAY],
      ['display name of 21 characters', { displayName: '张'.repeat(21) }, DISPLAY],
      ['role "root"', { role: 'root' as unknown as AgentRole }, ROLE],
      ['role "Admin"', { role: 'Admin' as unknown as AgentRole }, ROLE],
      ['password of 9 characters', { password: '123456789' }, 'the password must have at least 10 characters'],
      ['password of 201 characters', { password: 'x'.repeat(201) }, 'the password must have at most 200 characters'],
      ['a common password', { password: 'woaini1314' }, 'the password is one of the most common passwords (such as "123456", "woaini1314" or "password123"); choose one that is hard to guess'],
      ['a password with the username in it', { password: 'zhang.wei.2024' }, 'the password must not contain the username or the display name'],
      ['a password with the display name in it', { password: '我是张伟我的密码很长' }, 'the password must not contain the username or the display name'],
    ];
    it.each(cases)('%s', async (_label, change, message) => {
      const attempt = accounts.create({ ...GOOD, ...change });
      await expect(attempt).rejects.toBeInstanceOf(InvalidAgentError);
      await expect(accounts.create({ ...GOOD, ...change })).rejects.toMatchObject({ code: 'AGENT_INVALID', message });
      expect(await store.list()).toEqual([]);
      expect(await audit.recent(10)).toEqual([]);
    });
  });

  describe('accepts the edges of the rules', () => {
    const cases: Array<[string, Partial<NewAgent>, string]> = [
      ['username of 3 characters', { username: 'abc' }, 'abc'],
      ['username of 32 characters', { username: 'a'.repeat(32) }, 'a'.repeat(32)],
      ['username with digits, ".", "_" and "-"', { username: '9a.b_c-d' }, '9a.b_c-d'],
      ['mixed-case username with spaces around', { username: '  Zhang.WEI  ' }, 'zhang.wei'],
      ['display name of 20 characters', { displayName: '张'.repeat(20) }, 'zhang.wei'],
      ['admin role', { role: 'admin' }, 'zhang.wei'],
      ['password of exactly 10 characters', { password: 'k7#pq2mzxw' }, 'zhang.wei'],
    ];
    it.each(cases)('%s', async (_label, change, username) => {
      const created = await accounts.create({ ...GOOD, ...change });
      expect(created.username).toBe(username);
      expect(await store.byUsername(username)).toEqual(created);
    });
  });

  it('creates the account lower-cased and trimmed, enabled, with the clock time', async () => {
    const created = await accounts.create({ ...GOOD, username: ' Li.Na ', displayName: '  李娜 ', role: 'admin' });
    expect(created).toEqual({
      id: expect.any(String), username: 'li.na', displayName: '李娜', role: 'admin', passwordHash: expect.stringMatching(/^scrypt\$/),
      disabled: false, createdAt: NOW,
    });
  });

  it('stores a salted hash that verifies, never the password', async () => {
    const created = await accounts.create(GOOD);
    const raw = db.prepare('SELECT password_hash FROM agents WHERE id = ?').get(created.id) as { password_hash: string };
    expect(raw.password_hash).not.toBe(GOOD.password);
    expect(raw.password_hash).not.toContain(GOOD.password);
    expect(raw.password_hash).toBe(created.passwordHash);
    await expect(verifyPassword(GOOD.password, raw.password_hash)).resolves.toBe(true);
    await expect(verifyPassword('another password', raw.password_hash)).resolves.toBe(false);
  });

  it('writes an agent.create audit entry naming the actor, the new account and its role', async () => {
    const byCli = await accounts.create(GOOD);
    const byAdmin = await accounts.create({ ...GOOD, username: 'wang.fang', role: 'admin' }, 'admin-1');
    expect(await audit.recent(10)).toEqual([
      { id: 2, at: NOW, actor: 'admin-1', action: 'agent.create', target: byAdmin.id, details: { username: 'wang.fang', role: 'admin' } },
      { id: 1, at: NOW, actor: 'cli', action: 'agent.create', target: byCli.id, details: { username: 'zhang.wei', role: 'agent' } },
    ]);
    const raw = JSON.stringify(db.prepare('SELECT * FROM audit_log').all());
    expect(raw).not.toContain(GOOD.password);
  });

  it('refuses a username taken in any case with DuplicateAgentError, without auditing it', async () => {
    await accounts.create(GOOD);
    await expect(accounts.create({ ...GOOD, username: 'ZHANG.WEI', displayName: '另一个' })).rejects.toBeInstanceOf(DuplicateAgentError);
    expect((await store.list()).map((a) => a.displayName)).toEqual(['张伟']);
    expect(await audit.recent(10, { action: 'agent.create' })).toHaveLength(1);
  });
});
