/** The languages cards are written in (the bot's locales). */
export type KnowledgeLocale = 'zh-CN' | 'en';
export const KNOWLEDGE_LOCALES: readonly KnowledgeLocale[] = ['zh-CN', 'en'];

export type LocalText = Readonly<Record<KnowledgeLocale, string>>;

/** Where an answer rests: an article of a law text (regulations/<law>.md), optionally one numbered item of it. */
export interface Citation {
  readonly law: string;
  readonly article: number;
  /** （一） → 1. */
  readonly item?: number;
}

/**
 * answer: a rule, explained; referral: a service the bot does not do, and where and how it is done;
 * safety: what to do first in an emergency (shown before anything else, never followed by a form).
 */
export type CardKind = 'answer' | 'referral' | 'safety';

/** An answer card: written for citizens, short, each resting on the articles it cites. */
export interface KnowledgeCard {
  /** <topic>.<slug>, lower case, e.g. points.red-light. */
  readonly id: string;
  readonly kind: CardKind;
  /** points, exams, licence, vehicles, plates, fines, accidents, services… (the admin console groups by it). */
  readonly topic: string;
  /** What the card answers, as a short question or heading. */
  readonly title: LocalText;
  /** How citizens ask it, in their words (at least three in Chinese, one in English). */
  readonly questions: Readonly<Record<KnowledgeLocale, readonly string[]>>;
  /** The answer: the important fact first, short lines separated by \n. The citation is added when it is shown. */
  readonly answer: LocalText;
  readonly cites: readonly Citation[];
  /** A service intent to offer after answering when the question is about the citizen's own case (e.g. exam.book). */
  readonly offer?: string;
  /**
   * Safety cards: the message is an emergency when, for every group, it contains one of the group's words
   * (e.g. [["车祸","撞"],["受伤","流血"]]). Checked before anything else, in every state of the conversation.
   */
  readonly urgent?: ReadonlyArray<readonly string[]>;
}

/** A file of cards in nlu-models/knowledge/cards/. */
export interface CardFile {
  readonly topic: string;
  readonly cards: readonly KnowledgeCard[];
}
