import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { PlatformError } from '../../../integrations/platform/errors';
import type { PickOutcome, PlateSelectState } from './PlateSelectState';
import { PLATES_PROMPTS } from './prompts';

/** Ids of the two selection loops and their prompts (each loop ends with a PickOutcome). */
export const RANDOM_LOOP = 'plate.randomLoop';
export const CANDIDATE_PROMPT = PLATES_PROMPTS.candidate.id;
export const PATTERN_LOOP = 'plate.patternLoop';
export const PATTERN_PROMPT = PLATES_PROMPTS.patterns.id;

/** How a failed platform call ends a selection loop (the reason was already said by callPlates). */
export function endLoopOnError(step: WaterfallStepContext<PlateSelectState>, error: PlatformError): Promise<DialogTurnResult> {
  const outcome: PickOutcome['outcome'] = error.code === 'NOT_FOUND' ? 'vehicleNotFound'
    : error.code === 'VEHICLE_HAS_PLATE' ? 'stop' : 'retryWay';
  return step.endDialog({ outcome, state: step.options } satisfies PickOutcome);
}
