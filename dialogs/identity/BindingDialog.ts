import { maskName } from '../../integrations/privacy/maskName';
import {
  ComponentDialog, WaterfallDialog,
  type WaterfallStepContext, type DialogTurnResult,
} from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { PlatformError } from '../../integrations/platform/errors';
import type { Binding, BindingChallenge } from '../../integrations/platform/types';
import { maskIdNumber } from '../../integrations/privacy/maskIdNumber';
import type { DialogDeps } from '../DialogDeps';
import type { Locale } from '../i18n/Locale';
import { localeOf, msg, setTurnLocale } from '../i18n/turnLocale';
import { normalizeText } from '../../nlu-models/text/normalize';
import type { AskOptions } from '../prompts/PromptDefinition';
import { channelUserId } from '../shared/channelUserId';
import { describePlatformError } from '../shared/describePlatformError';
import { runPlatform } from '../shared/runPlatform';
import { markSensitiveInput } from '../shared/sensitiveInput';
import { understandTurn } from '../shared/understandTurn';
import { BINDING_PROMPTS, textQuestion } from './prompts';
import { readCode, readIdNumber, readName, RESEND, saysStopBinding, STOP } from './readers';

export const BINDING_DIALOG = 'bindingDialog';
const MAIN_WATERFALL = 'binding.main';
const CODE_LOOP = 'binding.codeLoop';

/** What the binding flow has collected so far (kept in dialog state, so it survives restarts). */
export interface BindingState {
  idNumber?: string;
  name?: string;
  codeLength?: number;
  /** Where the code went (the phone on file, masked), for the replies about resending. */
  maskedPhone?: string;
  /** Set when the flow starts over after a mismatch, so the introduction is not repeated. */
  retry?: boolean;
  /** The code question's text for the next ask (the code was sent / resent / was wrong). */
  ask?: string;
}

const DEFAULT_CODE_LENGTH = 6;
/** Above this score a bare answer at the name question is a request, not a name (names score None). */
const REQUEST_CONFIDENT = 0.85;

/** What the binding questions' options carry for their readers: the language asked in, and the code's length. */
interface Asked {
  locale: Locale;
  codeLength?: number;
}

const asked = (options: AskOptions): Asked | undefined => options.validations as Asked | undefined;

/**
 * An answer that is only the value asked for (a name, an ID number, a code) is no language of its own: the reply
 * stays in the language the question was asked in (李娜 typed in an English conversation gets an English reply).
 * "my name is 李娜" is English.
 */
function keepLanguage(ctx: TurnContext, options: AskOptions, text: string, value: string): void {
  const t = normalizeText(text).replace(/[。.!！~～]+$/u, '').trim();
  const compact = (v: string) => v.replace(/[\s\-‐‑–—_.·]/g, '').toUpperCase();
  const locale = asked(options)?.locale;
  if (locale && (compact(t) === compact(value))) setTurnLocale(ctx, locale);
  else if (/^(?:my|i|i'm|im|this|it's|it|call|name|full)\b/i.test(t) && !/[\u4e00-\u9fff]/u.test(t.replace(value, ''))) setTurnLocale(ctx, 'en');
}

/**
 * Binds the channel user to a citizen once: ID number (checksum validated; spaces and dashes allowed), name (alone
 * or in a sentence), then the SMS code sent to the phone on file (alone, in a sentence or the pasted SMS).
 * 「没收到」/「重新发送」 at the code question sends a new code, keeping ID number and name (the platform's resend
 * interval respected: when it is too soon the citizen is told how long to wait). Three wrong codes lock this channel
 * user's attempt on that ID number for 10 minutes (both enforced by the platform).
 * Ends with the Binding, or null when binding did not complete.
 */
