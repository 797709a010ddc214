import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { RateLimits } from '../../../integrations/storage/rateLimits';
import { channelUserId } from '../../../dialogs/shared/channelUserId';
import { translate } from '../../../dialogs/i18n/catalog';
import { chooseLocale } from '../../../dialogs/i18n/chooseLocale';
import type { Logger } from '../../logger';
import { citizenRefusal } from '../citizenLimits';

export interface BotFrameworkLimitsOptions {
  rateLimits: RateLimits;
  /** Messages per user per minute: the same as a WeChat follower's. */
  ratePerMinute: number;
  now: () => number;
  logger: Logger;
}

/**
 * The citizens' limits on `/api/messages`, as the WeChat webhook has them: messages per user per minute
 * (counted in the store, so every process counts together) and the text-length cap. Runs first in the Bot
 * Framework adapter's pipeline, after authentication and before anything is recorded. The first message over
 * the rate is told when to try again; the rest of the window is dropped without a reply, so a flood does not
 * turn into a flood of outgoing replies.
 */
export class BotFrameworkLimits implements Middleware {
  constructor(private readonly o: BotFrameworkLimitsOptions) {}

  async onTurn(ctx: TurnContext, next: () => Promise<void>): Promise<void> {
    if (ctx.activity.type !== ActivityTypes.Message) return next();
    // Before the locale middleware: the refusals speak the language of the message itself.
    const say = (key: string, params: Record<string, number>): Promise<unknown> =>
      ctx.sendActivity(translate(chooseLocale(ctx.activity.text ?? '', undefined), key, params));
    const refusal = await citizenRefusal(this.o.rateLimits, channelUserId(ctx), ctx.activity.text ?? '', this.o.now(), this.o.ratePerMinute);
    if (!refusal) return next();
    if (refusal.key === 'channel.rateLimited') {
      this.o.logger.warn({ channel: 'botframework', count: refusal.count }, 'Bot Framework user over the message rate limit');
      // Only the first message over the rate is told: a flood gets no flood of replies.
      if (refusal.count !== this.o.ratePerMinute + 1) return;
    }
    await say(refusal.key, refusal.params);
  }
}
