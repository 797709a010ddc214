import type { Dialog } from 'botbuilder-dialogs';
import type { TrafficPlatform } from '../../integrations/platform/types';
import type { DialogDeps } from '../DialogDeps';
import type { CatalogueMessages } from '../i18n/catalog';
import type { Locale } from '../i18n/Locale';
import type { Understanding } from '../../nlu-models/recognizer/Understanding';
import type { PromptDefinition } from '../prompts/PromptDefinition';

/** A text in every language the bot answers in (the compiler refuses one missing). */
export type Labels = Readonly<Record<Locale, string>>;

/** The groups of the official account's custom menu (自定义菜单), in the order they are shown. */
export const WECHAT_MENU_GROUPS = {
  business: { 'zh-CN': '业务办理', en: 'Services' },
  violations: { 'zh-CN': '违法处理', en: 'Violations' },
} as const satisfies Readonly<Record<string, Labels>>;
export type WeChatMenuGroup = keyof typeof WECHAT_MENU_GROUPS;

/** An entry of the official account's custom menu: a CLICK key that stands for the intent's label. */
export interface WeChatMenuEntry {
  /** The CLICK event key (unique across services), e.g. MENU_EXAM_BOOK. */
  readonly key: string;
  /** The sub-menu it is shown in; without one the key is understood but not shown. */
  readonly group?: WeChatMenuGroup;
  /** The entry's text in the menu when it differs from the intent's label. */
  readonly label?: Labels;
}

/** One intent a service handles, with everything the rest of the bot derives from it. */
export interface ServiceIntentDefinition {
  /** The intent the NLU returns (DESIGN.md §3), e.g. exam.book; its corpus lists utterances for it. */
  readonly intent: string;
  /** Builds the flow dialog MainDialog starts for the intent (with the entities already found). */
  readonly flow: (deps: DialogDeps) => Dialog;
  /** What the citizen would type for it: the text of its buttons (message id main.service.<intent>). */
  readonly label: Labels;
  /** Its place among the main menu's buttons (lower first); without one it is not a button. */
  readonly menuOrder?: number;
  /** Its entry in the official account's custom menu. */
  readonly wechatMenu?: WeChatMenuEntry;
  /** How the agent console names the intent. */
  readonly consoleLabel: Labels;
  /**
   * What a core intent means right after this flow: after the bookings list, 「把它取消了吧」 (cancel) is exam.cancel,
   * not "nothing to cancel".
   */
  readonly followUps?: Readonly<Record<string, string>>;
  /**
   * Messages the intent model was unsure of (or called None) go to this intent's flow when this says the flow can
   * answer them: a rule question the knowledge base has a card for is answered, not met with 「没太明白」.
   */
  readonly takesUnclear?: (deps: DialogDeps, u: Understanding, locale: Locale) => boolean;
  /**
   * Messages this intent's flow takes before anything else, whatever is going on (an open question included):
   * an accident with injuries gets safety advice first. The interrupted flow stops.
   */
  readonly takesFirst?: (deps: DialogDeps, text: string) => boolean;
  /**
   * The platform calls whose success means the citizen's request was done (booked, paid, reserved…), from the
   * module's `calls`: the operations view counts the intent's flow as a task started → confirmed and where citizens
   * stop. Without it the intent is a look-up, counted as started only.
   */
  readonly doneWhen?: PlatformCalls;
}

/**
 * A service: one folder under dialogs/services/ holding its dialogs, state, helpers, message catalogue
 * (i18n/<locale>.json), NLU corpus (corpus/<locale>.json) and this definition. The index lists the modules;
 * routing, menus, console labels, contract intents and checks derive from it.
 */
export interface ServiceModule {
  /** The folder's name, e.g. exams. */
  readonly name: string;
  /** The folder (for checks: corpus, catalogue). */
  readonly dir: string;
  readonly intents: readonly ServiceIntentDefinition[];
  /** The service's message catalogue; its ids are unique across all catalogues. */
  readonly messages: CatalogueMessages;
  /**
   * The questions its flows ask, declared once: the prompt layer (dialogs/prompts/AskPrompt) reads answers in their
   * context and the prompt × act test matrix is generated from them.
   */
  readonly prompts?: readonly PromptDefinition[];
  /**
   * The platform methods its dialogs call, by port (the binding dialog's identity calls included when it asks for
   * a bound identity). Each port declares its error codes and each method's retry policy once
   * (integrations/platform/<port>/port.ts); a test checks this list against the service's code.
   */
  readonly calls: PlatformCalls;
}

/** A port's method names. */
type MethodNames<Port> = { [K in keyof Port]-?: Port[K] extends (...args: never[]) => unknown ? K : never }[keyof Port] & string;

/** Platform methods by port: the compiler refuses a port or a method the platform does not have. */
export type PlatformCalls = { readonly [P in keyof TrafficPlatform]?: readonly MethodNames<TrafficPlatform[P]>[] };
