import type { Activity } from 'botbuilder';

/**
 * A reply that replaces the replies of its turn not yet delivered: the storage apology. When the turn's state
 * could not be saved, what the dialog said before (a next question, a confirmation) describes a step that did
 * not happen; channels that gather a turn's replies (WeChat's passive answer) drop those and send only this.
 */
export function replacesTurnReplies(activity: Partial<Activity>): boolean {
  return (activity.channelData as { replacesTurnReplies?: unknown } | undefined)?.replacesTurnReplies === true;
}
