import type { TurnContext } from 'botbuilder';

/** The door a message came in through, set by the entry point that authenticated it (never read from the activity). */
export type EntryPoint = 'wechat' | 'botframework';

const ENTRY_POINT = Symbol('jiaoguan.entryPoint');

/** Called by an entry point on the turns it starts, after it verified the message (the WeChat signature, say). */
export function markEntryPoint(ctx: TurnContext, entry: EntryPoint): void {
  ctx.turnState.set(ENTRY_POINT, entry);
}

/**
 * Which entry point authenticated this turn. A turn no entry point marked is a Bot Framework one: the
 * default is the door where the caller writes the activity, so nothing it claims can reach another door's users.
 */
export function entryPointOf(ctx: TurnContext): EntryPoint {
  return ctx.turnState.get(ENTRY_POINT) === 'wechat' ? 'wechat' : 'botframework';
}
