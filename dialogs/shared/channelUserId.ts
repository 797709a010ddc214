import type { TurnContext } from 'botbuilder';

/** Who the citizen is on this channel: the identity binding is per channel user. */
export function channelUserId(ctx: TurnContext): string {
  return `${ctx.activity.channelId}:${ctx.activity.from?.id ?? 'anonymous'}`;
}
