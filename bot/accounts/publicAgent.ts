import type { AgentAccount } from '../../integrations/storage/agents';

/** A console account as the consoles are shown it: never its password hash, sessions or state. */
export function publicAgent(a: AgentAccount): { id: string; username: string; displayName: string; role: string } {
  return { id: a.id, username: a.username, displayName: a.displayName, role: a.role };
}
