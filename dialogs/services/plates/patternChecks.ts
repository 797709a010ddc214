import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { DialogDeps } from '../../DialogDeps';
import { msg } from '../../i18n/turnLocale';
import { callPlates } from './callPlates';
import { ask, failedBefore } from '../../prompts/AskPrompt';
import { isRedirect } from '../../prompts/PromptDefinition';
import { patternProblem, readPatterns, verdictReport } from './patternList';
import { PLATES_PROMPTS } from './prompts';
import type { PickOutcome, PlateSelectState } from './PlateSelectState';
import { endLoopOnError, PATTERN_LOOP } from './selectionLoops';

type Step = WaterfallStepContext<PlateSelectState>;

/**
 * 自编号码: the citizen's numbers (up to 20, in one message) are checked in order; every verdict up to the
 * first available one is shown and that one offered. Numbers after it are kept, so a plate taken meanwhile
 * or declined leads to the next one. Ends with a PickOutcome.
 */
export function patternCheckDialog(deps: DialogDeps): WaterfallDialog<PlateSelectState> {
  async function askPatterns(step: Step): Promise<DialogTurnResult> {
    const s = step.options;
    if (s.pendingPatterns?.length) return step.next();
    // After an answer that could not be read: what was wrong with it, then what is expected.
    const prompt = s.patternProblem ? `${s.patternProblem}\n${msg(step.context, 'plate.patternsRetry')}` : msg(step.context, 'plate.askPatterns');
    s.patternProblem = undefined;
    return ask(step, PLATES_PROMPTS.patterns, { prompt, retryPrompt: msg(step.context, 'plate.patternsRetry'), failures: s.patternFailures });
  }

  async function check(step: Step): Promise<DialogTurnResult> {
    const s = step.options;
    if (isRedirect(step.result)) return step.endDialog({ outcome: 'back', state: s } satisfies PickOutcome);
    const reading = readPatterns(step.result as string | undefined);
    // An answer that leads to no plate counts as a failed one when the question is asked again.
    const nowhere = s.pendingPatterns?.length ? 0 : failedBefore(step.context) + 1;
    if (!s.pendingPatterns?.length && !reading.ok) {
      return step.replaceDialog(PATTERN_LOOP, { ...s, patternProblem: patternProblem(step.context, reading), patternFailures: nowhere });
    }
    const patterns = s.pendingPatterns?.length ? s.pendingPatterns : reading.ok ? reading.patterns : [];
    s.pendingPatterns = undefined;
    if (patterns.length === 0) return step.replaceDialog(PATTERN_LOOP, s);
    const result = await callPlates(step.context, s.vin, () => deps.platform.plates.checkPatterns(s.idNumber ?? '', s.vin ?? '', patterns));
    if (!result.ok) {
      return result.error.code === 'INVALID_ARGUMENT' ? step.replaceDialog(PATTERN_LOOP, { ...s, patternFailures: nowhere }) : endLoopOnError(step, result.error);
    }
    await step.context.sendActivity(verdictReport(step.context, result.value));
    const plate = result.value.plate;
    if (plate === null) {
      await step.context.sendActivity(msg(step.context, 'plate.noneAvailable'));
      return step.replaceDialog(PATTERN_LOOP, { ...s, patternFailures: nowhere });
    }
    s.pendingPatterns = patterns.slice(result.value.checked.length);
    s.patternFailures = undefined;
    return step.endDialog({ outcome: 'plate', plate, state: s } satisfies PickOutcome);
  }

  return new WaterfallDialog<PlateSelectState>(PATTERN_LOOP, [askPatterns, check]);
}
