import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { DialogDeps } from '../../DialogDeps';
import { msg } from '../../i18n/turnLocale';
import { callPlates } from './callPlates';
import { readPatterns, verdictReport } from './patternList';
import type { PickOutcome, PlateSelectState } from './PlateSelectState';
import { endLoopOnError, PATTERN_LOOP, PATTERN_PROMPT } from './selectionLoops';

type Step = WaterfallStepContext<PlateSelectState>;

/**
 * 自编号码: the citizen's numbers (up to 20, in one message) are checked in order; every verdict up to the
 * first available one is shown and that one offered. Numbers after it are kept, so a plate taken meanwhile
 * or declined leads to the next one. Ends with a PickOutcome.
 */
export function patternCheckDialog(deps: DialogDeps): WaterfallDialog<PlateSelectState> {
  async function ask(step: Step): Promise<DialogTurnResult> {
    if (step.options.pendingPatterns?.length) return step.next();
    return step.prompt(PATTERN_PROMPT, { prompt: msg(step.context, 'plate.askPatterns'), retryPrompt: msg(step.context, 'plate.patternsRetry') });
  }

  async function check(step: Step): Promise<DialogTurnResult> {
    const s = step.options;
    const reading = readPatterns(step.result as string | undefined);
    const patterns = s.pendingPatterns?.length ? s.pendingPatterns : reading.ok ? reading.patterns : [];
    s.pendingPatterns = undefined;
    if (patterns.length === 0) return step.replaceDialog(PATTERN_LOOP, s);
    const result = await callPlates(step.context, s.vin, () => deps.platform.plates.checkPatterns(s.idNumber ?? '', s.vin ?? '', patterns));
    if (!result.ok) {
      return result.error.code === 'INVALID_ARGUMENT' ? step.replaceDialog(PATTERN_LOOP, s) : endLoopOnError(step, result.error);
    }
    await step.context.sendActivity(verdictReport(step.context, result.value));
    const plate = result.value.plate;
    if (plate === null) {
      await step.context.sendActivity(msg(step.context, 'plate.noneAvailable'));
      return step.replaceDialog(PATTERN_LOOP, s);
    }
    s.pendingPatterns = patterns.slice(result.value.checked.length);
    return step.endDialog({ outcome: 'plate', plate, state: s } satisfies PickOutcome);
  }

  return new WaterfallDialog<PlateSelectState>(PATTERN_LOOP, [ask, check]);
}
