import type { Middleware, TurnContext } from 'botbuilder';
import { withLogContext } from './logContext';

/** First in the chain: every line logged during a turn (middleware, dialogs, stores) names its conversation. */
export class LogContextMiddleware implements Middleware {
  async onTurn(ctx: TurnContext, next: () => Promise<void>): Promise<void> {
    const { channelId, conversation } = ctx.activity;
    await withLogContext({ conversationId: `${channelId ?? 'unknown'}:${conversation?.id ?? 'unknown'}` }, next);
  }
}
