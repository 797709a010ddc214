import type { TurnContext } from 'botbuilder';
import {
  ChoicePrompt, ListStyle, type Choice, type FoundChoice, type PromptOptions, type PromptValidatorContext,
} from 'botbuilder-dialogs';
import { extractEntities } from '../../../nlu-models/entities';
import type { EntityName } from '../../../nlu-models/entities';

/** Reads a free-text answer the buttons do not cover ("科二", "12月3号"); undefined when the text says nothing useful. */
export type FreeTextReader = (ctx: TurnContext, text: string, options: PromptOptions) => FoundChoice | undefined;

/**
 * A ChoicePrompt shown as buttons (numbered text where the channel has none) that also understands free text:
 * what `read` finds takes precedence over the button matching, so "12月3号" is a date, not button number 3.
 * A free-text answer comes back with index -1 and its own value.
 */
export function examChoicePrompt(dialogId: string, read: FreeTextReader): ChoicePrompt {
  const prompt = new ChoicePrompt(dialogId, async (p: PromptValidatorContext<FoundChoice>) => {
    const own = read(p.context, p.context.activity.text ?? '', p.options);
    if (own) {
      p.recognized.succeeded = true;
      p.recognized.value = own;
      return true;
    }
    return p.recognized.succeeded;
  });
  prompt.style = ListStyle.suggestedAction;
  return prompt;
}

/** The first entity of a kind in free text, on the turn's date. */
export function entityIn(text: string, entity: EntityName, today: string): string | undefined {
  return extractEntities(text, { today }).find((e) => e.entity === entity)?.value;
}

/** A free-text answer as a FoundChoice (index -1: not one of the buttons). */
export function freeAnswer(value: string): FoundChoice {
  return { value, index: -1, score: 1 };
}

/** Prompt options for a button question with its catalogue retry text. */
export function choiceOptions(prompt: string, retryPrompt: string, choices: Choice[], validations?: object): PromptOptions {
  return { prompt, retryPrompt, choices, validations };
}
