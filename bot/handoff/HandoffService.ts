import { EventFactory, type ConversationReference, type TurnContext } from 'botbuilder';
import type { AgentAccount, AgentStore } from '../../integrations/storage/agents';
import type { AuditLog } from '../../integrations/storage/auditLog';
import type { CitizenSummary, HandoffReason, HandoffRecord, HandoffStore } from '../../integrations/storage/handoffs';
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
import type { HandoffFeed } from './HandoffFeed';

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
}

export type AgentActionResult = { ok: true; record: HandoffRecord } | { ok: false; status: 403 | 404 | 409; error: string };

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
  constructor(private readonly d: HandoffServiceDeps) {}

  async open(input: {
    reference: Partial<ConversationReference>; reason: HandoffReason; intents: string[]; locale: string; citizen: CitizenSummary; citizenKey: string;
  }): Promise<OpenedHandoff> {
    const channelId = input.reference.channelId ?? 'unknown';
    const conversationId = input.reference.conversation?.id ?? 'unknown';
    const { record, created } = await this.d.store.create({
      conversationKey: `${channelId}:${conversationId}`, channelId, conversationId, reference: JSON.stringify(input.reference),
      citizenKey: input.citizenKey, reason: input.reason, citizen: input.citizen, intents: input.intents, locale: input.locale,
    }, this.d.now());
    if (created) await this.event(record.id, 'created', { text: input.reason });
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

  /** The citizen cancels waiting or ends the conversation with the agent. */
  async endByCitizen(record: HandoffRecord): Promise<boolean> {
    const ok = await this.d.store.finish(record.id, ['waiting', 'active'], record.status === 'waiting' ? 'cancelled' : 'closed', 'citizen', this.d.now());
    if (ok) await this.event(record.id, 'ended', { text: 'citizen' });
    return ok;
  }

  async requestCallback(record: HandoffRecord): Promise<boolean> {
    const ok = await this.d.store.requestCallback(record.id);
    if (ok) await this.event(record.id, 'callback');
    return ok;
  }

  async accept(id: string, agent: AgentAccount): Promise<AgentActionResult> {
    const record = await this.d.store.get(id);
    if (!record) return { ok: false, status: 404, error: 'no such handoff' };
    if (!(await this.d.store.accept(id, agent.id, this.d.now()))) {
      const now = await this.d.store.get(id);
      const owner = now?.agentId ? await this.d.agents.byId(now.agentId) : undefined;
      return { ok: false, status: 409, error: owner ? `already accepted by ${owner.displayName}` : `the handoff is ${now?.status ?? 'gone'}` };
    }
    await this.audit(agent, 'handoff.accept', id);
    await this.event(id, 'accepted', { agentId: agent.id });
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
    if (!record) return { ok: false, status: 404, error: 'no such handoff' };
    if (record.agentId !== agent.id) {
      return { ok: false, status: 403, error: 'you can only add notes to conversations you accepted or that were transferred to you' };
    }
    await this.event(id, 'note', { agentId: agent.id, text: maskPii(text) });
    await this.audit(agent, 'handoff.note', id);
    return { ok: true, record };
  }

  async transfer(id: string, agent: AgentAccount, to: AgentAccount): Promise<AgentActionResult> {
    const owned = await this.owned(id, agent);
    if (!owned.ok) return owned;
    if (to.disabled || to.id === agent.id) return { ok: false, status: 409, error: 'choose another active agent' };
    if (!(await this.d.store.transfer(id, agent.id, to.id))) return { ok: false, status: 409, error: 'the handoff changed meanwhile' };
    await this.event(id, 'transferred', { agentId: to.id });
    await this.audit(agent, 'handoff.transfer', id, { to: to.username });
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
      return { ok: false, status: 409, error: 'the handoff is no longer active' };
    }
    await this.event(id, 'ended', { agentId: agent.id, text: outcome });
    await this.audit(agent, outcome === 'handback' ? 'handoff.handback' : 'handoff.close', id, { outcome });
    await this.tell(owned.record, async (ctx) => {
      await ctx.sendActivity(EventFactory.createHandoffStatus(ctx.activity.conversation, 'completed'));
      await ctx.sendActivity(serviceButtons(ctx, `${msg(ctx, 'handoff.back')}${msg(ctx, 'main.menuPrompt')}`, this.d.menu ?? SERVICE_INDEX.menuIntents));
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
    if (!record) return { ok: false, status: 404, error: 'no such handoff' };
    if (record.status !== 'active' || record.agentId !== agent.id) return { ok: false, status: 403, error: 'this conversation is not yours' };
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
    const locale: Locale = isLocale(record.locale) ? record.locale : 'zh-CN';
    try {
      await this.d.delivery.send(JSON.parse(record.reference) as Partial<ConversationReference>, (ctx) => logic(ctx, locale));
    } catch (err) {
      this.d.logger.error({ err, handoffId: record.id, channelId: record.channelId }, 'could not reach the citizen of a handoff');
      throw err;
    }
  }
}
