import type { MisunderstoodInbox } from '../../integrations/storage/training';
import { opsTurn } from './opsTurn';

/**
 * The misunderstood inbox, also counting each message it keeps as not understood in the turn's conversation
 * (grouped by the NLU's best guess, or the knowledge base's "no card answered"). Never the text.
 */
export function observedInbox(inbox: MisunderstoodInbox): MisunderstoodInbox {
  return {
    record(item) {
      opsTurn()?.record({ kind: 'not_understood', group: item.intent });
      return inbox.record(item);
    },
  };
}
