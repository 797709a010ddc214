import { EventFactory, TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { AgentAccount, AgentStore } from '../../integrations/storage/agents';
import type { AuditLog } from '../../integrations/storage/auditLog';
import type { AgentPresenceStatus, CitizenSummary, HandoffReason, HandoffRecord, HandoffStore, SatisfactionRating } from '../../integrations/storage/handoffs';
import type { TranscriptStore } from '../../integrations/storage/transcripts';
import { maskBareCode } from '../../integrations/privacy/maskBareCode';
import { maskPii } from '../../integrations/privacy/maskPii';
import { translate } from '../../dialogs/i18n/catalog';
import { isLocale, type Locale } from '../../dialogs/i18n/Locale';
import { msg } from '../../dialogs/i18n/turnLocale';
import { serviceButtons } from '../../dialogs/main/menu';
import { SERVICE_INDEX } from '../../dialogs/services';
import type { Logger } from '../logger';
import type { CitizenDelivery } from '../channels/CitizenDelivery';
import type { AgentError } from '../agent/agentErrors';
import type { HandoffFeed } from './HandoffFeed';
import { Assignment, type AgentLoad } from './Assignment';
import { ratingQuestion } from './satisfaction/ratingQuestion';

export interface HandoffServiceDeps {
  store: HandoffStore;
  agents: AgentStore;
  transcripts: TranscriptStore;
  audit: AuditLog;
  delivery: CitizenDelivery;
  feed: HandoffFeed;
  logger: Logger;
  now: () => number;
  /** A waiting citizen is told no one is free after this long. */
  waitTimeoutMs: number;
  /** Average minutes an agent needs per conversation (for the wait estimate). */
  minutesPerConversation?: number;
  /** The services offered as buttons when the bot takes the conversation back (default: the index's main menu). */
  menu?: readonly string[];
  /** Active conversations an agent holds at once before new ones are offered to others (AGENT_CAPACITY, default 3). */
  capacity?: number;
  /** How long an offered handoff waits for its agent before it moves on (AGENT_OFFER_SECONDS, default 30 s). */
  offerMs?: number;
}

/** An agent's action: done (the handoff as it is now), or refused with the console's error code. */
/** The citizen of a handoff could not be reached through their channel (logged where it happened). */
export class CitizenUnreachableError extends Error {
  readonly code = 'CITIZEN_UNREACHABLE';
  constructor(readonly handoffId: string, cause: unknown) {
    super(`could not reach the citizen of handoff ${handoffId}`, { cause });
    this.name = 'CitizenUnreachableError';
  }
}

export type AgentActionResult = { ok: true; record: HandoffRecord } | { ok: false; error: AgentError };

/** The longest hand-over note on a transfer. */
export const MAX_TRANSFER_NOTE = 500;

export interface OpenedHandoff {
  record: HandoffRecord;
  created: boolean;
  ahead: number;
  minutes: number;
}

/**
 * The hotline handoff: opens and queues handoffs, lets agents accept, talk, transfer, hand back and close,
 * and keeps the citizen informed through their channel. Every agent action is audited; every change is an
 * event in the store (for live consoles on any process).
 */
export class HandoffService {
  private readonly assignment: Assignment;
  readonly capacity: number;
  readonly offerMs: number;

  constructor(private readonly d: HandoffServiceDeps) {
    this.capacity = d.capacity ?? 3;
    this.offerMs = d.offerMs ?? 30_000;
    this.assignment = new Assignment({
      store: d.store, agents: d.agents, logger: d.logger, now: d.now, capacity: this.capacity, offerMs: this.offerMs,
      event: (handoffId, kind, extra) => this.event(handoffId, kind, extra),
    });
  }

  /** Offers waiting handoffs to available agents by load; moves offers not accepted in time (see Assignment). */
  assign(now: number = this.d.now()): Promise<void> {
    return this.assignment.run(now);
  }

  /** Every agent who set a presence, with their active conversations (the transfer list, the console's "me"). */
  loads(): Promise<AgentLoad[]> {
    return this.assignment.loads(this.d.now());
  }

  /** An agent says they are available for new handoffs or away; offers move accordingly. */
  async setPresence(agent: AgentAccount, status: AgentPresenceStatus): Promise<void> {
    await this.d.store.setPresence(agent.id, status, this.d.now());
    await this.audit(agent, 'agent.presence', agent.id, { status });
    await this.assign();
  }

  /** The console went away and did not come back: the agent is away (no more offers) unless they said otherwise since. */
  async presenceLost(agentId: string, since: number): Promise<void> {
    const mine = (await this.d.store.presence()).find((p) => p.agentId === agentId);
    if (!mine || mine.status !== 'available' || mine.since > since) return;
    await this.d.store.setPresence(agentId, 'away', this.d.now());
    this.d.logger.info({ agentId }, 'agent console gone: presence set to away');
    await this.assign();
  }

  /** The console is connected again: an available agent's presence is renewed (a disconnect before it no longer counts). */
  async presenceSeen(agentId: string): Promise<void> {
    const mine = (await this.d.store.presence()).find((p) => p.agentId === agentId);
    if (mine?.status === 'available') await this.d.store.setPresence(agentId, 'available', this.d.now());
  }

  async open(input: {
    reference: Partial<ConversationReference>; reason: HandoffReason; intents: string[]; locale: string; citizen: CitizenSummary; citizenKey: string;
  }): Promise<OpenedHandoff> {
    const channelId = input.reference.channelId ?? 'unknown';
    const conversationId = input.reference.conversation?.id ?? 'unknown';
    const { record, created } = await this.d.store.create({
      conversationKey: `${channelId}:${conversationId}`, channelId, conversationId, reference: JSON.stringify(input.reference),
      citizenKey: input.citizenKey, reason: input.reason, citizen: input.citizen, intents: input.intents, locale: input.locale,
    }, this.d.now());
    if (created) {
      await this.event(record.id, 'created', { text: input.reason });
      await this.assign();
    }
    const ahead = await this.d.store.position(record.id);
    return { record, created, ahead, minutes: await this.estimateMinutes(ahead) };
  }

  openFor(conversationKey: string): Promise<HandoffRecord | undefined> {
    return this.d.store.openFor(conversationKey);
  }

  latestFor(conversationKey: string): Promise<HandoffRecord | undefined> {
    return this.d.store.latestFor(conversationKey);
  }

  position(id: string): Promise<number> {
    return this.d.store.position(id);
  }

  /** A citizen's message while the handoff is open: for the agent (the transcript has it too). */
  async citizenMessage(record: HandoffRecord, text: string): Promise<void> {
    // As in the transcript: a code typed to the agent is of no use to them and must not be replayable from the console.
    await this.event(record.id, 'user', { text: maskPii(maskBareCode(text)) });
  }

  /**
   * The citizen cancels waiting or ends the conversation with the agent (whose console is alerted; their draft
   * stays). An active conversation ends with the rating question: with the citizen's turn (`ctx`) it follows the
   * turn's next message (the middleware's goodbye), else it is sent on its own.
   */
  async endByCitizen(record: HandoffRecord, ctx?: TurnContext): Promise<boolean> {
    const ok = await this.d.store.finish(record.id, ['waiting', 'active'], record.status === 'waiting' ? 'cancelled' : 'closed', 'citizen', this.d.now());
    if (!ok) return false;
    await this.event(record.id, 'ended', { text: 'citizen' });
    if (record.status === 'active') {
      await this.assign();
      if (await this.d.store.askRating(record.id, this.d.now())) {
        const question = ratingQuestion(localeOf(record));
        if (ctx) afterNextSend(ctx, question);
        else await this.tell(record, async (c) => { await c.sendActivity(question); });
      }
    }
    return true;
  }

  /** The citizen's score after being asked (once); consoles hear of it (`rated`). */
  async rate(record: HandoffRecord, score: SatisfactionRating['score']): Promise<boolean> {
    if (!(await this.d.store.rate(record.id, score, this.d.now()))) return false;
    await this.event(record.id, 'rated', { text: String(score) });
    return true;
  }

  /** The optional comment after the score (already masked by the caller; once). */
  async commentRating(record: HandoffRecord, comment: string): Promise<boolean> {
    return this.d.store.commentRating(record.id, maskPii(comment));
  }

  async requestCallback(record: HandoffRecord): Promise<boolean> {
    const ok = await this.d.store.requestCallback(record.id);
    if (ok) await this.event(record.id, 'callback');
    return ok;
  }

  async accept(id: string, agent: AgentAccount): Promise<AgentActionResult> {
    const record = await this.d.store.get(id);
    if (!record) return { ok: false, error: { code: 'HANDOFF_NOT_FOUND' } };
    if (!(await this.d.store.accept(id, agent.id, this.d.now()))) {
      const now = await this.d.store.get(id);
      const owner = now?.agentId ? await this.d.agents.byId(now.agentId) : undefined;
      return owner
        ? { ok: false, error: { code: 'ALREADY_ACCEPTED', params: { agent: owner.displayName } } }
        : { ok: false, error: { code: 'NOT_WAITING', params: { status: translate('zh-CN', `agentConsole.status.${now?.status ?? 'gone'}`) } } };
    }
    await this.audit(agent, 'handoff.accept', id);
    await this.event(id, 'accepted', { agentId: agent.id });
    await this.assign();
    await this.tell(record, async (ctx, locale) => {
      await ctx.sendActivity(EventFactory.createHandoffStatus(ctx.activity.conversation, 'accepted'));
      await ctx.sendActivity(translate(locale, 'handoff.accepted', { agent: agent.displayName }));
    });
    return { ok: true, record: (await this.d.store.get(id)) ?? record };
  }

  async agentMessage(id: string, agent: AgentAccount, text: string): Promise<AgentActionResult> {
    const owned = await this.owned(id, agent);
    if (!owned.ok) return owned;
    const masked = maskPii(text);
    await this.tell(owned.record, async (ctx, locale) => {
      await ctx.sendActivity({ type: 'message', text: translate(locale, 'handoff.agentSays', { agent: agent.displayName, text }), channelData: { agent: true } });
    });
    await this.event(id, 'agent', { agentId: agent.id, text: masked });
    await this.audit(agent, 'handoff.message', id, { length: Array.from(text).length });
    return owned;
  }

  /**
   * An internal note on a conversation the agent owns (accepted it, or had it transferred to them; also after it
   * ended, to note how it went); never on somebody else's, one transferred away, or one still waiting.
   */
  async note(id: string, agent: AgentAccount, text: string): Promise<AgentActionResult> {
    const record = await this.d.store.get(id);
    if (!record) return { ok: false, error: { code: 'HANDOFF_NOT_FOUND' } };
    if (record.agentId !== agent.id) return { ok: false, error: { code: 'NOTE_NOT_YOURS' } };
    await this.event(id, 'note', { agentId: agent.id, text: maskPii(text) });
    await this.audit(agent, 'handoff.note', id);
    return { ok: true, record };
  }

  /** Gives the conversation to another available agent with a hand-over note (the receiver's console is alerted with it). */
  async transfer(id: string, agent: AgentAccount, to: AgentAccount, note = ''): Promise<AgentActionResult> {
    const owned = await this.owned(id, agent);
    if (!owned.ok) return owned;
    if (to.id === agent.id) return { ok: false, error: { code: 'AGENT_SELF' } };
    const presence = (await this.d.store.presence()).find((p) => p.agentId === to.id);
    if (to.disabled || presence?.status !== 'available') return { ok: false, error: { code: 'AGENT_NOT_AVAILABLE', params: { agent: to.displayName } } };
    if (!(await this.d.store.transfer(id, agent.id, to.id))) return { ok: false, error: { code: 'CHANGED' } };
    await this.event(id, 'transferred', { agentId: to.id, ...(note ? { text: maskPii(note) } : {}) });
    await this.audit(agent, 'handoff.transfer', id, { to: to.username, note: note.length > 0 });
    await this.assign();
    await this.tell(owned.record, async (ctx, locale) => {
      await ctx.sendActivity(translate(locale, 'handoff.transferred', { agent: to.displayName }));
    });
    return { ok: true, record: (await this.d.store.get(id)) ?? owned.record };
  }

  /** Ends the agent's part: "handback" gives the conversation back to the bot; any other outcome closes it. */
  async finish(id: string, agent: AgentAccount, outcome: string): Promise<AgentActionResult> {
    const owned = await this.owned(id, agent);
    if (!owned.ok) return owned;
    if (!(await this.d.store.finish(id, ['active'], 'closed', outcome, this.d.now()))) {
      return { ok: false, error: { code: 'NOT_ACTIVE' } };
    }
    await this.event(id, 'ended', { agentId: agent.id, text: outcome });
    await this.audit(agent, outcome === 'handback' ? 'handoff.handback' : 'handoff.close', id, { outcome });
    await this.assign();
    // The citizen is asked to rate the conversation once (askRating tells whether this is that once).
    const rate = await this.d.store.askRating(id, this.d.now());
    await this.tell(owned.record, async (ctx, locale) => {
      await ctx.sendActivity(EventFactory.createHandoffStatus(ctx.activity.conversation, 'completed'));
      // With the rating question the service menu waits: WeChat numbers only the last list, and 「1」 must be a score.
      if (rate) {
        await ctx.sendActivity(msg(ctx, 'handoff.back'));
        await ctx.sendActivity(ratingQuestion(locale));
      } else {
        await ctx.sendActivity(serviceButtons(ctx, `${msg(ctx, 'handoff.back')}${msg(ctx, 'main.menuPrompt')}`, this.d.menu ?? SERVICE_INDEX.menuIntents));
      }
    });
    return { ok: true, record: (await this.d.store.get(id)) ?? owned.record };
  }

  /** Tells citizens who waited too long that no one is free (each expired handoff once, whatever process). */
  async sweep(now: number = this.d.now()): Promise<number> {
    const expired = await this.d.store.expireWaiting(now - this.d.waitTimeoutMs, now);
    for (const record of expired) {
      await this.event(record.id, 'ended', { text: 'timeout' });
      await this.tell(record, async (ctx, locale) => {
        await ctx.sendActivity(EventFactory.createHandoffStatus(ctx.activity.conversation, 'failed', 'timeout'));
        await ctx.sendActivity(translate(locale, 'handoff.expired'));
      });
    }
    return expired.length;
  }

  private async owned(id: string, agent: AgentAccount): Promise<AgentActionResult> {
    const record = await this.d.store.get(id);
    if (!record) return { ok: false, error: { code: 'HANDOFF_NOT_FOUND' } };
    if (record.status !== 'active' || record.agentId !== agent.id) return { ok: false, error: { code: 'NOT_YOURS' } };
    return { ok: true, record };
  }

  private async estimateMinutes(ahead: number): Promise<number> {
    const busyAgents = new Set((await this.d.store.active()).map((r) => r.agentId)).size;
    return Math.max(1, Math.ceil(((ahead + 1) * (this.d.minutesPerConversation ?? 3)) / Math.max(1, busyAgents)));
  }

  private async event(handoffId: string, kind: Parameters<HandoffStore['addEvent']>[0]['kind'], extra: { agentId?: string; text?: string } = {}): Promise<void> {
    await this.d.store.addEvent({ handoffId, kind, at: this.d.now(), ...extra });
    await this.d.feed.pump();
  }

  private async audit(agent: AgentAccount, action: string, target: string, details?: Record<string, unknown>): Promise<void> {
    await this.d.audit.append({ at: this.d.now(), actor: agent.id, action, target, details: { agent: agent.username, ...details } });
  }

  /** Sends to the citizen of a handoff; a delivery failure is logged (the agent sees it in the console log). */
  private async tell(record: HandoffRecord, logic: (ctx: TurnContext, locale: Locale) => Promise<void>): Promise<void> {
    const locale = localeOf(record);
    try {
      await this.d.delivery.send(JSON.parse(record.reference) as Partial<ConversationReference>, (ctx) => logic(ctx, locale));
    } catch (err) {
      this.d.logger.error({ err, handoffId: record.id, channelId: record.channelId }, 'could not reach the citizen of a handoff');
      throw new CitizenUnreachableError(record.id, err);
    }
  }
}

function localeOf(record: HandoffRecord): Locale {
  return isLocale(record.locale) ? record.locale : 'zh-CN';
}

/** Sends `activity` right after the next batch the turn sends (once), addressed like it. */
function afterNextSend(ctx: TurnContext, activity: Partial<Activity>): void {
  let done = false;
  ctx.onSendActivities(async (c, activities, next) => {
    if (!done) {
      done = true;
      activities.push(TurnContext.applyConversationReference({ ...activity }, TurnContext.getConversationReference(c.activity)));
    }
    return next();
  });
}
