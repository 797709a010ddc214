import type { TurnContext } from 'botbuilder';
import { msg } from '../dialogs/i18n/turnLocale';
import { storageFaultOf } from '../integrations/storage/storageFaultOf';
import type { Logger } from './logger';
import { withLogContext } from './logContext';
import { logContextOf } from './LogContextMiddleware';

/**
 * Logs a failed turn (masked, with the conversation id) and apologises in the citizen's language.
 * The conversation state is not cleared: it was not saved for the failed turn, so the citizen's data and
 * place in the dialog stay as they were before the message and the next message continues from there.
 * A storage fault (disk full, database locked…) is logged with the store and its code, and the citizen is told
 * that this step was not saved; that apology replaces the turn's replies not yet delivered (replacesTurnReplies).
 */
export function onTurnError(logger: Logger): (ctx: TurnContext, error: Error) => Promise<void> {
  // The adapter calls this outside the turn's middleware, so the conversation's log context is set again here.
  return async (ctx, error) => withLogContext(logContextOf(ctx.activity), async () => {
    const fault = storageFaultOf(error);
    if (fault) {
      logger.error({ err: error, channelId: ctx.activity.channelId, store: fault.store, code: fault.code }, 'turn failed: storage unavailable');
    } else {
      logger.error({ err: error, channelId: ctx.activity.channelId }, 'turn failed');
    }
    try {
      await ctx.sendActivity(fault
        ? { type: 'message', text: msg(ctx, 'main.storageError'), channelData: { replacesTurnReplies: true } }
        : msg(ctx, 'main.error'));
    } catch (sendError) {
      logger.error({ err: sendError }, 'could not send the apology');
    }
  });
}
