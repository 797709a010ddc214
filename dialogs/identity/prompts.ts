import type { TurnContext } from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import { AskPrompt } from '../prompts/AskPrompt';
import type { AskOptions, PromptDefinition } from '../prompts/PromptDefinition';
import type { DialogDeps } from '../DialogDeps';

/**
 * The binding flow's questions (BindingDialog): ID number, name, SMS code. Binding runs inside the services that need a
 * bound identity, so no service module lists these: a service's prompt matrix passes them as its extra questions.
 */
export const BINDING_PROMPTS = {
  idNumber: {
    id: 'binding.idNumberPrompt', kind: 'text',
    step: { 'zh-CN': '绑定身份：输入身份证号', en: 'binding: ID number' },
    example: { 'zh-CN': '110101 19900307 7571（18位，最后一位可以是X）', en: '110101 19900307 7571 (18 characters, the last may be X)' },
  },
  name: {
    id: 'binding.namePrompt', kind: 'text',
    step: { 'zh-CN': '绑定身份：输入姓名', en: 'binding: name' },
    example: { 'zh-CN': '张伟（身份证上的姓名）', en: 'Zhang Wei (the name on your ID card)' },
  },
  code: {
    id: 'binding.codePrompt', kind: 'text',
    step: { 'zh-CN': '绑定身份：输入验证码', en: 'binding: SMS code' },
    example: { 'zh-CN': '123456（短信里的6位数字；没收到可以回复「重新发送」）', en: '123456 (the 6 digits in the text message; or "resend")' },
  },
} as const satisfies Record<string, PromptDefinition>;

/** Reads the value of an answer at a text question (undefined: not an answer); may set options.retryPrompt to say why. */
export type TextReader = (ctx: TurnContext, text: string, options: AskOptions) => string | undefined;

/** A text question read by `read` (the prompt layer: side questions, stop, a person and repair come with it). */
export function textQuestion(definition: PromptDefinition, deps: DialogDeps, read: TextReader): Dialog {
  return new AskPrompt(definition, deps, { read });
}
