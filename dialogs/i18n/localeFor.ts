import type { DetectedLanguage } from '../../nlu-models/text/detectLanguage';
import type { Locale } from './Locale';

/**
 * The reply language for a message the NLU found written in `language`, in a conversation that had `previous`:
 * Chinese when Han characters carry it (zh, mixed); English for English words; a single English word ("ok",
 * "hello") switches only a conversation with no language yet, and a message without words (a number, a plate,
 * a VIN) keeps the conversation's language — so typing "1" or a plate never switches it.
 */
export function localeFor(language: DetectedLanguage, previous: Locale | undefined): Locale {
  switch (language) {
    case 'zh':
    case 'mixed':
      return 'zh-CN';
    case 'en':
      return 'en';
    case 'en-short':
      return previous ?? 'en';
    case 'none':
      return previous ?? 'zh-CN';
  }
}
