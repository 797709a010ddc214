import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { maskIdNumber } from '../../../integrations/privacy/maskIdNumber';
import { maskName } from '../../../integrations/privacy/maskName';
import type { DialogDeps } from '../../DialogDeps';
import { msg } from '../../i18n/turnLocale';
import { channelUserId } from '../../shared/channelUserId';
import type { FlowOptions } from '../../shared/FlowOptions';
import { runPlatform } from '../../shared/runPlatform';

export const WHOAMI_DIALOG = 'account.whoamiDialog';
const MAIN_WATERFALL = 'account.whoami.main';

/** 「我绑定的是谁」: the bound identity, masked (name, ID number, phone on file); not bound → says so and how binding works. */
export class WhoAmIDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(WHOAMI_DIALOG);
    this.addDialog(new WaterfallDialog(MAIN_WATERFALL, [this.show.bind(this)]));
    this.initialDialogId = MAIN_WATERFALL;
  }

  private async show(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    const found = await runPlatform(step.context, () => this.deps.platform.identity.getBinding(channelUserId(step.context)));
    if (!found.ok) return step.endDialog(null);
    const b = found.value;
    await step.context.sendActivity(b
      ? msg(step.context, 'account.whoami.bound', { maskedName: maskName(b.name), maskedId: maskIdNumber(b.idNumber), maskedPhone: b.maskedPhone })
      : msg(step.context, 'account.whoami.notBound'));
    return step.endDialog(b);
  }
}