export class BindingDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(BINDING_DIALOG);
    this.addDialog(textQuestion(BINDING_PROMPTS.idNumber, deps, (ctx, text, options) => {
      if (saysStopBinding(text)) return STOP;
      const r = readIdNumber(text);
      if (r && 'idNumber' in r) {
        keepLanguage(ctx, options, text, r.idNumber);
        return r.idNumber;
      }
      options.retryPrompt = r?.problem === 'length'
        ? msg(ctx, 'identity.badIdLength', { length: r.length })
        : msg(ctx, 'identity.badIdNumber');
      return undefined;
    }));
    // What is typed at the name and code questions is kept masked in the transcript and the inbox, valid or not.
    this.addDialog(textQuestion(BINDING_PROMPTS.name, deps, (ctx, text, options) => {
      if (saysStopBinding(text)) return STOP;
      markSensitiveInput(ctx, 'name');
      const name = readName(text, (t) => this.isRequest(ctx, t));
      if (name !== undefined) keepLanguage(ctx, options, text, name);
      return name;
    }));
    this.addDialog(textQuestion(BINDING_PROMPTS.code, deps, (ctx, text, options) => {
      if (saysStopBinding(text)) return STOP;
      const code = readCode(text, asked(options)?.codeLength ?? DEFAULT_CODE_LENGTH);
      if (code !== RESEND) markSensitiveInput(ctx, 'code');
      if (code !== undefined && code !== RESEND) keepLanguage(ctx, options, text, code);
      // 「没收到」 is Chinese, "resend" English, whatever the conversation was in before.
      if (code === RESEND) setTurnLocale(ctx, /[\u4e00-\u9fff]/u.test(text) ? 'zh-CN' : 'en');
      return code;
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

  /** A bare answer the NLU confidently reads as something asked for (「查记分」, 「你好」): not a name. */
  private isRequest(ctx: TurnContext, text: string): boolean {
    const u = understandTurn(ctx, this.deps, text);
    return u.intent !== 'None' && u.score >= REQUEST_CONFIDENT;
  }

  private async checkBound(step: WaterfallStepContext<BindingState>): Promise<DialogTurnResult> {
    const existing = await runPlatform(step.context, () => this.deps.platform.identity.getBinding(channelUserId(step.context)));
    // The platform is down: the citizen has been told, with the offer of a person.
    if (!existing.ok) return step.endDialog(null);
    if (existing.value) return step.endDialog(existing.value);
    if (!step.options.retry) await step.context.sendActivity(msg(step.context, 'identity.intro'));
    return step.prompt(BINDING_PROMPTS.idNumber.id, {
      prompt: msg(step.context, 'identity.askIdNumber'),
      retryPrompt: msg(step.context, 'identity.badIdNumber'),
      validations: { locale: localeOf(step.context) } satisfies Asked,
    } satisfies AskOptions);
  }

  /** 「不绑了」 at any binding question: binding stops, and the citizen is told it was not completed. */
  private async stopped(step: WaterfallStepContext<BindingState>): Promise<DialogTurnResult> {
    await step.context.sendActivity(msg(step.context, 'identity.notBound'));
    return step.endDialog(null);
  }

  private async askName(step: WaterfallStepContext<BindingState>): Promise<DialogTurnResult> {
    if (step.result === STOP) return this.stopped(step);
    step.options.idNumber = step.result as string;
    return step.prompt(BINDING_PROMPTS.name.id, {
      prompt: msg(step.context, 'identity.askName'), retryPrompt: msg(step.context, 'identity.badName'),
      validations: { locale: localeOf(step.context) } satisfies Asked,
    } satisfies AskOptions);
  }

  private async sendCode(step: WaterfallStepContext<BindingState>): Promise<DialogTurnResult> {
    if (step.result === STOP) return this.stopped(step);
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
    state.maskedPhone = sent.value.maskedPhone;
    const ask = msg(step.context, 'identity.codeSent', { maskedPhone: sent.value.maskedPhone, codeLength: sent.value.codeLength });
    return step.beginDialog(CODE_LOOP, { ...state, ask });
  }

  private async finish(step: WaterfallStepContext<BindingState>): Promise<DialogTurnResult> {
    return step.endDialog((step.result as Binding | null | undefined) ?? null);
  }

  private async askCode(step: WaterfallStepContext<BindingState>): Promise<DialogTurnResult> {
    const codeLength = step.options.codeLength ?? DEFAULT_CODE_LENGTH;
    return step.prompt(BINDING_PROMPTS.code.id, {
      prompt: step.options.ask ?? msg(step.context, 'identity.askCode', { codeLength }),
      retryPrompt: msg(step.context, 'identity.badCode', { codeLength }),
      validations: { codeLength, locale: localeOf(step.context) } satisfies Asked,
    } satisfies AskOptions);
  }

  private async checkCode(step: WaterfallStepContext<BindingState>): Promise<DialogTurnResult> {
    const state = step.options;
    const answer = step.result as string;
    if (answer === STOP) return this.stopped(step);
    if (answer === RESEND) return this.resend(step);
    const bound = await this.confirm(step.context, state, answer);
    if (bound instanceof PlatformError) {
      // A wrong code: the reason is the next question (「验证码不对，你还可以再试2次」), the ID number and name are kept.
      if (bound.code === 'CODE_WRONG') return step.replaceDialog(CODE_LOOP, { ...state, ask: describePlatformError(localeOf(step.context), bound) });
      if (bound.code === 'CODE_EXPIRED') {
        const expired = describePlatformError(localeOf(step.context), bound);
        return step.replaceDialog(CODE_LOOP, { ...state, ask: `${expired}${msg(step.context, 'identity.resendHint')}` });
      }
      await step.context.sendActivity(describePlatformError(localeOf(step.context), bound));
      await step.context.sendActivity(msg(step.context, 'identity.notBound'));
      return step.endDialog(null);
    }
    if (!bound) {
      await step.context.sendActivity(msg(step.context, 'identity.notBound'));
      return step.endDialog(null);
    }
    await step.context.sendActivity(msg(step.context, 'identity.bound', {
      maskedName: maskName(bound.name), maskedId: maskIdNumber(bound.idNumber),
    }));
    return step.endDialog(bound);
  }

  /**
   * The code: the binding, or the refusal the flow words itself (wrong, expired, locked, already bound), or null when the
   * platform could not answer (the citizen has been told, with the offer of a person).
   */
  private async confirm(ctx: TurnContext, state: BindingState, code: string): Promise<Binding | PlatformError | null> {
    const refusals = new Set(['CODE_WRONG', 'CODE_EXPIRED', 'LOCKED', 'ALREADY_BOUND']);
    const outcome = await runPlatform(ctx, async () => {
      try {
        return await this.deps.platform.identity.confirmBinding(channelUserId(ctx), state.idNumber ?? '', code);
      } catch (e) {
        if (e instanceof PlatformError && refusals.has(e.code)) return e;
        throw e;
      }
    });
    return outcome.ok ? outcome.value : null;
  }

  /**
   * A new code to the same phone, for the ID number and name already given. Too soon after the last one: how long to
   * wait, and the question stays open (the code already sent may still arrive). Never starts over or gives up.
   */
  private async resend(step: WaterfallStepContext<BindingState>): Promise<DialogTurnResult> {
    const state = step.options;
    const ctx = step.context;
    const codeLength = state.codeLength ?? DEFAULT_CODE_LENGTH;
    const sent = await runPlatform(ctx, async (): Promise<BindingChallenge | PlatformError> => {
      try {
        return await this.deps.platform.identity.startBinding(channelUserId(ctx), state.idNumber ?? '', state.name ?? '');
      } catch (e) {
        if (PlatformError.is(e, 'RATE_LIMITED') || PlatformError.is(e, 'LOCKED')) return e;
        throw e;
      }
    });
    if (sent.ok && !(sent.value instanceof PlatformError)) {
      state.codeLength = sent.value.codeLength;
      state.maskedPhone = sent.value.maskedPhone;
      const ask = msg(ctx, 'identity.codeResent', { maskedPhone: sent.value.maskedPhone, codeLength: sent.value.codeLength });
      return step.replaceDialog(CODE_LOOP, { ...state, ask });
    }
    if (sent.ok && PlatformError.is(sent.value, 'LOCKED')) {
      await ctx.sendActivity(describePlatformError(localeOf(ctx), sent.value));
      await ctx.sendActivity(msg(ctx, 'identity.notBound'));
      return step.endDialog(null);
    }
    if (sent.ok && sent.value instanceof PlatformError) {
      const limited = sent.value;
      const seconds = limited.details.retryAfterSeconds;
      const why = typeof seconds === 'number'
        ? msg(ctx, 'identity.resendWait', { seconds, maskedPhone: state.maskedPhone ?? '' })
        : describePlatformError(localeOf(ctx), limited);
      await ctx.sendActivity(why);
    }
    // The platform is down (said by runPlatform) or sending is limited: the question stays open, with ID number and name.
    return step.replaceDialog(CODE_LOOP, { ...state, ask: msg(ctx, 'identity.askCode', { codeLength }) });
  }
}
