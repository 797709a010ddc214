import {
  ActivityTypes, BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse,
} from 'botbuilder';
import type { CustomMessage, WeChatApi } from '../../../integrations/wechat/types';
import type { Logger } from '../../logger';
import { markEntryPoint } from '../../../dialogs/shared/entryPoint';

/** Where a turn's message replies go: the WeChat turn that runs it, or (proactive) one made for the context. */
export interface TurnReplies {
  add(activities: Partial<Activity>[]): Promise<void>;
}

const REPLIES = Symbol('wechat.replies');

/**
 * The Bot Framework side of the WeChat channel: makes contexts for WeChat activities, runs turns through the
 * middleware, hands every message a turn sends to its replies (it renders nothing itself) and sends
 * customer-service messages. Proactive turns (continueConversation, such as an agent's message) get their
 * replies from `proactive`.
 */
export class WeChatAdapter extends BotAdapter {
  constructor(
    private readonly api: WeChatApi,
    private readonly logger: Logger,
    private readonly proactive: (ctx: TurnContext) => TurnReplies,
  ) {
    super();
  }

  /**
   * A context for a WeChat activity (the webhook checked WeChat's signature: its follower is a WeChat user). A
   * follower's stored state is also read through one, outside any turn, keyed exactly as their turns are.
   */
  contextFor(activity: Partial<Activity>): TurnContext {
    const ctx = new TurnContext(this, activity);
    markEntryPoint(ctx, 'wechat');
    return ctx;
  }

  /** Runs one turn on `ctx` through the middleware; what it sends goes to `replies`. */
  runTurn(ctx: TurnContext, replies: TurnReplies, logic: (ctx: TurnContext) => Promise<void>): Promise<void> {
    ctx.turnState.set(REPLIES, replies);
    return this.runMiddleware(ctx, logic);
  }

  override async sendActivities(ctx: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const replies = (ctx.turnState.get(REPLIES) as TurnReplies | undefined) ?? this.proactive(ctx);
    await replies.add(activities.filter((a) => (a.type ?? ActivityTypes.Message) === ActivityTypes.Message));
    return activities.map((_, i) => ({ id: `${ctx.activity.id ?? 'wechat'}-${Date.now()}-${i}` }));
  }

  override async updateActivity(): Promise<void> {
    throw new Error('WeChat messages cannot be edited once sent');
  }

  override async deleteActivity(): Promise<void> {
    throw new Error('WeChat messages cannot be recalled by the bot');
  }

  override async continueConversation(reference: Partial<ConversationReference>, logic: (ctx: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'ContinueConversation' }, reference, true);
    await this.runMiddleware(this.contextFor(activity), logic);
  }

  /** Sends customer-service messages in order; a failure is logged and the rest of the turn is not lost to a crash. */
  async sendAll(openid: string, messages: readonly CustomMessage[]): Promise<void> {
    for (const m of messages) {
      try {
        await this.api.sendCustomMessage(openid, m);
      } catch (err) {
        this.logger.warn({ err, channel: 'wechat', msgtype: m.msgtype }, 'WeChat customer-service message not delivered');
        return;
      }
    }
  }
}
