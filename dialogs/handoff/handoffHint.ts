import type { TurnContext } from 'botbuilder';
import type { HandoffReason } from '../../integrations/storage/handoffs';

/** turnState key: why a person may be needed, noted during a turn (a rule refused, the platform failed). */
export const HANDOFF_HINT = Symbol('jiaoguan.handoffHint');

/**
 * Notes that this turn ended somewhere a person should help (the reply offers 「人工」). If the citizen asks for
 * an agent soon after, the handoff carries this reason instead of a plain request.
 */
export function hintHandoff(ctx: TurnContext, reason: Exclude<HandoffReason, 'requested' | 'misunderstood' | 'complaint'>): void {
  ctx.turnState.set(HANDOFF_HINT, reason);
}

export function handoffHintOf(ctx: TurnContext): HandoffReason | undefined {
  return ctx.turnState.get(HANDOFF_HINT) as HandoffReason | undefined;
}
