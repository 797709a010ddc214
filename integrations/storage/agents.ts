/** People who work the consoles: hotline agents and administrators. */
export type AgentRole = 'agent' | 'admin';

export interface AgentAccount {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: AgentRole;
  /** scrypt$N$r$p$salt$hash */
  readonly passwordHash: string;
  readonly disabled: boolean;
  readonly createdAt: number;
}

export interface AgentSession {
  /** sha256 of the cookie token; the token itself is never stored. */
  readonly tokenHash: string;
  readonly agentId: string;
  /** sha256 of the session's CSRF token (derived from the cookie token by AgentAuth); the token itself is never stored. */
  readonly csrfTokenHash: string;
  readonly createdAt: number;
  readonly lastSeenAt: number;
  readonly expiresAt: number;
}

export class DuplicateAgentError extends Error {
  readonly code = 'AGENT_EXISTS' as const;
  constructor(username: string) {
    super(`an agent named "${username}" already exists`);
    this.name = 'DuplicateAgentError';
  }
}

export interface AgentStore {
  /** @throws DuplicateAgentError when the username is taken. */
  create(account: Omit<AgentAccount, 'id' | 'disabled'>): Promise<AgentAccount>;
  byUsername(username: string): Promise<AgentAccount | undefined>;
  byId(id: string): Promise<AgentAccount | undefined>;
  list(): Promise<AgentAccount[]>;
  setPassword(id: string, passwordHash: string): Promise<void>;
  setDisabled(id: string, disabled: boolean): Promise<void>;
  createSession(session: AgentSession): Promise<void>;
  session(tokenHash: string): Promise<AgentSession | undefined>;
  touchSession(tokenHash: string, lastSeenAt: number): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Ends every session of an account but `exceptTokenHash` (a password change keeps the session that made it); returns how many. */
  deleteSessionsOf(agentId: string, exceptTokenHash?: string): Promise<number>;
  deleteExpiredSessions(now: number): Promise<number>;
}
