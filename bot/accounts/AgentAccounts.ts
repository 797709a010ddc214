import type { AgentAccount, AgentRole, AgentStore } from '../../integrations/storage/agents';
import type { AuditLog } from '../../integrations/storage/auditLog';
import { hashPassword, passwordProblem } from './passwords';

export interface NewAgent {
  username: string;
  password: string;
  displayName: string;
  role: AgentRole;
}

export class InvalidAgentError extends Error {
  readonly code = 'AGENT_INVALID' as const;
}

export class UnknownAgentError extends Error {
  readonly code = 'AGENT_NOT_FOUND' as const;
  constructor() {
    super('no such agent');
  }
}

/**
 * Creating and managing console accounts (the admin command and the admin API use this); audited. A password
 * change ends the account's sessions (all of them, or all but the one that made the change); disabling an
 * account ends all of them at once.
 */
export class AgentAccounts {
  constructor(private readonly store: AgentStore, private readonly audit: AuditLog, private readonly now: () => number = Date.now) {}

  /** @throws InvalidAgentError for a bad username, name, role or password; DuplicateAgentError when taken. */
  async create(input: NewAgent, actor = 'cli'): Promise<AgentAccount> {
    const username = input.username.trim().toLowerCase();
    if (!/^[a-z0-9][a-z0-9._-]{2,31}$/.test(username)) throw new InvalidAgentError('the username must be 3-32 letters, digits, ".", "_" or "-"');
    const displayName = input.displayName.trim();
    if (!displayName || Array.from(displayName).length > 20) throw new InvalidAgentError('the display name must have 1-20 characters');
    if (input.role !== 'agent' && input.role !== 'admin') throw new InvalidAgentError('the role must be "agent" or "admin"');
    const problem = passwordProblem(input.password, { username, displayName });
    if (problem) throw new InvalidAgentError(problem);
    const account = await this.store.create({
      username, displayName, role: input.role, passwordHash: await hashPassword(input.password), createdAt: this.now(),
    });
    await this.audit.append({ at: this.now(), actor, action: 'agent.create', target: account.id, details: { username, role: input.role } });
    return account;
  }

  /**
   * Sets a new password and ends every session of the account but `keepSession` (the hash of the session that
   * changed its own password; none for a reset by an admin or the command line).
   * @returns how many sessions were ended.
   * @throws UnknownAgentError; InvalidAgentError when the password breaks the rules (passwordProblem).
   */
  async setPassword(id: string, password: string, actor = 'cli', keepSession?: string): Promise<number> {
    const account = await this.existing(id);
    const problem = passwordProblem(password, account);
    if (problem) throw new InvalidAgentError(problem);
    await this.store.setPassword(account.id, await hashPassword(password));
    const ended = await this.store.deleteSessionsOf(account.id, keepSession);
    await this.audit.append({
      at: this.now(), actor, action: 'agent.password', target: account.id, details: { username: account.username, endedSessions: ended },
    });
    return ended;
  }

  /** Disables (ending every session at once) or enables an account. @throws UnknownAgentError */
  async setDisabled(id: string, disabled: boolean, actor = 'cli'): Promise<AgentAccount> {
    const account = await this.existing(id);
    await this.store.setDisabled(account.id, disabled);
    if (disabled) await this.store.deleteSessionsOf(account.id);
    await this.audit.append({ at: this.now(), actor, action: disabled ? 'agent.disable' : 'agent.enable', target: account.id, details: { username: account.username } });
    return { ...account, disabled };
  }

  private async existing(id: string): Promise<AgentAccount> {
    const account = id ? await this.store.byId(id) : undefined;
    if (!account) throw new UnknownAgentError();
    return account;
  }
}
