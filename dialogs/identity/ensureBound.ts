import type { DialogTurnResult, WaterfallStep, WaterfallStepContext } from 'botbuilder-dialogs';
import type { Binding } from '../../integrations/platform/types';
import type { DialogDeps } from '../DialogDeps';
import { channelUserId } from '../shared/channelUserId';
import { BINDING_DIALOG } from './BindingDialog';

/**
 * A waterfall step that passes the citizen's Binding to the next step, running BindingDialog first
 * when the channel user is not bound yet. The component must have added a BindingDialog.
 */
export function ensureBoundStep<O extends object>(deps: DialogDeps): WaterfallStep<O> {
  return async (step: WaterfallStepContext<O>): Promise<DialogTurnResult> => {
    const binding = await deps.platform.identity.getBinding(channelUserId(step.context));
    return binding ? step.next(binding) : step.beginDialog(BINDING_DIALOG);
  };
}

/** The Binding produced by ensureBoundStep, or null when binding did not complete. */
export function boundResult(step: WaterfallStepContext<object>): Binding | null {
  const r = step.result as Binding | null | undefined;
  return r && typeof r === 'object' && 'idNumber' in r ? r : null;
}
