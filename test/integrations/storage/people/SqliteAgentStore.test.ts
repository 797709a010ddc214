import Database from 'better-sqlite3';
import { DuplicateAgentError, type AgentAccount, type AgentSession } from '../../../../integrations/storage/agents';
import { StorageUnavailableError } from '../../../../integrations/storage/errors';
import { SqliteAgentStore } from '../../../../integrations/storage/sqlite/SqliteAgentStore';

function account(username: string, role: 'agent' | 'admin' = 'agent'): Omit<AgentAccount, 'id' | 'disabled'> {
  return { username, displayName: `${username} 坐席`, role, passwordHash: `scrypt$32768$8$1$salt-${username}$hash`, createdAt: 1_700_000_000_000 };
}

function session(tokenHash: string, agentId: string, expiresAt = 10_000): AgentSession {
  return { tokenHash, agentId, csrfTokenHash: `csrf-${tokenHash}`, createdAt: 1_000, lastSeenAt: 1_000, expiresAt };
}

describe('SqliteAgentStore', () => {
  let db: Database.Database;
  let store: SqliteAgentStore;

  beforeEach(() => {
    db = new Database(':memory:');
    store = new SqliteAgentStore(db);
  });
  afterEach(() => {
    if (db.open) db.close();
  });

  describe('accounts', () => {
    it('creates an enabled account with a fresh id, readable by username and id', async () => {
      const created = await store.create(account('alice', 'admin'));
      expect(created).toEqual({ ...account('alice', 'admin'), id: expect.any(String), disabled: false });
      expect(await store.byUsername('alice')).toEqual(created);
      expect(await store.byId(created.id)).toEqual(created);
      const other = await store.create(account('bob'));
      expect(other.id).not.toBe(created.id);
    });

    it('refuses a taken username with DuplicateAgentError (code AGENT_EXISTS) and keeps the first account', async () => {
      const first = await store.create(account('alice'));
      const attempt = store.create({ ...account('alice', 'admin'), displayName: 'Impostor' });
      await expect(attempt).rejects.toBeInstanceOf(DuplicateAgentError);
      await expect(store.create(account('alice'))).rejects.toMatchObject({
        code: 'AGENT_EXISTS', name: 'DuplicateAgentError', message: 'an agent named "alice" already exists',
      });
      expect(await store.list()).toEqual([first]);
    });

    it.each([['unknown username', (s: SqliteAgentStore) => s.byUsername('nobody')], ['unknown id', (s: SqliteAgentStore) => s.byId('nope')]])(
      'answers undefined for an %s',
      async (_label, read) => {
        await store.create(account('alice'));
        expect(await read(store)).toBeUndefined();
      },
    );

    it('lists every account ordered by username', async () => {
      for (const name of ['carol', 'alice', 'bob']) await store.create(account(name));
      expect((await store.list()).map((a) => a.username)).toEqual(['alice', 'bob', 'carol']);
    });

    it('changes a password hash', async () => {
      const alice = await store.create(account('alice'));
      await store.setPassword(alice.id, 'scrypt$new');
      expect((await store.byId(alice.id))?.passwordHash).toBe('scrypt$new');
    });

    it('disables an account, deleting only its sessions, and enables it again', async () => {
      const alice = await store.create(account('alice'));
      const bob = await store.create(account('bob'));
      await store.createSession(session('a1', alice.id));
      await store.createSession(session('a2', alice.id));
      await store.createSession(session('b1', bob.id));

      await store.setDisabled(alice.id, true);
      expect((await store.byId(alice.id))?.disabled).toBe(true);
      expect(await store.session('a1')).toBeUndefined();
      expect(await store.session('a2')).toBeUndefined();
      expect(await store.session('b1')).toEqual(session('b1', bob.id));

      await store.setDisabled(alice.id, false);
      expect((await store.byUsername('alice'))?.disabled).toBe(false);
      expect((await store.byId(bob.id))?.disabled).toBe(false);
    });
  });

  describe('sessions', () => {
    let agentId: string;
    beforeEach(async () => {
      agentId = (await store.create(account('alice'))).id;
    });

    it('creates and reads a session by its token hash', async () => {
      await store.createSession(session('h1', agentId));
      expect(await store.session('h1')).toEqual(session('h1', agentId));
      expect(await store.session('h2')).toBeUndefined();
    });

    it('touches only the last-seen time', async () => {
      await store.createSession(session('h1', agentId));
      await store.touchSession('h1', 5_000);
      expect(await store.session('h1')).toEqual({ ...session('h1', agentId), lastSeenAt: 5_000 });
    });

    it('deletes one session', async () => {
      await store.createSession(session('h1', agentId));
      await store.createSession(session('h2', agentId));
      await store.deleteSession('h1');
      expect(await store.session('h1')).toBeUndefined();
      expect(await store.session('h2')).toBeDefined();
    });

    it('deletes sessions expired at or before now and counts them', async () => {
      await store.createSession(session('past', agentId, 900));
      await store.createSession(session('now', agentId, 1_000));
      await store.createSession(session('future', agentId, 1_001));
      expect(await store.deleteExpiredSessions(1_000)).toBe(2);
      expect(await store.session('future')).toBeDefined();
      expect(await store.session('now')).toBeUndefined();
      expect(await store.deleteExpiredSessions(1_000)).toBe(0);
    });

    it('refuses a session of an unknown agent when foreign keys are on', async () => {
      db.pragma('foreign_keys = ON');
      await expect(store.createSession(session('h1', 'ghost'))).rejects.toBeInstanceOf(StorageUnavailableError);
    });
  });

  describe('when the database is closed', () => {
    const calls: Array<[string, (s: SqliteAgentStore) => Promise<unknown>]> = [
      ['create', (s) => s.create(account('zed'))],
      ['byUsername', (s) => s.byUsername('zed')],
      ['byId', (s) => s.byId('x')],
      ['list', (s) => s.list()],
      ['setPassword', (s) => s.setPassword('x', 'h')],
      ['setDisabled', (s) => s.setDisabled('x', true)],
      ['createSession', (s) => s.createSession(session('h', 'x'))],
      ['session', (s) => s.session('h')],
      ['touchSession', (s) => s.touchSession('h', 1)],
      ['deleteSession', (s) => s.deleteSession('h')],
      ['deleteExpiredSessions', (s) => s.deleteExpiredSessions(1)],
    ];
    it.each(calls)('%s rejects with StorageUnavailableError', async (_name, call) => {
      db.close();
      await expect(call(store)).rejects.toBeInstanceOf(StorageUnavailableError);
      await expect(call(store)).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE', message: expect.stringContaining('Agents') });
    });
  });
});
