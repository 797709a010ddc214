import type { AgentStore } from '../../integrations/storage/agents';
import type { AgentPresenceStatus, HandoffEvent, HandoffRecord, HandoffStore } from '../../integrations/storage/handoffs';
import type { Logger } from '../logger';

export interface AssignmentDeps {
  store: HandoffStore;
  agents: AgentStore;
  logger: Logger;
  now: () => number;
  /** Writes a handoff event (and pumps the feed, so consoles hear of it at once). */
  event: (handoffId: string, kind: 'offered', extra: { agentId?: string }) => Promise<void>;
  /** Active conversations an agent holds at once (AGENT_CAPACITY). */
  capacity: number;
  /** How long an offer waits for its agent (AGENT_OFFER_SECONDS × 1000). */
  offerMs: number;
}

/** An agent as assignment and the transfer list see them. */
export interface AgentLoad {
  readonly agentId: string;
  readonly status: AgentPresenceStatus;
  /** Active conversations the agent owns. */
  readonly load: number;
  /** Since when the agent last took or finished a conversation, or became available (the longest idle is offered first). */
  readonly idleSince: number;
}

/** How far back an agent's last accepted or finished conversation is looked for (idle time). */
const IDLE_LOOKBACK_MS = 12 * 3600_000;

/**
 * Offers waiting handoffs to agents by load: each waiting handoff in service order is offered to an available
 * agent whose active conversations (plus the offers they hold) are below the capacity, the least loaded first,
 * then the longest idle; an offer not accepted within offerMs moves to the next agent (one it was not offered to
 * yet; when every candidate had it, the one offered longest ago). When nobody available has room the offer is
 * withdrawn (an `offered` event without agent: every console is alerted that a citizen waits).
 *
 * Every decision is made from the store, so any process may run it (each runs it on a timer and after the events
 * it causes): the outcome depends only on the store's state, an offer is written with the store's conditional offer()
 * (only while the handoff waits and is still offered to whom this pass read), so of two processes deciding at once
 * one wins and the other leaves it.
 */
export class Assignment {
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly d: AssignmentDeps) {}

  /** Runs one assignment pass (passes of this process never overlap). */
  run(now: number = this.d.now()): Promise<void> {
    this.running = this.running.then(() => this.pass(now)).catch((err: unknown) => {
      this.d.logger.error({ err }, 'assigning waiting handoffs failed; retrying at the next sweep');
    });
    return this.running;
  }

  /** Every agent who set a presence (disabled accounts left out), with their load; available ones first. */
  async loads(now: number = this.d.now()): Promise<AgentLoad[]> {
    const [presence, accounts, active] = await Promise.all([this.d.store.presence(), this.d.agents.list(), this.d.store.active()]);
    const enabled = new Set(accounts.filter((a) => !a.disabled).map((a) => a.id));
    const recent = await this.d.store.between(now - IDLE_LOOKBACK_MS, now + 1);
    const lastWork = new Map<string, number>();
    for (const r of [...recent, ...active]) {
      if (!r.agentId) continue;
      const at = Math.max(r.acceptedAt ?? 0, r.closedAt ?? 0);
      lastWork.set(r.agentId, Math.max(lastWork.get(r.agentId) ?? 0, at));
    }
    return presence.filter((p) => enabled.has(p.agentId)).map((p) => ({
      agentId: p.agentId,
      status: p.status,
      load: active.filter((r) => r.agentId === p.agentId).length,
      idleSince: Math.max(p.since, lastWork.get(p.agentId) ?? 0),
    }));
  }

  private async pass(now: number): Promise<void> {
    const waiting = await this.d.store.waiting();
    if (!waiting.length) return;
    const available = (await this.loads(now)).filter((a) => a.status === 'available');
    const byId = new Map(available.map((a) => [a.agentId, a]));
    /** Offers each agent holds after this pass (they count towards the capacity). */
    const held = new Map<string, number>();
    const room = (agentId: string): number => {
      const a = byId.get(agentId);
      return a ? this.d.capacity - a.load - (held.get(agentId) ?? 0) : 0;
    };
    // Offers that stand: still fresh, to an agent still available with room (counted in service order).
    const toOffer: HandoffRecord[] = [];
    for (const r of waiting) {
      if (r.offeredTo && r.offeredAt !== undefined && now - r.offeredAt < this.d.offerMs && room(r.offeredTo) > 0) {
        held.set(r.offeredTo, (held.get(r.offeredTo) ?? 0) + 1);
      } else {
        toOffer.push(r);
      }
    }
    for (const r of toOffer) {
      const events = (await this.d.store.eventsOf(r.id)).filter((e) => e.kind === 'offered');
      const agentId = this.choose(r, events, available, room);
      // Re-read: another process may have decided meanwhile (then its decision stands).
      const fresh = await this.d.store.get(r.id);
      if (!fresh || fresh.status !== 'waiting' || fresh.offeredTo !== r.offeredTo || fresh.offeredAt !== r.offeredAt) continue;
      if (agentId) {
        if (!(await this.d.store.offer(r.id, agentId, now, r.offeredTo ?? null))) continue;
        held.set(agentId, (held.get(agentId) ?? 0) + 1);
        await this.d.event(r.id, 'offered', { agentId });
        this.d.logger.info({ handoffId: r.id, agentId }, 'handoff offered to an agent');
      } else if (r.offeredTo || !events.length || events[events.length - 1].agentId) {
        // Nobody available has room: withdraw (once) and let every console know a citizen waits.
        if (!(await this.d.store.offer(r.id, null, now, r.offeredTo ?? null))) continue;
        await this.d.event(r.id, 'offered', {});
      }
    }
  }

  /** The agent to offer a handoff to next, or undefined when nobody available has room. */
  private choose(r: HandoffRecord, offers: HandoffEvent[], available: AgentLoad[], room: (agentId: string) => number): string | undefined {
    const lastOffered = new Map<string, number>();
    for (const e of offers) if (e.agentId) lastOffered.set(e.agentId, e.at);
    const candidates = available.filter((a) => room(a.agentId) > 0);
    if (!candidates.length) return undefined;
    const untried = candidates.filter((a) => !lastOffered.has(a.agentId));
    if (!untried.length) {
      // Everyone with room had it: the one offered longest ago has it again (never the one who just let it lapse, when there is another).
      const others = candidates.filter((a) => a.agentId !== r.offeredTo);
      const pool = others.length ? others : candidates;
      return pool.sort((a, b) => (lastOffered.get(a.agentId) ?? 0) - (lastOffered.get(b.agentId) ?? 0))[0].agentId;
    }
    const loadOf = (a: AgentLoad): number => this.d.capacity - room(a.agentId);
    return untried.sort((a, b) => loadOf(a) - loadOf(b) || a.idleSince - b.idleSince || a.agentId.localeCompare(b.agentId))[0].agentId;
  }
}
