import type { TurnContext } from 'botbuilder';

/** What the citizen's message of this turn is known to be: their name at binding, or a verification code. */
export type SensitiveInput = 'name' | 'code';

const SENSITIVE_INPUT = Symbol('jiaoguan.sensitiveInput');

/**
 * Called by a prompt reading the citizen's answer (before anything is sent this turn): the transcript and the
 * misunderstood inbox then keep the message masked (a name as 李*, a code as ******).
 */
export function markSensitiveInput(ctx: TurnContext, kind: SensitiveInput): void {
  ctx.turnState.set(SENSITIVE_INPUT, kind);
}

export function sensitiveInputOf(ctx: TurnContext): SensitiveInput | undefined {
  return ctx.turnState.get(SENSITIVE_INPUT) as SensitiveInput | undefined;
}
