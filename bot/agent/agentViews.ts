import type { AgentStore } from '../../integrations/storage/agents';
import type { HandoffRecord } from '../../integrations/storage/handoffs';

/** A handoff as the console shows it: the citizen is already masked; no conversation reference leaves the server. */
export interface HandoffSummary {
  id: string;
  status: HandoffRecord['status'];
  reason: HandoffRecord['reason'];
  priority: number;
  channel: string;
  citizen: HandoffRecord['citizen'];
  intents: readonly string[];
  createdAt: string;
  acceptedAt?: string;
  closedAt?: string;
  outcome?: string;
  agent?: { id: string; displayName: string };
  waitingSeconds: number;
  callbackRequested: boolean;
}

export async function summarize(r: HandoffRecord, agents: AgentStore, now: number): Promise<HandoffSummary> {
  const owner = r.agentId ? await agents.byId(r.agentId) : undefined;
  const waitedUntil = r.acceptedAt ?? (r.status === 'waiting' ? now : r.closedAt ?? now);
  return {
    id: r.id, status: r.status, reason: r.reason, priority: r.priority, channel: r.channelId, citizen: r.citizen, intents: r.intents,
    createdAt: new Date(r.createdAt).toISOString(),
    acceptedAt: r.acceptedAt ? new Date(r.acceptedAt).toISOString() : undefined,
    closedAt: r.closedAt ? new Date(r.closedAt).toISOString() : undefined,
    outcome: r.outcome,
    agent: owner ? { id: owner.id, displayName: owner.displayName } : undefined,
    waitingSeconds: Math.max(0, Math.round((waitedUntil - r.createdAt) / 1000)),
    callbackRequested: r.callbackRequested,
  };
}
