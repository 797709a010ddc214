import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Binding } from '../../../integrations/platform/types';
import { maskIdNumber } from '../../../integrations/privacy/maskIdNumber';
import { maskName } from '../../../integrations/privacy/maskName';
import type { DialogDeps } from '../../DialogDeps';
import { msg } from '../../i18n/turnLocale';
import type { AskOptions } from '../../prompts/PromptDefinition';
import { channelUserId } from '../../shared/channelUserId';
import type { FlowOptions } from '../../shared/FlowOptions';
import { runPlatform } from '../../shared/runPlatform';
import { confirmQuestion } from './confirmQuestion';
import { ACCOUNT_PROMPTS } from './prompts';

export const UNBIND_DIALOG = 'account.unbindDialog';
const MAIN_WATERFALL = 'account.unbind.main';

interface UnbindState extends FlowOptions {
  binding?: Binding;
}

const masked = (b: Binding) => ({ maskedName: maskName(b.name), maskedId: maskIdNumber(b.idNumber) });

/**
 * 「解除绑定」: names the bound identity (masked) and asks to confirm; yes → the platform removes the binding and the
 * reply says whose binding was removed; no → says the binding stays. Not bound → says so.
 */
export class UnbindDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(UNBIND_DIALOG);
    this.addDialog(confirmQuestion(ACCOUNT_PROMPTS.unbindConfirm, deps));
    this.addDialog(new WaterfallDialog(MAIN_WATERFALL, [this.ask.bind(this), this.unbind.bind(this)]));
    this.initialDialogId = MAIN_WATERFALL;
  }

  private async ask(step: WaterfallStepContext<UnbindState>): Promise<DialogTurnResult> {
    const found = await runPlatform(step.context, () => this.deps.platform.identity.getBinding(channelUserId(step.context)));
    if (!found.ok) return step.endDialog(null);
    if (!found.value) {
      await step.context.sendActivity(msg(step.context, 'account.unbind.notBound'));
      return step.endDialog(null);
    }
    step.options.binding = found.value;
    return step.prompt(ACCOUNT_PROMPTS.unbindConfirm.id, {
      prompt: msg(step.context, 'account.unbind.confirm', masked(found.value)),
    } satisfies AskOptions);
  }

  private async unbind(step: WaterfallStepContext<UnbindState>): Promise<DialogTurnResult> {
    const binding = step.options.binding;
    if (!binding) return step.endDialog(null);
    if (step.result !== true) {
      await step.context.sendActivity(msg(step.context, 'account.unbind.kept', masked(binding)));
      return step.endDialog(null);
    }
    const removed = await runPlatform(step.context, () => this.deps.platform.identity.unbind(channelUserId(step.context)));
    if (!removed.ok) return step.endDialog(null);
    // null: already removed (a repeated request): the binding asked about is gone all the same.
    await step.context.sendActivity(msg(step.context, 'account.unbind.done', masked(removed.value ?? binding)));
    return step.endDialog(removed.value ?? binding);
  }
}
