import { createHash } from 'node:crypto';
import { DuplicateAgentError, type AgentAccount, type AgentSession, type AgentStore } from '../../../../integrations/storage/agents';
import { T0, useSubject, type PortFactory } from './portContract';

type NewAccount = Omit<AgentAccount, 'id' | 'disabled'>;

function account(username: string, role: 'agent' | 'admin' = 'agent'): NewAccount {
  return { username, displayName: `${username.slice(0, 8)} 坐席`, role, passwordHash: `scrypt$32768$8$1$salt-${username}$hash`, createdAt: T0 };
}

/** Sessions are keyed by the sha256 (hex) of the cookie token, as AgentAuth stores them. */
const hashOf = (token: string): string => createHash('sha256').update(token).digest('hex');

function session(token: string, agentId: string, expiresAt = T0 + 3_600_000): AgentSession {
  return { tokenHash: hashOf(token), agentId, csrfTokenHash: hashOf(`csrf-${token}`), createdAt: T0, lastSeenAt: T0, expiresAt };
}

/** What every AgentStore adapter must do: unique usernames, sessions keyed by the token hash. */
export function runAgentStoreContract(name: string, make: PortFactory<AgentStore>): void {
  describe(`AgentStore contract: ${name}`, () => {
    const subject = useSubject(make);
    const store = (): AgentStore => subject().store;

    it('creates an enabled account with a fresh id, found by username and by id', async () => {
      const alice = await store().create(account('alice', 'admin'));
      expect(alice).toEqual({ ...account('alice', 'admin'), id: expect.any(String), disabled: false });
      expect(await store().byUsername('alice')).toEqual(alice);
      expect(await store().byId(alice.id)).toEqual(alice);
      expect((await store().create(account('bob'))).id).not.toBe(alice.id);
      expect(await store().byUsername('carol')).toBeUndefined();
      expect(await store().byId('no-such-id')).toBeUndefined();
    });

    it('rejects a taken username with DuplicateAgentError (code AGENT_EXISTS) and keeps the first account', async () => {
      const first = await store().create(account('alice', 'admin'));
      const error = await store().create({ ...account('alice'), displayName: '冒名者' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DuplicateAgentError);
      expect(error).toMatchObject({ code: 'AGENT_EXISTS', message: 'an agent named "alice" already exists' });
      expect(await store().byUsername('alice')).toEqual(first);
      expect(await store().list()).toHaveLength(1);
    });

    it('creates a username once when several processes try at the same time', async () => {
      const results = await Promise.allSettled(Array.from({ length: 5 }, () => store().create(account('dave'))));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(DuplicateAgentError);
      expect(await store().list()).toHaveLength(1);
    });

    it('lists accounts by username', async () => {
      for (const u of ['carol', 'alice', 'bob.li', 'a_1']) await store().create(account(u));
      expect((await store().list()).map((a) => a.username)).toEqual(['a_1', 'alice', 'bob.li', 'carol']);
    });

    it('changes a password and enables or disables an account', async () => {
      const alice = await store().create(account('alice'));
      await store().setPassword(alice.id, 'scrypt$32768$8$1$new$hash');
      expect((await store().byId(alice.id))?.passwordHash).toBe('scrypt$32768$8$1$new$hash');
      await store().setDisabled(alice.id, true);
      expect((await store().byUsername('alice'))?.disabled).toBe(true);
      await store().setDisabled(alice.id, false);
      expect((await store().byId(alice.id))?.disabled).toBe(false);
      await expect(store().setPassword('no-such-id', 'scrypt$x')).resolves.toBeUndefined();
    });

    it('stores a session under the token hash and reads it back', async () => {
      const alice = await store().create(account('alice'));
      const s = session('token-1', alice.id);
      await store().createSession(s);
      expect(await store().session(s.tokenHash)).toEqual(s);
      expect(await store().session(hashOf('token-2'))).toBeUndefined();
    });

    it('touches and deletes a session', async () => {
      const alice = await store().create(account('alice'));
      const s = session('token-1', alice.id);
      await store().createSession(s);
      await store().touchSession(s.tokenHash, T0 + 60_000);
      expect(await store().session(s.tokenHash)).toEqual({ ...s, lastSeenAt: T0 + 60_000 });
      await store().deleteSession(s.tokenHash);
      expect(await store().session(s.tokenHash)).toBeUndefined();
      await expect(store().deleteSession(s.tokenHash)).resolves.toBeUndefined();
    });

    it('ends every session of an account when it is disabled, and only those', async () => {
      const alice = await store().create(account('alice'));
      const bob = await store().create(account('bob'));
      for (const [token, id] of [['a1', alice.id], ['a2', alice.id], ['b1', bob.id]] as const) await store().createSession(session(token, id));
      await store().setDisabled(alice.id, true);
      expect(await store().session(hashOf('a1'))).toBeUndefined();
      expect(await store().session(hashOf('a2'))).toBeUndefined();
      expect(await store().session(hashOf('b1'))).toBeDefined();
    });

    it('ends every session of an account but the one kept (a password change), and only that account\'s', async () => {
      const alice = await store().create(account('alice'));
      const bob = await store().create(account('bob'));
      for (const [token, id] of [['a1', alice.id], ['a2', alice.id], ['a3', alice.id], ['b1', bob.id]] as const) await store().createSession(session(token, id));
      expect(await store().deleteSessionsOf(alice.id, hashOf('a2'))).toBe(2);
      expect(await store().session(hashOf('a1'))).toBeUndefined();
      expect(await store().session(hashOf('a2'))).toBeDefined();
      expect(await store().session(hashOf('a3'))).toBeUndefined();
      expect(await store().session(hashOf('b1'))).toBeDefined();
      expect(await store().deleteSessionsOf(alice.id)).toBe(1);
      expect(await store().session(hashOf('a2'))).toBeUndefined();
      expect(await store().deleteSessionsOf('no-such-id')).toBe(0);
    });

    it('deletes sessions expired at or before a time and counts them', async () => {
      const alice = await store().create(account('alice'));
      await store().createSession(session('old', alice.id, T0 + 1_000));
      await store().createSession(session('edge', alice.id, T0 + 2_000));
      await store().createSession(session('live', alice.id, T0 + 3_000));
      expect(await store().deleteExpiredSessions(T0 + 2_000)).toBe(2);
      expect(await store().session(hashOf('live'))).toBeDefined();
      expect(await store().session(hashOf('edge'))).toBeUndefined();
      expect(await store().deleteExpiredSessions(T0 + 2_000)).toBe(0);
    });
  });
}
