import { MessageFactory, type TurnContext } from 'botbuilder';
import { Prompt, type PromptOptions, type PromptRecognizerResult, type PromptValidator } from 'botbuilder-dialogs';
import { normalizeText } from '../../nlu-models/text/normalize';
import { msg } from '../i18n/turnLocale';

const YES = /^(是|是的|对|对的|好|好的|好滴|嗯|嗯嗯|确认|确定|可以|行|没问题|ok|okay|y|yes|yep|yeah|sure|confirm|1)(了|啦|吧|呀)?[!！。.~]*$/i;
const NO = /^(否|不|不是|不要|不用|不行|不对|算了|取消|no|n|nope|cancel|2)(了|啦|吧|呀)?[!！。.~]*$/i;

/** Reads a yes/no answer in Chinese or English ("是"/"好的"/"yes"/"1", "否"/"不用"/"no"/"2"). */
export function parseYesNo(text: string): boolean | undefined {
  const t = normalizeText(text).replace(/\s+/g, '');
  if (YES.test(t)) return true;
  if (NO.test(t)) return false;
  return undefined;
}

/**
 * A confirmation prompt that understands Chinese and English answers, offers 是/否 as buttons
 * (numbered text where the channel has no buttons) and re-asks with a clear hint.
 */
export class YesNoPrompt extends Prompt<boolean> {
  constructor(dialogId: string, validator?: PromptValidator<boolean>) {
    super(dialogId, validator);
  }

  protected async onPrompt(ctx: TurnContext, _state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    const base = isRetry && options.retryPrompt ? options.retryPrompt : options.prompt;
    const text = typeof base === 'string' ? base : base?.text ?? '';
    const shown = isRetry && !options.retryPrompt ? `${msg(ctx, 'common.confirmRetry')}\n${text}` : text;
    await ctx.sendActivity(MessageFactory.suggestedActions([msg(ctx, 'common.yes'), msg(ctx, 'common.no')], shown));
  }

  protected async onRecognize(ctx: TurnContext): Promise<PromptRecognizerResult<boolean>> {
    const value = parseYesNo(ctx.activity.text ?? '');
    return value === undefined ? { succeeded: false } : { succeeded: true, value };
  }
}
