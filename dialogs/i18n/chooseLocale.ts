import { languageOf } from '../../nlu-models/recognizer/languageOf';
import type { Locale } from './Locale';
import { localeFor } from './localeFor';

/**
 * The language to answer a message in, for the places that need one before a turn runs (the channels' refusals):
 * the same decision as the turn's (LocaleMiddleware), on the NLU's language detection (languageOf, remembered, so
 * a turn does not detect twice).
 */
export function chooseLocale(text: string, previous: Locale | undefined): Locale {
  return localeFor(languageOf(text), previous);
}
