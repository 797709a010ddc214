import { createHash } from 'node:crypto';
import {
  ActivityTypes, TurnContext, type Activity, type Middleware, type Storage,
} from 'botbuilder';
import type { CitizenSummary, HandoffReason, HandoffRecord } from '../../integrations/storage/handoffs';
import type { IdentityPort } from '../../integrations/platform/types';
import type { TranscriptStore } from '../../integrations/storage/transcripts';
import { maskIdNumber } from '../../integrations/privacy/maskIdNumber';
import { maskName } from '../../integrations/privacy/maskName';
import { handoffHintOf } from '../../dialogs/handoff/handoffHint';
import { HANDOFF_INITIATE, type HandoffRequest } from '../../dialogs/handoff/requestHandoff';
import { msg } from '../../dialogs/i18n/turnLocale';
import { translate } from '../../dialogs/i18n/catalog';
import { entryPointOf } from '../../dialogs/shared/entryPoint';
import { serviceButtons } from '../../dialogs/main/menu';
import { SERVICE_INDEX } from '../../dialogs/services';
import type { DialogDeps } from '../../dialogs/DialogDeps';
import type { ServiceIndex } from '../../dialogs/services/ServiceIndex';
import { channelUserId } from '../../dialogs/shared/channelUserId';
import type { HandoffService } from './HandoffService';
import { newRequestReader } from './satisfaction/newRequest';
import { RatingFollowUp } from './satisfaction/RatingFollowUp';

/** Words that end waiting or the agent's conversation (whole message). */
const END = /^(取消|取消等待|取消人工|结束人工|结束|退出人工|不用了|cancel|stop|end agent|end)$/i;
const CALLBACK = /^(回电|请回电|要回电|callback|call back|call me back)$/i;
/** A hint (rule refused, platform failed) colours a handoff requested within this time. */
const HINT_MS = 10 * 60_000;
const CALLBACK_OFFER_MS = 30 * 60_000;
const TRANSCRIPT_LINES = 50;

interface StoredHint { reason: HandoffReason; at: number }

/**
 * Routes messages while a person owns (or is about to own) a conversation: they go to the agent and the bot
 * stays silent, except for the words that end it. Turns a dialog's `handoff.initiate` event into a queued
 * handoff (with the transcript attached, as the Bot Framework protocol has it) and tells the citizen the wait.
 */
export class HandoffMiddleware implements Middleware {
  /** The citizen's answers to the satisfaction question after an agent's conversation ended. */
  private readonly rating: RatingFollowUp;

  constructor(
    private readonly service: HandoffService,
    private readonly identity: IdentityPort,
    private readonly transcripts: TranscriptStore,
    private readonly storage: Storage,
    private readonly now: () => number,
    /** The services offered as buttons when the citizen ends a handoff (the service index's main menu). */
    private readonly menu: readonly string[] = SERVICE_INDEX.menuIntents,
  ) {
    this.rating = new RatingFollowUp(service, storage, now, menu);
  }

  /** A new conversation (the messenger's 「清空」): the rating asked before it is not taken from what comes next. */
  withdrawRating(conversationKey: string): Promise<void> {
    return this.rating.withdraw(conversationKey);
  }

  /**
   * Lets the rating tell a new request (「帮我约科目二」, a question, a person) from an answer with the NLU, as the main
   * loop would: given by the composition root once the dialogs' deps exist. Until then every text is an answer.
   */
  readRequestsWith(deps: DialogDeps, services: ServiceIndex): void {
    this.rating.requests = newRequestReader(deps, services);
  }

  async onTurn(ctx: TurnContext, next: () => Promise<void>): Promise<void> {
    const a = ctx.activity;
    const key = `${a.channelId ?? 'unknown'}:${a.conversation?.id ?? 'unknown'}`;
    if (a.type === ActivityTypes.Message) {
      const open = await this.service.openFor(key);
      if (open) return this.whileOpen(ctx, open);
      if (CALLBACK.test((a.text ?? '').trim()) && (await this.callback(ctx, key))) return;
      if (await this.rating.answer(ctx, key)) return;
    }
    ctx.onSendActivities(async (c, activities, send) => {
      for (let i = 0; i < activities.length; i += 1) {
        const act = activities[i];
        if (act.type === ActivityTypes.Event && act.name === HANDOFF_INITIATE) {
          const told = await this.initiate(c, act, key);
          activities.splice(i + 1, 0, ...told);
          i += told.length;
        }
      }
      return send();
    });
    await next();
    const hint = handoffHintOf(ctx);
    if (hint) await this.storage.write({ [hintKey(key)]: { reason: hint, at: this.now(), eTag: '*' } });
  }

