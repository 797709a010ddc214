import { ListStyle, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { DialogDeps } from '../../DialogDeps';
import { msg } from '../../i18n/turnLocale';
import { callPlates } from './callPlates';
import { candidateChoices, choiceValue, MORE, SWITCH_TO_PATTERNS } from './plateChoices';
import type { PickOutcome, PlateSelectState } from './PlateSelectState';
import { CANDIDATE_PROMPT, endLoopOnError, PATTERN_LOOP, RANDOM_LOOP } from './selectionLoops';

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
    return step.prompt(CANDIDATE_PROMPT, {
      prompt: msg(step.context, last ? 'plate.lastRound' : 'plate.round', { round: s.round ?? 1, count }),
      retryPrompt: msg(step.context, last ? 'plate.badCandidateLast' : 'plate.badCandidate', { count }),
      choices: candidateChoices(step.context, s),
      style: ListStyle.suggestedAction,
    });
  }

  async function picked(step: Step): Promise<DialogTurnResult> {
    const s = step.options;
    const value = choiceValue(step.result);
    if (value === MORE) return step.replaceDialog(RANDOM_LOOP, { ...s, candidates: undefined });
    if (value === SWITCH_TO_PATTERNS) return step.replaceDialog(PATTERN_LOOP, { ...s, way: 'pattern', candidates: undefined });
    if (value === undefined) return step.replaceDialog(RANDOM_LOOP, s);
    return step.endDialog({ outcome: 'plate', plate: value, state: s } satisfies PickOutcome);
  }

  return new WaterfallDialog<PlateSelectState>(RANDOM_LOOP, [showRound, picked]);
}
