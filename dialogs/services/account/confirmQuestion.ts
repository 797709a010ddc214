import type { Dialog } from 'botbuilder-dialogs';
import type { DialogDeps } from '../../DialogDeps';
import type { PromptDefinition } from '../../prompts/PromptDefinition';
import { YesNoPrompt } from '../../prompts/YesNoPrompt';

/**
 * A yes/no question. The prompt layer's AskPrompt reads the answer with the definition's purpose (at an unbind
 * confirmation 「解绑吧」 is a yes); until it is in the checkout this is the word-list YesNoPrompt.
 */
export function confirmQuestion(definition: PromptDefinition, _deps: DialogDeps): Dialog {
  return new YesNoPrompt(definition.id);
}