  private async whileOpen(ctx: TurnContext, open: HandoffRecord): Promise<void> {
    const text = (ctx.activity.text ?? '').trim();
    if (END.test(text)) {
      if (await this.service.endByCitizen(open, ctx)) {
        if (open.status === 'waiting') {
          await ctx.sendActivity(serviceButtons(ctx, msg(ctx, 'handoff.cancelled'), this.menu));
          return;
        }
        // The rating question follows this goodbye (endByCitizen adds it to the turn): its choices are the only
        // numbered ones, so the service menu waits until the rating is done.
        const asked = (await this.service.latestFor(open.conversationKey))?.ratingAskedAt !== undefined;
        await ctx.sendActivity(asked ? msg(ctx, 'handoff.endedByCitizen') : serviceButtons(ctx, `${msg(ctx, 'handoff.endedByCitizen')}${msg(ctx, 'main.menuPrompt')}`, this.menu));
        return;
      }
    }
    await this.service.citizenMessage(open, text || '[非文字消息]');
    if (open.status === 'waiting') {
      await ctx.sendActivity(msg(ctx, 'handoff.stillWaiting', { ahead: await this.service.position(open.id) }));
    }
    // Active: the agent answers; the bot says nothing.
  }

  private async callback(ctx: TurnContext, key: string): Promise<boolean> {
    const latest = await this.service.latestFor(key);
    if (!latest || latest.status !== 'expired' || latest.callbackRequested) return false;
    if (this.now() - (latest.closedAt ?? 0) > CALLBACK_OFFER_MS) return false;
    if (!latest.citizen.bound || !latest.citizen.phone) {
      await ctx.sendActivity(msg(ctx, 'handoff.callbackNeedsBinding'));
      return true;
    }
    await this.service.requestCallback(latest);
    await ctx.sendActivity(msg(ctx, 'handoff.callbackRegistered', { phone: latest.citizen.phone }));
    return true;
  }

  /** Queues the conversation; returns the message telling the citizen what happens next. */
  private async initiate(ctx: TurnContext, event: Partial<Activity>, key: string): Promise<Partial<Activity>[]> {
    const request = event.value as Partial<HandoffRequest> | undefined;
    let reason: HandoffReason = request?.reason ?? 'requested';
    if (reason === 'requested') {
      const hint = (await this.storage.read([hintKey(key)]))[hintKey(key)] as StoredHint | undefined;
      if (hint && this.now() - hint.at < HINT_MS) reason = hint.reason;
    }
    const conversationId = ctx.activity.conversation?.id ?? 'unknown';
    const lines = await this.transcripts.list(conversationId, TRANSCRIPT_LINES);
    event.attachments = [{
      contentType: 'application/vnd.microsoft.activity.transcript',
      content: { activities: lines.map((l) => ({ type: 'message', text: l.text, timestamp: l.timestamp, from: { id: l.from, name: l.from, role: l.from === 'user' ? 'user' : 'bot' } })) },
    }];
    const opened = await this.service.open({
      reference: TurnContext.getConversationReference(ctx.activity),
      reason,
      intents: request?.intents ?? [],
      locale: request?.locale ?? 'zh-CN',
      ...(await this.citizen(ctx)),
    });
    await this.storage.delete([hintKey(key)]);
    // Added after the context addressed the outgoing activities, so it is addressed here.
    return [TurnContext.applyConversationReference({
      type: ActivityTypes.Message,
      text: msg(ctx, !opened.created ? 'handoff.alreadyQueued' : opened.ahead === 0 ? 'handoff.queuedFirst' : 'handoff.queued', { ahead: opened.ahead, minutes: opened.minutes }),
    }, TurnContext.getConversationReference(ctx.activity))];
  }

  /** What the agent may see of the citizen, and who they are across conversations (their history). */
  private async citizen(ctx: TurnContext): Promise<{ citizen: CitizenSummary; citizenKey: string }> {
    const user = channelUserId(ctx);
    const binding = await this.identity.getBinding(user).catch(() => null);
    if (!binding) {
      // A readable label an agent can say aloud to a colleague, not the raw channel id.
      const tail = createHash('sha256').update(user).digest('hex').slice(0, 4).toUpperCase();
      const label = translate('zh-CN', entryPointOf(ctx) === 'wechat' ? 'handoff.visitor.wechat' : 'handoff.visitor.web', { tail });
      return { citizen: { label, bound: false }, citizenKey: `user:${user}` };
    }
    const name = maskName(binding.name);
    const idNumber = maskIdNumber(binding.idNumber);
    return {
      citizen: { label: `${name}（${idNumber}）`, bound: true, name, idNumber, phone: binding.maskedPhone },
      citizenKey: `person:${createHash('sha256').update(binding.idNumber.toUpperCase()).digest('hex').slice(0, 32)}`,
    };
  }
}

function hintKey(conversationKey: string): string {
  return `handoff/hint/${conversationKey}`;
}
