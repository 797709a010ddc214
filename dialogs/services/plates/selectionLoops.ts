import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { PlatformError } from '../../../integrations/platform/errors';
import type { PickOutcome, PlateSelectState } from './PlateSelectState';

/** Ids of the two selection loops (each ends with a PickOutcome); their questions are in ./prompts. */
export const RANDOM_LOOP = 'plate.randomLoop';
export const PATTERN_LOOP = 'plate.patternLoop';

/** How a failed platform call ends a selection loop (the reason was already said by callPlates). */
export function endLoopOnError(step: WaterfallStepContext<PlateSelectState>, error: PlatformError): Promise<DialogTurnResult> {
  const outcome: PickOutcome['outcome'] = error.code === 'NOT_FOUND' ? 'vehicleNotFound'
    : error.code === 'VEHICLE_HAS_PLATE' ? 'stop' : 'retryWay';
  return step.endDialog({ outcome, state: step.options } satisfies PickOutcome);
}
