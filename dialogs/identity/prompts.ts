import type { TurnContext } from 'botbuilder';
import { TextPrompt, type Dialog, type PromptValidatorContext } from 'botbuilder-dialogs';
import type { AskOptions, PromptDefinition } from '../prompts/PromptDefinition';
import type { DialogDeps } from '../DialogDeps';

/** The binding flow's questions (BindingDialog): ID number, name, SMS code. */
export const BINDING_PROMPTS = {
  idNumber: {
    id: 'binding.idNumberPrompt', kind: 'text',
    example: { 'zh-CN': '110101 19900307 7571（18位，最后一位可以是X）', en: '110101 19900307 7571 (18 characters, the last may be X)' },
  },
  name: {
    id: 'binding.namePrompt', kind: 'text',
    example: { 'zh-CN': '张伟（身份证上的姓名）', en: 'Zhang Wei (the name on your ID card)' },
  },
  code: {
    id: 'binding.codePrompt', kind: 'text',
    example: { 'zh-CN': '123456（短信里的6位数字；没收到可以回复「重新发送」）', en: '123456 (the 6 digits in the text message; or "resend")' },
  },
} as const satisfies Record<string, PromptDefinition>;

/** Reads the value of an answer at a text question (undefined: not an answer); may set options.retryPrompt to say why. */
export type TextReader = (ctx: TurnContext, text: string, options: AskOptions) => string | undefined;

/**
 * A text question with its reader. The prompt layer's AskPrompt takes the same definition and reader; until it is in
 * the checkout this is a TextPrompt whose validator runs the reader and passes on what it read.
 */
export function textQuestion(definition: PromptDefinition, _deps: DialogDeps, read: TextReader): Dialog {
  return new TextPrompt(definition.id, async (p: PromptValidatorContext<string>) => {
    const value = read(p.context, p.recognized.value ?? '', p.options as AskOptions);
    if (value === undefined) return false;
    p.recognized.value = value;
    return true;
  });
}
