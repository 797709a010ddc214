import {
  ActivityTypes, BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse, type Storage,
} from 'botbuilder';
import type { CustomMessage, WeChatApi } from '../../../integrations/wechat/types';
import { localeOf } from '../../../dialogs/i18n/turnLocale';
import type { Logger } from '../../logger';
import { renderReplies } from './renderReplies';
import { TurnOutbox } from './TurnOutbox';
import { markEntryPoint } from '../../../dialogs/shared/entryPoint';

const OUTBOX = Symbol('wechat.outbox');
const OPTIONS_KEY = (openid: string): string => `wechat/options/${openid}`;

interface StoredOptions { options: string[] }

/**
 * The Bot Framework side of the WeChat channel: runs turns for WeChat activities, gathers their replies for
 * the passive answer, and sends everything else (late replies, proactive messages such as an agent's) as
 * customer-service messages. Remembers the numbered options shown last to each follower.
 */
export class WeChatAdapter extends BotAdapter {
  constructor(private readonly api: WeChatApi, private readonly storage: Storage, private readonly logger: Logger) {
    super();
  }

  /**
   * A context for a WeChat activity (the webhook checked WeChat's signature: its follower is a WeChat user). The
   * webhook also reads a follower's stored state through one, outside any turn, keyed exactly as their turns are.
   */
  contextFor(activity: Partial<Activity>): TurnContext {
    const ctx = new TurnContext(this, activity);
    markEntryPoint(ctx, 'wechat');
    return ctx;
  }

  /** Starts one turn; its replies are gathered in the returned outbox until the webhook makes it go direct. */
  startTurn(activity: Partial<Activity>, logic: (ctx: TurnContext) => Promise<void>): { outbox: TurnOutbox; done: Promise<void> } {
    const openid = activity.from?.id ?? '';
    const ctx = this.contextFor(activity);
    const outbox = new TurnOutbox((messages) => this.sendAll(openid, messages), () => localeOf(ctx));
    ctx.turnState.set(OUTBOX, outbox);
    return { outbox, done: this.runMiddleware(ctx, logic) };
  }

  override async sendActivities(ctx: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const outbox = ctx.turnState.get(OUTBOX) as TurnOutbox | undefined;
    const sendable = activities.filter((a) => (a.type ?? ActivityTypes.Message) === ActivityTypes.Message);
    if (outbox) {
      outbox.add(sendable);
    } else {
      // Proactive (continueConversation): there is no HTTP answer to ride on.
      const openid = ctx.activity.conversation?.id ?? '';
      const rendered = renderReplies(sendable, localeOf(ctx));
      await this.sendAll(openid, rendered.messages);
      if (rendered.options.length) await this.saveOptions(openid, rendered.options);
    }
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
    const ctx = new TurnContext(this, activity);
    markEntryPoint(ctx, 'wechat');
    await this.runMiddleware(ctx, logic);
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

  async loadOptions(openid: string): Promise<string[]> {
    const items = await this.storage.read([OPTIONS_KEY(openid)]);
    const stored = items[OPTIONS_KEY(openid)] as StoredOptions | undefined;
    return Array.isArray(stored?.options) ? stored.options : [];
  }

  async saveOptions(openid: string, options: string[]): Promise<void> {
    await this.storage.write({ [OPTIONS_KEY(openid)]: { options, eTag: '*' } });
  }
}
