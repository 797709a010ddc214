import type { DialogTurnResult, WaterfallStep, WaterfallStepContext } from 'botbuilder-dialogs';
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
    return found.value ? step.next(found.value) : step.beginDialog(BINDING_DIALOG);
  };
}

/** The Binding produced by ensureBoundStep, or null when binding did not complete. */
export function boundResult(step: WaterfallStepContext<object>): Binding | null {
  const r = step.result as Binding | null | undefined;
  return r && typeof r === 'object' && 'idNumber' in r ? r : null;
}
