import type { DialogContext, DialogInstance, DialogTurnResult, WaterfallStep, WaterfallStepContext } from 'botbuilder-dialogs';
import { msg } from '../i18n/turnLocale';
import type { Binding } from '../../integrations/platform/types';
import type { DialogDeps } from '../DialogDeps';
import { channelUserId } from '../shared/channelUserId';
import { runPlatform } from '../shared/runPlatform';
import { BINDING_DIALOG } from './BindingDialog';

/** The identity methods a flow that asks for a bound identity calls (here and in BindingDialog): its `calls.identity`. */
export const BINDING_CALLS = ['getBinding', 'startBinding', 'confirmBinding'] as const;

/**
 * A waterfall step that passes the citizen's Binding to the next step, running BindingDialog first
 * when the channel user is not bound yet. The component must have added a BindingDialog. When the platform cannot
 * say who is bound (down, timed out), the citizen is told so with the offer of a person and the step passes null.
 */
export function ensureBoundStep<O extends object>(deps: DialogDeps): WaterfallStep<O> {
  return async (step: WaterfallStepContext<O>): Promise<DialogTurnResult> => {
    const found = await runPlatform(step.context, () => deps.platform.identity.getBinding(channelUserId(step.context)));
    if (!found.ok) return step.next(null);
    if (found.value) return step.next(found.value);
    // A side question in the middle of binding (「我的记分」 at the name question): not a second binding inside the first.
    if (bindingUnderway(step)) {
      await step.context.sendActivity(msg(step.context, 'identity.finishBindingFirst'));
      return step.next(null);
    }
    return step.beginDialog(BINDING_DIALOG);
  };
}

/** The inner stack a ComponentDialog keeps in its instance's state. */
function innerStack(entry: DialogInstance): readonly DialogInstance[] {
  const state = entry.state as { dialogs?: { dialogStack?: DialogInstance[] } } | undefined;
  return state?.dialogs?.dialogStack ?? [];
}

function holdsBinding(stack: readonly DialogInstance[]): boolean {
  return stack.some((e) => e.id === BINDING_DIALOG || holdsBinding(innerStack(e)));
}

/** Whether a binding is already being asked for further down this conversation's dialogs (a flow this one interrupted). */
function bindingUnderway(dc: DialogContext): boolean {
  for (let d: DialogContext | undefined = dc; d; d = d.parent) if (holdsBinding(d.stack)) return true;
  return false;
}

/** The Binding produced by ensureBoundStep, or null when binding did not complete. */
export function boundResult(step: WaterfallStepContext<object>): Binding | null {
  const r = step.result as Binding | null | undefined;
  return r && typeof r === 'object' && 'idNumber' in r ? r : null;
}
