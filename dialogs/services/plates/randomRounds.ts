import { WaterfallDialog, type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { DialogDeps } from '../../DialogDeps';
import { msg } from '../../i18n/turnLocale';
import { callPlates } from './callPlates';
import { ask } from '../../prompts/AskPrompt';
import { isRedirect } from '../../prompts/PromptDefinition';
import { candidateChoices, extraAction, MORE } from './plateChoices';
import { PLATES_PROMPTS } from './prompts';
import type { PickOutcome, PlateSelectState } from './PlateSelectState';
import { endLoopOnError, PATTERN_LOOP, RANDOM_LOOP } from './selectionLoops';

type Step = WaterfallStepContext<PlateSelectState>;

/**
 * 随机选号: a round of 10 candidates (a new round only when the current one is used up or the citizen asks
 * for 换一批, up to 5 rounds), then the citizen picks one. Ends with a PickOutcome.
 */
export function randomRoundDialog(deps: DialogDeps): WaterfallDialog<PlateSelectState> {
  async function showRound(step: Step): Promise<DialogTurnResult> {
    const s = step.options;
    if (!s.candidates?.length) {
      const round = await callPlates(step.context, s.vin, () => deps.platform.plates.startRandomRound(s.idNumber ?? '', s.vin ?? ''));
      if (!round.ok) {
        if (round.error.code !== 'ROUNDS_EXHAUSTED') return endLoopOnError(step, round.error);
        return step.replaceDialog(PATTERN_LOOP, { ...s, way: 'pattern', candidates: undefined });
      }
      s.round = round.value.round;
      s.roundsLeft = round.value.roundsLeft;
      s.candidates = [...round.value.candidates];
    }
    const count = s.candidates.length;
    const last = (s.roundsLeft ?? 0) === 0;
    return ask(step, PLATES_PROMPTS.candidate, {
      prompt: msg(step.context, last ? 'plate.lastRound' : 'plate.round', { round: s.round ?? 1, count }),
      retryPrompt: msg(step.context, last ? 'plate.badCandidateLast' : 'plate.badCandidate', { count }),
      choices: candidateChoices(step.context, s),
    });
  }

  async function picked(step: Step): Promise<DialogTurnResult> {
    const s = step.options;
    // 「返回上一步」: the way is asked again (this round is kept).
    if (isRedirect(step.result)) return step.endDialog({ outcome: 'back', state: s } satisfies PickOutcome);
    const found = step.result as FoundChoice | undefined;
    const candidates = s.candidates ?? [];
    if (!found) return step.replaceDialog(RANDOM_LOOP, s);
    if (found.index === candidates.length) {
      if (extraAction(s) === MORE) return step.replaceDialog(RANDOM_LOOP, { ...s, candidates: undefined });
      return step.replaceDialog(PATTERN_LOOP, { ...s, way: 'pattern', candidates: undefined });
    }
    const plate = candidates[found.index];
    if (plate === undefined) return step.replaceDialog(RANDOM_LOOP, s);
    return step.endDialog({ outcome: 'plate', plate, state: s } satisfies PickOutcome);
  }

  return new WaterfallDialog<PlateSelectState>(RANDOM_LOOP, [showRound, picked]);
}
