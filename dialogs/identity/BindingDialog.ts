import { maskName } from '../../integrations/privacy/maskName';
import {
  ComponentDialog, TextPrompt, WaterfallDialog,
  type PromptValidatorContext, type WaterfallStepContext, type DialogTurnResult,
} from 'botbuilder-dialogs';
import type { Binding } from '../../integrations/platform/types';
import { maskIdNumber } from '../../integrations/privacy/maskIdNumber';
import { extractEntities } from '../../nlu-models/entities';
import type { DialogDeps } from '../DialogDeps';
import { msg } from '../i18n/turnLocale';
import { channelUserId } from '../shared/channelUserId';
import { runPlatform } from '../shared/runPlatform';
import { markSensitiveInput } from '../shared/sensitiveInput';
import { todayOf } from '../shared/today';

export const BINDING_DIALOG = 'bindingDialog';
const ID_PROMPT = 'binding.idNumberPrompt';
const NAME_PROMPT = 'binding.namePrompt';
const CODE_PROMPT = 'binding.codePrompt';
const MAIN_WATERFALL = 'binding.main';
const CODE_LOOP = 'binding.codeLoop';

/** What the binding flow has collected so far (kept in dialog state, so it survives restarts). */
export interface BindingState {
  idNumber?: string;
  name?: string;
  codeLength?: number;
  /** Set when the flow starts over after a mismatch, so the introduction is not repeated. */
  retry?: boolean;
}

const NAME = /^[\u4e00-\u9fff·A-Za-z .]{2,20}$/u;

/**
 * Binds the channel user to a citizen once: ID number (checksum validated), name, then the SMS code sent
 * to the phone on file. Three wrong codes lock this channel user's attempt on that ID number for 10 minutes, and codes
 * are sent at most so often (both enforced by the platform).
 * Ends with the Binding, or null when binding did not complete.
 */
export class BindingDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(BINDING_DIALOG);
    this.addDialog(new TextPrompt(ID_PROMPT, async (p: PromptValidatorContext<string>) => this.readIdNumber(p.recognized.value) !== undefined));
    // What is typed at the name and code prompts is kept masked in the transcript and the inbox, valid or not.
    this.addDialog(new TextPrompt(NAME_PROMPT, async (p: PromptValidatorContext<string>) => {
      markSensitiveInput(p.context, 'name');
      return NAME.test((p.recognized.value ?? '').trim());
    }));
    this.addDialog(new TextPrompt(CODE_PROMPT, async (p: PromptValidatorContext<string>) => {
      markSensitiveInput(p.context, 'code');
      return /^\d{4,8}$/.test((p.recognized.value ?? '').trim());
    }));
    this.addDialog(new WaterfallDialog(MAIN_WATERFALL, [
      this.checkBound.bind(this),
      this.askName.bind(this),
      this.sendCode.bind(this),
      this.finish.bind(this),
    ]));
    this.addDialog(new WaterfallDialog(CODE_LOOP, [this.askCode.bind(this), this.checkCode.bind(this)]));
    this.initialDialogId = MAIN_WATERFALL;
  }

  private readIdNumber(text: string | undefined): string | undefined {
    return extractEntities(text ?? '', { today: todayOf(this.deps.clock) }).find((e) => e.entity === 'id_number')?.value;
  }

  private async checkBound(step: WaterfallStepContext<BindingState>): Promise<DialogTurnResult> {
    const existing = await runPlatform(step.context, () => this.deps.platform.identity.getBinding(channelUserId(step.context)));
    // The platform is down: the citizen has been told, with the offer of a person.
    if (!existing.ok) return step.endDialog(null);
    if (existing.value) return step.endDialog(existing.value);
    if (!step.options.retry) await step.context.sendActivity(msg(step.context, 'identity.intro'));
    return step.prompt(ID_PROMPT, {
      prompt: msg(step.context, 'identity.askIdNumber'),
      retryPrompt: msg(step.context, 'identity.badIdNumber'),
    });
  }

  private async askName(step: WaterfallStepContext<BindingState>): Promise<DialogTurnResult> {
    step.options.idNumber = this.readIdNumber(step.result as string);
    return step.prompt(NAME_PROMPT, { prompt: msg(step.context, 'identity.askName'), retryPrompt: msg(step.context, 'identity.badName') });
  }

  private async sendCode(step: WaterfallStepContext<BindingState>): Promise<DialogTurnResult> {
    const state = step.options;
    state.name = (step.result as string).trim();
    const idNumber = state.idNumber ?? '';
    const sent = await runPlatform(step.context, () =>
      this.deps.platform.identity.startBinding(channelUserId(step.context), idNumber, state.name ?? ''));
    if (!sent.ok) {
      if (sent.error.code === 'IDENTITY_MISMATCH') return step.replaceDialog(MAIN_WATERFALL, { retry: true });
      await step.context.sendActivity(msg(step.context, 'identity.notBound'));
      return step.endDialog(null);
    }
    state.codeLength = sent.value.codeLength;
    await step.context.sendActivity(msg(step.context, 'identity.codeSent', { maskedPhone: sent.value.maskedPhone, codeLength: sent.value.codeLength }));
    return step.beginDialog(CODE_LOOP, { ...state });
  }

  private async finish(step: WaterfallStepContext<BindingState>): Promise<DialogTurnResult> {
    return step.endDialog((step.result as Binding | null | undefined) ?? null);
  }

  private async askCode(step: WaterfallStepContext<BindingState>): Promise<DialogTurnResult> {
    const codeLength = step.options.codeLength ?? 6;
    return step.prompt(CODE_PROMPT, { retryPrompt: msg(step.context, 'identity.badCode', { codeLength }) });
  }

  private async checkCode(step: WaterfallStepContext<BindingState>): Promise<DialogTurnResult> {
    const state = step.options;
    const code = (step.result as string).trim();
    const bound = await runPlatform(step.context, () =>
      this.deps.platform.identity.confirmBinding(channelUserId(step.context), state.idNumber ?? '', code));
    if (bound.ok) {
      await step.context.sendActivity(msg(step.context, 'identity.bound', {
        maskedName: maskName(bound.value.name), maskedId: maskIdNumber(bound.value.idNumber),
      }));
      return step.endDialog(bound.value);
    }
    if (bound.error.code === 'CODE_WRONG') return step.replaceDialog(CODE_LOOP, state);
    await step.context.sendActivity(msg(step.context, 'identity.notBound'));
    return step.endDialog(null);
  }
}
