import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { UnderstoodEntity } from '../../nlu-models/recognizer/Understanding';
import { msg } from '../i18n/turnLocale';

export const SIDE_TRIP_DIALOG = 'main.sideTrip';

/** A detour to another service in the middle of a flow. */
export interface SideTripOptions {
  /** Dialog id of the service to run now. */
  target: string;
  entities: readonly UnderstoodEntity[];
  text?: string;
  /** The service that was interrupted and resumes afterwards. */
  resume: string;
}

/**
 * Runs another service's flow on top of the interrupted one, then says that the interrupted service
 * continues; the interrupted flow re-asks its pending question when this dialog ends.
 */
export class SideTripDialog extends WaterfallDialog<SideTripOptions> {
  constructor() {
    super(SIDE_TRIP_DIALOG, []);
    this.addStep(async (step: WaterfallStepContext<SideTripOptions>): Promise<DialogTurnResult> =>
      step.beginDialog(step.options.target, { entities: step.options.entities, text: step.options.text, sideTrip: true }));
    this.addStep(async (step: WaterfallStepContext<SideTripOptions>): Promise<DialogTurnResult> => {
      await step.context.sendActivity(msg(step.context, 'main.resume', { service: msg(step.context, `main.service.${step.options.resume}`) }));
      return step.endDialog();
    });
  }
}
