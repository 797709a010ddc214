import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import { DuplicateAgentError, type AgentAccount, type AgentRole, type AgentSession, type AgentStore } from '../agents';
import { isDuplicateKey, mongoStep } from './mongoErrors';

export interface AgentDoc { _id: string; username: string; displayName: string; role: AgentRole; passwordHash: string; disabled: boolean; createdAt: number }
export interface SessionDoc { _id: string; agentId: string; csrfTokenHash: string; createdAt: number; lastSeenAt: number; expiresAt: Date }

export const agentSchema = new Schema<AgentDoc>({
  _id: { type: String, required: true },
  username: { type: String, required: true, unique: true, match: /^[a-z0-9][a-z0-9._-]{2,31}$/ },
  // Characters, not UTF-16 units (as AgentAccounts counts them): names outside the BMP are valid.
  displayName: { type: String, required: true, validate: { validator: (v: string) => Array.from(v).length <= 20, message: 'displayName must have at most 20 characters' } },
  role: { type: String, required: true, enum: ['agent', 'admin'] },
  passwordHash: { type: String, required: true, match: /^scrypt\$/ },
  disabled: { type: Boolean, required: true, default: false },
  createdAt: { type: Number, required: true },
}, { versionKey: false, strict: 'throw', strictQuery: 'throw' });

export const sessionSchema = new Schema<SessionDoc>({
  _id: { type: String, required: true, match: /^[0-9a-f]{64}$/ },
  agentId: { type: String, required: true, index: true },
  csrfTokenHash: { type: String, required: true },
  createdAt: { type: Number, required: true },
  lastSeenAt: { type: Number, required: true },
  expiresAt: { type: Date, required: true },
}, { versionKey: false, strict: 'throw', strictQuery: 'throw' });
// Expired sessions disappear by themselves.
sessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

const toAccount = (d: AgentDoc): AgentAccount => ({
  id: d._id, username: d.username, displayName: d.displayName, role: d.role, passwordHash: d.passwordHash, disabled: d.disabled, createdAt: d.createdAt,
});

/** Console accounts and sessions in MongoDB (unique usernames by index; sessions keyed by the token's hash). */
export class MongoAgentStore implements AgentStore {
  private readonly agents: Model<AgentDoc>;
  private readonly sessions: Model<SessionDoc>;

  constructor(conn: Connection) {
    this.agents = conn.models.Agent ?? conn.model<AgentDoc>('Agent', agentSchema, 'agents');
    this.sessions = conn.models.AgentSession ?? conn.model<SessionDoc>('AgentSession', sessionSchema, 'agent_sessions');
  }

  async create(a: Omit<AgentAccount, 'id' | 'disabled'>): Promise<AgentAccount> {
    return mongoStep('Agents', async () => {
      const doc: AgentDoc = { _id: randomUUID(), ...a, disabled: false };
      try {
        await this.agents.create(doc);
      } catch (err) {
        if (isDuplicateKey(err)) throw new DuplicateAgentError(a.username);
        throw err;
      }
      return toAccount(doc);
    });
  }

  async byUsername(username: string): Promise<AgentAccount | undefined> {
    return mongoStep('Agents', async () => {
      const d = await this.agents.findOne({ username: String(username) }).lean();
      return d ? toAccount(d) : undefined;
    });
  }

  async byId(id: string): Promise<AgentAccount | undefined> {
    return mongoStep('Agents', async () => {
      const d = await this.agents.findById(String(id)).lean();
      return d ? toAccount(d) : undefined;
    });
  }

  async list(): Promise<AgentAccount[]> {
    return mongoStep('Agents', async () => (await this.agents.find().sort({ username: 1 }).lean()).map(toAccount));
  }

  async setPassword(id: string, passwordHash: string): Promise<void> {
    await mongoStep('Agents', () => this.agents.updateOne({ _id: String(id) }, { $set: { passwordHash } }));
  }

  async setDisabled(id: string, disabled: boolean): Promise<void> {
    await mongoStep('Agents', async () => {
      await this.agents.updateOne({ _id: String(id) }, { $set: { disabled } });
      if (disabled) await this.sessions.deleteMany({ agentId: String(id) });
    });
  }

  async createSession(s: AgentSession): Promise<void> {
    await mongoStep('Agent sessions', () => this.sessions.create({
      _id: s.tokenHash, agentId: s.agentId, csrfTokenHash: s.csrfTokenHash, createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, expiresAt: new Date(s.expiresAt),
    }));
  }

  async session(tokenHash: string): Promise<AgentSession | undefined> {
    return mongoStep('Agent sessions', async () => {
      const d = await this.sessions.findById(String(tokenHash)).lean();
      return d ? { tokenHash: d._id, agentId: d.agentId, csrfTokenHash: d.csrfTokenHash, createdAt: d.createdAt, lastSeenAt: d.lastSeenAt, expiresAt: d.expiresAt.getTime() } : undefined;
    });
  }

  async touchSession(tokenHash: string, lastSeenAt: number): Promise<void> {
    await mongoStep('Agent sessions', () => this.sessions.updateOne({ _id: String(tokenHash) }, { $set: { lastSeenAt } }));
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await mongoStep('Agent sessions', () => this.sessions.deleteOne({ _id: String(tokenHash) }));
  }

  async deleteSessionsOf(agentId: string, exceptTokenHash?: string): Promise<number> {
    const filter = exceptTokenHash === undefined
      ? { agentId: String(agentId) }
      : { agentId: String(agentId), _id: { $ne: String(exceptTokenHash) } };
    return mongoStep('Agent sessions', async () => (await this.sessions.deleteMany(filter)).deletedCount);
  }

  async deleteExpiredSessions(now: number): Promise<number> {
    return mongoStep('Agent sessions', async () => (await this.sessions.deleteMany({ expiresAt: { $lte: new Date(now) } })).deletedCount);
  }
}
