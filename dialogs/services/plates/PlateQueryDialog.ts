import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { PlateReservation } from '../../../integrations/platform/types';
import type { DialogDeps } from '../../DialogDeps';
import { BindingDialog } from '../../identity/BindingDialog';
import { boundResult, ensureBoundStep } from '../../identity/ensureBound';
import { formatDate } from '../../i18n/format';
import { localeOf, msg } from '../../i18n/turnLocale';
import { ask, AskPrompt } from '../../prompts/AskPrompt';
import type { FlowOptions } from '../../shared/FlowOptions';
import { runPlatform } from '../../shared/runPlatform';
import { PLATE_SELECT_DIALOG, PlateSelectDialog } from './PlateSelectDialog';
import { PLATES_PROMPTS } from './prompts';

export const PLATE_QUERY_DIALOG = 'plateQueryDialog';
const MAIN_WATERFALL = 'plate.query.main';

type Step = WaterfallStepContext<FlowOptions>;

/**
 * 号牌查询 (plate.query): the plates held for the citizen's vehicles — plate, VIN tail, status and until when
 * a reservation is held — or, when there is none, an offer to choose one now. Options: FlowOptions.
 * Ends with the reservations found, or with PlateSelectDialog's result when the citizen chose one.
 */
export class PlateQueryDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(PLATE_QUERY_DIALOG);
    this.addDialog(new BindingDialog(deps));
    this.addDialog(new AskPrompt(PLATES_PROMPTS.queryOffer, deps));
    this.addDialog(new PlateSelectDialog(deps));
    this.addDialog(new WaterfallDialog<FlowOptions>(MAIN_WATERFALL, [
      ensureBoundStep<FlowOptions>(deps),
      this.list.bind(this),
      this.offered.bind(this),
    ]));
    this.initialDialogId = MAIN_WATERFALL;
  }

  private async list(step: Step): Promise<DialogTurnResult> {
    const binding = boundResult(step);
    if (!binding) return step.endDialog(null);
    const held = await runPlatform(step.context, () => this.deps.platform.plates.reservedPlate({ idNumber: binding.idNumber }));
    if (!held.ok) return step.endDialog(null);
    if (held.value.length === 0) {
      await step.context.sendActivity(msg(step.context, 'plate.query.none'));
      return ask(step, PLATES_PROMPTS.queryOffer, {
        prompt: msg(step.context, 'plate.query.offerSelect'),
        retryPrompt: msg(step.context, 'plate.query.offerRetry'),
      });
    }
    const lines = held.value.map((r) => this.line(step, r));
    await step.context.sendActivity([msg(step.context, 'plate.query.header'), ...lines].join('\n'));
    return step.endDialog(held.value);
  }

  private line(step: Step, r: PlateReservation): string {
    const params = { plate: r.plate, vinTail: r.vinLast6 };
    return r.status === 'reserved' && r.expiresOn
      ? msg(step.context, 'plate.query.reserved', { ...params, expiresOn: formatDate(localeOf(step.context), r.expiresOn) })
      : msg(step.context, 'plate.query.registered', params);
  }

  private async offered(step: Step): Promise<DialogTurnResult> {
    if (step.result === true) return step.replaceDialog(PLATE_SELECT_DIALOG, { entities: step.options.entities });
    await step.context.sendActivity(msg(step.context, 'plate.query.later'));
    return step.endDialog([]);
  }
}
