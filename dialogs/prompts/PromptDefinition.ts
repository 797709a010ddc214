import type { Choice } from 'botbuilder-dialogs';
import type { ConfirmPurpose } from '../../nlu-models/acts/types';
import type { UnderstoodEntity } from '../../nlu-models/recognizer/Understanding';
import type { Labels } from '../services/ServiceModule';

/** How a question is answered: yes/no, one of the offered options, or a value typed in (an ID number, a code, a date). */
export type PromptKind = 'confirm' | 'choice' | 'text';

/**
 * A question a flow asks, declared once (in the service's prompts.ts, listed by its service.ts): the prompt layer
 * (AskPrompt) reads every answer in this context, and the prompt × act test matrix is generated from these.
 */
export interface PromptDefinition {
  /** The dialog id, unique across the bot, e.g. exam.book.confirm. */
  readonly id: string;
  readonly kind: PromptKind;
  /** The step in a few words (选择日期, 确认预约): where the operations view says citizens stopped. */
  readonly step: Labels;
  /** confirm: what agreeing does (selects the verbs that mean yes: 取消 at a cancellation, 交/付 at a payment). */
  readonly purpose?: ConfirmPurpose;
  /** An answer that works here, shown after two failed answers (「例如：…」). */
  readonly example: Labels;
  /**
   * Slots of the flow the citizen may change while this question is open (「换到上午」, 「还是约科目三吧」): the answer comes
   * back as a Redirect { redirect: 'correct' } and the flow re-asks or re-confirms.
   */
  readonly corrects?: readonly string[];
  /** 「返回上一步」 comes back as a Redirect { redirect: 'back' } (otherwise it is not understood here). */
  readonly back?: boolean;
  /** choice: 「随便/最早/都行」 picks the first (earliest) option. */
  readonly anyPicksFirst?: boolean;
}

/** What a flow passes when it asks (step.prompt(definition.id, options)). */
export interface AskOptions {
  prompt: string;
  /** choice: the options; a Choice's synonyms are its attributes (「下午」, 「停车」, a centre's name). */
  choices?: Choice[];
  /** Said instead of the default hint on the first failed answer. */
  retryPrompt?: string;
  /**
   * What this flow has already done, said when the citizen stops here (「违法已处理，决定书…未缴款」); without it the
   * stop reply says that nothing was submitted.
   */
  doneSoFar?: string;
  /** Anything the flow's readers need (e.g. the subjects of the listed bookings). */
  validations?: object;
  /**
   * Answers that already led nowhere before the flow asked this again (an invalid plate number checked and refused):
   * they count towards the example after two and the person after three.
   */
  failures?: number;
}

/** A slot the citizen changed at a question, or going back: the flow decides what to ask next. */
export type Redirect =
  | { redirect: 'correct'; slots: Readonly<Record<string, string>>; entities: readonly UnderstoodEntity[] }
  | { redirect: 'back' };

export function isRedirect(result: unknown): result is Redirect {
  return typeof result === 'object' && result !== null && 'redirect' in result;
}
