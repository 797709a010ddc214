/**
 * What the operations view counts, recorded as the bot works: one fact per thing that happened in a citizen's
 * conversation. Append only; no text, no names, no ids of people: the conversation is a hash of its channel key.
 */
export const FACT_KINDS = ['message', 'not_understood', 'task_started', 'task_step', 'task_confirmed'] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export interface ConversationFact {
  /** When it happened (epoch ms, the bot's clock: the sandbox clock in a demo). */
  readonly at: number;
  /** The channel: wechat, msteams, directline, emulator… */
  readonly channel: string;
  /** A hash of `<channel>:<conversation id>` (bot/ops/conversationHash.ts), never the id itself. */
  readonly conversation: string;
  readonly kind: FactKind;
  /** task_*: the service intent (exam.book). */
  readonly service?: string;
  /** task_step: the question shown (its prompt id, exam.book.confirm). */
  readonly step?: string;
  /** not_understood: how it is grouped (the NLU's best guess, or knowledge.unanswered). */
  readonly group?: string;
}

export interface ConversationFacts {
  /** Appends one fact. */
  append(fact: ConversationFact): Promise<void>;
  /** Facts with `from <= at < to`, oldest first (ties in the order they were appended). */
  between(from: number, to: number): Promise<ConversationFact[]>;
  /** Every fact, oldest first, in pages (copying a store): facts after the `after`-th, at most `limit`. */
  page(after: number, limit: number): Promise<ConversationFact[]>;
}
