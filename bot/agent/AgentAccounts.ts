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

/** Creating and managing console accounts (the admin command and the admin API use this); audited. */
export class AgentAccounts {
  constructor(private readonly store: AgentStore, private readonly audit: AuditLog, private readonly now: () => number = Date.now) {}

  /** @throws InvalidAgentError for a bad username, name, role or password; DuplicateAgentError when taken. */
  async create(input: NewAgent, actor = 'cli'): Promise<AgentAccount> {
    const username = input.username.trim().toLowerCase();
    if (!/^[a-z0-9][a-z0-9._-]{2,31}$/.test(username)) throw new InvalidAgentError('the username must be 3-32 letters, digits, ".", "_" or "-"');
    const displayName = input.displayName.trim();
    if (!displayName || Array.from(displayName).length > 20) throw new InvalidAgentError('the display name must have 1-20 characters');
    if (input.role !== 'agent' && input.role !== 'admin') throw new InvalidAgentError('the role must be "agent" or "admin"');
    const problem = passwordProblem(input.password);
    if (problem) throw new InvalidAgentError(problem);
    const account = await this.store.create({
      username, displayName, role: input.role, passwordHash: await hashPassword(input.password), createdAt: this.now(),
    });
    await this.audit.append({ at: this.now(), actor, action: 'agent.create', target: account.id, details: { username, role: input.role } });
    return account;
  }
}
