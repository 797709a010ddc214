import { AsyncLocalStorage } from 'node:async_hooks';
import type { ConversationFact } from '../../integrations/storage/conversationFacts';

/** The citizen's turn being handled, for what reports facts from inside it (the inbox, platform calls). */
export interface OpsTurn {
  /** Records a fact of this turn's conversation (channel, conversation and time are filled in). */
  record(fact: Omit<ConversationFact, 'at' | 'channel' | 'conversation'>): void;
  /** The platform calls that succeeded during the turn (`<port>.<method>`): what confirms a task. */
  readonly calls: Set<string>;
}

const current = new AsyncLocalStorage<OpsTurn>();

/** Runs a turn (and everything it awaits) with its facts recorder. */
export function withOpsTurn<T>(turn: OpsTurn, work: () => T): T {
  return current.run(turn, work);
}

/** The citizen's turn in progress, if any (notices and consoles work outside turns). */
export function opsTurn(): OpsTurn | undefined {
  return current.getStore();
}
