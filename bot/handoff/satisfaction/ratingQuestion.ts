import { MessageFactory, type Activity } from 'botbuilder';
import { translate } from '../../../dialogs/i18n/catalog';
import type { Locale } from '../../../dialogs/i18n/Locale';

/** The scores in the order they are offered: the n-th choice is n points, so a number means the same in every channel. */
export const RATING_SCORES = [1, 2, 3, 4, 5] as const;

/**
 * The satisfaction question after a conversation with an agent ended: 1-5 as choices (ascending, so WeChat's
 * numbered list "1. 1分 很不满意 … 5. 5分 非常满意" and a typed digit agree) and a sixth to skip. Each choice sends its
 * words, which readRating understands. `retry`: asked once more after an answer that was not a rating, with an example.
 */
export function ratingQuestion(locale: Locale, options: { retry?: boolean } = {}): Partial<Activity> {
  const choices = [
    ...RATING_SCORES.map((score) => translate(locale, `handoff.rating.choice.${score}`)),
    translate(locale, 'handoff.rating.choice.skip'),
  ];
  return MessageFactory.suggestedActions(choices, translate(locale, options.retry ? 'handoff.rating.retry' : 'handoff.rating.question'));
}
