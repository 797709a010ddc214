import type { AgentStore } from '../../integrations/storage/agents';
import type { HandoffEvent, HandoffRecord, HandoffStore } from '../../integrations/storage/handoffs';
import { translate } from '../../dialogs/i18n/catalog';

/** A handoff as the console shows it: the citizen is already masked; no conversation reference or citizen key leaves the server. */
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
  /** The last thing the citizen typed while waiting (masked as every handoff event). */
  lastCitizenText?: string;
  /** The agent a waiting handoff is offered to. */
  offeredTo?: { id: string; displayName: string };
  rating?: { score: number; comment?: string };
  /** The same citizen had other handoffs (GET /handoffs/:id/history). */
  hasHistory: boolean;
}

/** What summaries read besides the record (the store and the agents' names). */
export interface SummaryContext {
  agents: AgentStore;
  handoffs: HandoffStore;
  now: number;
}

const nameOf = async (agents: AgentStore, id: string | undefined): Promise<{ id: string; displayName: string } | undefined> => {
  const a = id ? await agents.byId(id) : undefined;
  return a ? { id: a.id, displayName: a.displayName } : undefined;
};

export async function summarize(r: HandoffRecord, c: SummaryContext): Promise<HandoffSummary> {
  const waitedUntil = r.acceptedAt ?? (r.status === 'waiting' ? c.now : r.closedAt ?? c.now);
  const [agent, offeredTo, events, history] = await Promise.all([
    nameOf(c.agents, r.agentId),
    r.status === 'waiting' ? nameOf(c.agents, r.offeredTo) : undefined,
    c.handoffs.eventsOf(r.id),
    c.handoffs.history(r.citizenKey, 2),
  ]);
  const beforeAccept = events.filter((e) => e.kind === 'user' && (r.acceptedAt === undefined || e.at <= r.acceptedAt));
  return {
    id: r.id, status: r.status, reason: r.reason, priority: r.priority, channel: r.channelId, citizen: r.citizen, intents: r.intents,
    createdAt: new Date(r.createdAt).toISOString(),
    acceptedAt: r.acceptedAt ? new Date(r.acceptedAt).toISOString() : undefined,
    closedAt: r.closedAt ? new Date(r.closedAt).toISOString() : undefined,
    outcome: r.outcome,
    agent,
    waitingSeconds: Math.max(0, Math.round((waitedUntil - r.createdAt) / 1000)),
    callbackRequested: r.callbackRequested,
    lastCitizenText: beforeAccept.at(-1)?.text,
    offeredTo,
    rating: r.rating ? { score: r.rating.score, ...(r.rating.comment ? { comment: r.rating.comment } : {}) } : undefined,
    hasHistory: history.some((h) => h.id !== r.id),
  };
}

/** An event of a handoff as the console lists it: who and what, with a plain Chinese sentence (`label`). */
export interface EventView { kind: HandoffEvent['kind']; agent?: string; text?: string; at: string; label: string }

/** Events the console lists under a conversation (messages and notes are shown as such, not here). */
const LISTED: ReadonlySet<HandoffEvent['kind']> = new Set(['created', 'offered', 'accepted', 'transferred', 'ended', 'callback', 'rated']);

export function eventViews(events: readonly HandoffEvent[], names: ReadonlyMap<string, string>): EventView[] {
  const zh = (key: string, params: Record<string, string | number> = {}): string => translate('zh-CN', `agentConsole.${key}`, params);
  const someone = zh('someone');
  return events.filter((e) => LISTED.has(e.kind)).map((e) => {
    const agent = e.agentId ? names.get(e.agentId) ?? someone : undefined;
    const text = e.text;
    let label: string;
    switch (e.kind) {
      case 'created': label = zh('event.created', { reason: reasonText(text) }); break;
      case 'offered': label = agent ? zh('event.offered', { agent }) : zh('event.offerWithdrawn'); break;
      case 'accepted': label = zh('event.accepted', { agent: agent ?? someone }); break;
      case 'transferred': label = text ? zh('event.transferredWithNote', { agent: agent ?? someone, note: text }) : zh('event.transferred', { agent: agent ?? someone }); break;
      case 'callback': label = zh('event.callback'); break;
      case 'rated': label = zh('event.rated', { score: text ?? '' }); break;
      default: {
        const by = agent ?? someone;
        label = text === 'citizen' ? zh('event.endedByCitizen') : text === 'timeout' ? zh('event.timeout')
          : text === 'handback' ? zh('event.handback', { agent: by }) : zh('event.closed', { agent: by, reason: text ?? '' });
      }
    }
    return { kind: e.kind, ...(agent ? { agent } : {}), ...(text ? { text } : {}), at: new Date(e.at).toISOString(), label };
  });
}

function reasonText(reason: string | undefined): string {
  try {
    return translate('zh-CN', `agentConsole.reason.${reason ?? 'requested'}`);
  } catch {
    return reason ?? '';
  }
}
