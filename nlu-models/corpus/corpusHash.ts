import { createHash } from 'node:crypto';
import type { Corpus } from './types';

/** A corpus as content (locale and intents), whatever its file's name or formatting: what the hash covers. */
export function corpusContent(c: Corpus): string {
  return JSON.stringify({ locale: c.locale, data: c.data });
}

/** sha256 of a corpus's content: equal for the same locale, intents, utterances, tests and answers in the same order. */
export function corpusHash(c: Corpus): string {
  return createHash('sha256').update(corpusContent(c)).digest('hex');
}
