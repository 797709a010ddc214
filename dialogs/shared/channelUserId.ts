import type { TurnContext } from 'botbuilder';
import { entryPointOf } from './entryPoint';

/**
 * Who the citizen is, for the identity binding: keyed by the entry point that authenticated the message,
 * never by the channelId the caller wrote. A WeChat follower is `wechat:<OpenID>`; a Bot Framework user is
 * `botframework:<channelId>:<id>`, so an activity claiming `channelId: "wechat"` names nobody on WeChat.
 */
export function channelUserId(ctx: TurnContext): string {
  const from = ctx.activity.from?.id ?? 'anonymous';
  return entryPointOf(ctx) === 'wechat' ? `wechat:${from}` : `botframework:${ctx.activity.channelId ?? 'unknown'}:${from}`;
}
