import type { TurnContext } from 'botbuilder';
import {
  ChoiceFactory, ChoicePrompt, ListStyle, type FoundChoice, type PromptOptions, type PromptRecognizerResult,
} from 'botbuilder-dialogs';
import { normalizeText } from '../../../nlu-models/text/normalize';
import { readListNumber } from './fineInput';

/**
 * A ChoicePrompt as the fines flows use it: buttons (numbered text where the channel has none), answers by
 * number or ordinal (「3」「第3条」「处理第三条」 "the third"), by the button text, or by part of it ("My own vehicles").
 * A number always means the position in the list, never a number inside a label ("3 points").
 */
class FinesChoicePrompt extends ChoicePrompt {
  constructor(dialogId: string) {
    super(dialogId);
    this.style = ListStyle.suggestedAction;
    this.recognizerOptions = { allowPartialMatches: true };
  }

  protected override async onRecognize(
    context: TurnContext, state: object, options: PromptOptions,
  ): Promise<PromptRecognizerResult<FoundChoice>> {
    const text = normalizeText(context.activity.text ?? '');
    const n = readListNumber(text);
    if (n !== undefined) {
      const choices = ChoiceFactory.toChoices(options.choices ?? []);
      const index = n - 1;
      const choice = choices[index];
      return choice ? { succeeded: true, value: { value: choice.value, index, score: 1 } } : { succeeded: false };
    }
    return super.onRecognize(context, state, options);
  }
}

export function finesChoicePrompt(dialogId: string): ChoicePrompt {
  return new FinesChoicePrompt(dialogId);
}
