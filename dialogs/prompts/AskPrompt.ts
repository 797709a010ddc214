import { MessageFactory, type TurnContext } from 'botbuilder';
import {
  ChoiceFactory, Dialog, type DialogContext, type DialogInstance, type DialogTurnResult, type FoundChoice,
  type PromptOptions, type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { ConfirmPurpose } from '../../nlu-models/acts/types';
import { normalizeText } from '../../nlu-models/text/normalize';
import type { DialogDeps } from '../DialogDeps';
import { localeOf, msg } from '../i18n/turnLocale';
import { understandTurn } from '../shared/understandTurn';
import { matchChoice, saysAny } from './choiceAnswers';
import type { AskOptions, PromptDefinition, Redirect } from './PromptDefinition';

/** What a prompt keeps between turns. */
export interface AskState {
  options: AskOptions;
  /** Answers in a row that were not understood here. */
  failures: number;
  /** The options an ambiguous answer matched, asked about again. */
  pending?: number[];
}

/** How an answer reads at this question. */
export type Interpretation =
  | { act: 'affirm' | 'deny'; value: boolean }
  | { act: 'choose'; value: FoundChoice }
  | { act: 'value'; value: string }
  | { act: 'ambiguous'; indices: number[] }
  | { act: 'correct' | 'back'; value: Redirect }
  /** Not an answer to this question: the main loop looks at it (a question, stop, a person), else it is a failed answer. */
  | { act: 'other' };

export interface PromptReaders {
  /**
   * text: the value of an answer (undefined = not one); choice: a free-text answer the options do not cover; confirm:
   * 'yes' or 'no' for answers this question's own words decide (undefined: the act model reads it).
   */
  read?: (ctx: TurnContext, text: string, options: AskOptions) => string | FoundChoice | undefined;
  /** The slots (of definition.corrects) this answer sets: a correction of something said earlier. */
  slots?: (ctx: TurnContext, text: string, options: AskOptions) => Record<string, string> | undefined;
}

/** Below this probability a yes or no from the dialogue-act model is not taken as one. */
export const ACT_CONFIDENT = 0.6;
/** A no that the NLU reads as 「stop」 this surely ends the flow instead (MainDialog cancels it, saying what was left undone). */
const STOP_CONFIDENT = 0.8;
/** A question about the citizen's records at a question is a side question above this score. */
const SIDE_CONFIDENT = 0.75;
const QUESTION = /[吗嘛呢？?]\s*$|^(?:do|does|did|is|are|can|could|what|when|where|which|how|have|has)\b|有没有|是不是|多少|几分|哪些|怎么|什么|多久|几天|几次|哪里|能不能|可以吗/i;
const STOP_WORDS = /办|弄|搞|退出|结束|不想|不做|\bstop\b|\bquit\b|give up|forget it|\bexit\b|anymore|i'?m (?:out|done)/i;
const CANCEL_WORDS = /取消|撤|退掉|退了|不考|不去|不要了|cancel|call (?:it )?off|drop it/i;
const BACK = /^(?:请|我要|我想)?(?:返回|回到|退回|回)(?:到)?(?:上一步|上一个问题|前一步|上一个)?(?:吧|去)?$|^上一步(?:吧)?$|^(?:go\s+)?back(?:\s+(?:a\s+step|one\s+step))?$|^previous(?:\s+step)?$/i;
const INTERPRETED = Symbol('askPrompt.interpreted');
const FAILED_BEFORE = Symbol('askPrompt.failedBefore');

/** How many answers failed at the question answered this turn before the answer it took (0 when none was). */
export function failedBefore(ctx: TurnContext): number {
  return (ctx.turnState.get(FAILED_BEFORE) as number | undefined) ?? 0;
}

/** The AskPrompt waiting for an answer at the bottom of a dialog stack, with its state; undefined when none is. */
export function activeAskPrompt(dc: DialogContext): { prompt: AskPrompt; state: AskState } | undefined {
  let leaf: DialogContext = dc;
  while (leaf.child) leaf = leaf.child;
  const active = leaf.activeDialog;
  if (!active) return undefined;
  const dialog = leaf.findDialog(active.id);
  return dialog instanceof AskPrompt ? { prompt: dialog, state: active.state as AskState } : undefined;
}

/**
 * The one prompt of every flow: asks a question (buttons, numbered text on WeChat) and reads the answer in the question's
 * context — yes/no in the citizen's own words (the learned dialogue-act model, with the question's purpose), an option by
 * number, ordinal, part of its text or an attribute (several matching: asks which, naming them), 「随便/最早」, a value
 * typed in, a change of something said earlier, going back. Whatever is not an answer here is left to the main loop
 * (MainDialog: a side question, stop, a person, help); a failed answer is asked again, after two failures with an
 * example and 「人工」「取消」. Results: confirm → boolean, choice → FoundChoice, text → string, or a Redirect.
 */
export class AskPrompt extends Dialog<AskOptions> {
  constructor(readonly definition: PromptDefinition, private readonly deps: DialogDeps, private readonly readers: PromptReaders = {}) {
    super(definition.id);
  }

  override async beginDialog(dc: DialogContext, options?: AskOptions): Promise<DialogTurnResult> {
    const state: AskState = { options: options ?? { prompt: '' }, failures: options?.failures ?? 0 };
    dc.activeDialog!.state = state;
    await this.ask(dc.context, state);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    if (dc.context.activity.type !== 'message') return Dialog.EndOfTurn;
    const state = dc.activeDialog!.state as AskState;
    const a = this.interpret(dc.context, state);
    switch (a.act) {
      case 'affirm': case 'deny': case 'choose': case 'value': case 'correct': case 'back':
        dc.context.turnState.set(FAILED_BEFORE, state.failures);
        return dc.endDialog(a.value);
      case 'ambiguous': {
        state.pending = a.indices;
        const choices = ChoiceFactory.toChoices(state.options.choices ?? []);
        const names = a.indices.map((i) => choices[i]?.value ?? '');
        await dc.context.sendActivity(MessageFactory.suggestedActions(names, msg(dc.context, 'prompt.whichOne', { count: names.length })));
        return Dialog.EndOfTurn;
      }
      default:
        state.failures += 1;
        state.pending = undefined;
        await this.ask(dc.context, state);
        return Dialog.EndOfTurn;
    }
  }

  /** Asked again as it was first asked (after a side question was answered). */
  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const state = instance.state as AskState;
    await this.ask(context, { ...state, failures: 0 });
  }

  /** The answer read in this question's context (once per turn: the main loop and the prompt share it). */
  interpret(ctx: TurnContext, state: AskState): Interpretation {
    const cached = ctx.turnState.get(INTERPRETED) as { id: string; a: Interpretation } | undefined;
    if (cached?.id === this.id) return cached.a;
    const a = this.read(ctx, normalizeText(ctx.activity.text ?? ''), state);
    ctx.turnState.set(INTERPRETED, { id: this.id, a });
    return a;
  }

  private read(ctx: TurnContext, text: string, state: AskState): Interpretation {
    if (!text) return { act: 'other' };
    const d = this.definition;
    const options = state.options;
    if (d.kind !== 'confirm' && this.asksAboutRecords(ctx, text)) return { act: 'other' };
    if (d.kind === 'choice') {
      const choices = ChoiceFactory.toChoices(options.choices ?? []);
      if (state.pending?.length) {
        const among = matchChoice(text, state.pending.map((i) => choices[i] ?? ''));
        if (among && 'index' in among) return this.chosen(choices, state.pending[among.index] ?? -1);
      }
      const own = this.readers.read?.(ctx, text, options);
      if (own !== undefined) return typeof own === 'string' ? { act: 'choose', value: { value: own, index: -1, score: 1 } } : { act: 'choose', value: own };
      const m = matchChoice(text, choices);
      // 「算了不弄了」 names 暂不办理 only in part: a stop of the whole flow is not taken as that option.
      if (m && 'index' in m && !(m.loose && this.saysStop(ctx, text))) return this.chosen(choices, m.index);
      if (m && 'ambiguous' in m) return { act: 'ambiguous', indices: m.ambiguous };
      if (d.anyPicksFirst && saysAny(text) && choices.length > 0) return this.chosen(choices, 0);
    }
    if (d.kind === 'text') {
      const own = this.readers.read?.(ctx, text, options);
      if (typeof own === 'string') return { act: 'value', value: own };
    }
    const slots = this.corrections(ctx, text, options);
    if (slots) return { act: 'correct', value: { redirect: 'correct', slots, entities: [] } };
    if (d.back && BACK.test(text.replace(/\s+/g, ' '))) return { act: 'back', value: { redirect: 'back' } };
    if (d.kind === 'confirm') {
      // The question's own words first (「提醒我」 is a yes at 「需要考前一天提醒你吗？」), then the act model.
      const own = this.readers.read?.(ctx, text, options);
      if (own === 'yes' || own === 'no') return { act: own === 'yes' ? 'affirm' : 'deny', value: own === 'yes' };
      const yesNo = this.yesNo(text, d.purpose ?? 'generic', ctx);
      if (yesNo !== undefined) return { act: yesNo ? 'affirm' : 'deny', value: yesNo };
    }
    return { act: 'other' };
  }

  private chosen(choices: ReturnType<typeof ChoiceFactory.toChoices>, index: number): Interpretation {
    const c = choices[index];
    return c ? { act: 'choose', value: { value: c.value, index, score: 1 } } : { act: 'other' };
  }

  private corrections(ctx: TurnContext, text: string, options: AskOptions): Record<string, string> | undefined {
    const allowed = this.definition.corrects ?? [];
    if (allowed.length === 0 || !this.readers.slots) return undefined;
    const found = Object.entries(this.readers.slots(ctx, text, options) ?? {}).filter(([k]) => allowed.includes(k));
    return found.length ? Object.fromEntries(found) : undefined;
  }

  private yesNo(text: string, purpose: ConfirmPurpose, ctx: TurnContext): boolean | undefined {
    const t = text.replace(/\s+/g, '');
    if (t === '1' || t === msg(ctx, 'common.yes')) return true;
    if (t === '2' || t === msg(ctx, 'common.no')) return false;
    const c = this.deps.acts.classify(text, purpose);
    if (c.act === 'other' || c.score < ACT_CONFIDENT) return undefined;
    // 「不办了」「算了不弄了」 stop the whole flow rather than refuse this one step (except where stopping is what is asked).
    if (c.act === 'deny' && purpose !== 'cancel' && this.saysStop(ctx, text)) return undefined;
    // At a cancellation 「退出」「不弄了」 leave the question; only words that say cancel (取消, 撤, 不考了…) confirm it.
    if (c.act === 'affirm' && purpose === 'cancel' && !CANCEL_WORDS.test(text) && this.saysStop(ctx, text)) return undefined;
    return c.act === 'affirm';
  }

  /**
   * 「我现在有预约吗」 "do I have any bookings?" at a date question: a question about the citizen's own records is a side
   * question, even when a reader would find a value in it (现在 as a date); so is a question about a rule
   * (「科目二多少分及格」 at the booking's date question is not a correction of the subject).
   */
  private asksAboutRecords(ctx: TurnContext, text: string): boolean {
    if (!QUESTION.test(text)) return false;
    const u = understandTurn(ctx, this.deps, text);
    return /\.(?:query|whoami|question)$/.test(u.intent) && u.score >= SIDE_CONFIDENT;
  }

  /**
   * 「不办了」「算了不弄了」 "I'm out, stop": leaving the whole request, not just refusing this step (「不用了」「不」 refuse the
   * step, and the flow says what was not done).
   */
  private saysStop(ctx: TurnContext, text: string): boolean {
    if (!STOP_WORDS.test(text)) return false;
    const u = understandTurn(ctx, this.deps, text);
    return u.intent === 'cancel' && u.score >= STOP_CONFIDENT;
  }

  private async ask(ctx: TurnContext, state: AskState): Promise<void> {
    const { options, failures } = state;
    const buttons = this.definition.kind === 'confirm'
      ? [msg(ctx, 'common.yes'), msg(ctx, 'common.no')]
      : ChoiceFactory.toChoices(options.choices ?? []).map((c) => c.value);
    let text = options.prompt;
    // A first failure here gets the retry hint; answers that failed before the flow asked again (options.failures) got
    // the flow's own explanation, which its prompt carries.
    if (failures === 1 && !options.failures) text = options.retryPrompt ?? `${msg(ctx, `prompt.retry.${this.definition.kind}`)}\n${options.prompt}`;
    if (failures >= 2) {
      // At a confirmation 「否」 is the way out (and 「取消」 may mean yes: at a cancellation it does).
      const confirm = this.definition.kind === 'confirm';
      text = `${msg(ctx, confirm ? 'prompt.repair.confirm' : 'prompt.repair', { example: this.definition.example[localeOf(ctx)] })}\n${options.prompt}`;
      buttons.push(msg(ctx, 'prompt.person'));
      if (!confirm) buttons.push(msg(ctx, 'prompt.stop'));
    }
    await ctx.sendActivity(buttons.length ? MessageFactory.suggestedActions(buttons, text) : MessageFactory.text(text));
  }
}

/** Asks a declared question from a waterfall step (the AskPrompt with the definition's id must be added to the component). */
export async function ask(step: WaterfallStepContext, definition: PromptDefinition, options: AskOptions): Promise<DialogTurnResult> {
  return step.prompt(definition.id, options as PromptOptions);
}
