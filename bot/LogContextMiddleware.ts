import type { Activity, Middleware, TurnContext } from 'botbuilder';
import { withLogContext, type LogContext } from './logContext';

/** The log context of an activity's conversation. */
export function logContextOf(activity: Partial<Activity>): LogContext {
  return { conversationId: `${activity.channelId ?? 'unknown'}:${activity.conversation?.id ?? 'unknown'}` };
}

/** First in the chain: every line logged during a turn (middleware, dialogs, stores) names its conversation. */
export class LogContextMiddleware implements Middleware {
  async onTurn(ctx: TurnContext, next: () => Promise<void>): Promise<void> {
    await withLogContext(logContextOf(ctx.activity), next);
  }
}
