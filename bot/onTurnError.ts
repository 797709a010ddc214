import type { TurnContext } from 'botbuilder';
import { msg } from '../dialogs/i18n/turnLocale';
import type { Logger } from './logger';

/**
 * Logs a failed turn (masked, with the conversation id) and apologises in the citizen's language.
 * The conversation state is not cleared: it was not saved for the failed turn, so the citizen's data and
 * place in the dialog stay as they were before the message and the next message continues from there.
 */
export function onTurnError(logger: Logger): (ctx: TurnContext, error: Error) => Promise<void> {
  return async (ctx, error) => {
    logger.error({ err: error, conversationId: ctx.activity.conversation?.id, channelId: ctx.activity.channelId }, 'turn failed');
    try {
      await ctx.sendActivity(msg(ctx, 'main.error'));
    } catch (sendError) {
      logger.error({ err: sendError, conversationId: ctx.activity.conversation?.id }, 'could not send the apology');
    }
  };
}
