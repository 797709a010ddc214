import type { Dialog } from 'botbuilder-dialogs';
import type { DialogDeps } from '../../DialogDeps';
import { AskPrompt } from '../../prompts/AskPrompt';
import type { PromptDefinition } from '../../prompts/PromptDefinition';

/** A yes/no question, read by the prompt layer with the definition's purpose (at an unbind confirmation 「解绑吧」 is a yes). */
export function confirmQuestion(definition: PromptDefinition, deps: DialogDeps): Dialog {
  return new AskPrompt(definition, deps);
}
