import { featurize, type FeatureOptions } from '../features/featurize';
import { prepareText } from '../model/prepareText';
import type { ConfirmPurpose } from './types';

export const ACT_FEATURE_OPTIONS: FeatureOptions = {
  hanOrders: [1, 2, 3],
  hanSkipBigrams: true,
  wordBigrams: true,
  subwordOrders: [3, 4],
};

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Features of a reply at a confirmation: the project's n-grams of the prepared text (normalised, entity values
 * masked), what the text is made of apart from words (👍, ？, 。。。), its first and last characters, the
 * purpose of the question, and every n-gram crossed with the purpose, so 「取消」 can mean yes at a cancel
 * confirmation and no at a booking one.
 */
export function actFeatures(text: string, purpose: ConfirmPurpose, options: FeatureOptions = ACT_FEATURE_OPTIONS): string[] {
  const prepared = prepareText(text).toLowerCase();
  const base = featurize(prepared, options);
  const chars = Array.from(prepared.replace(/\s+/g, ''));
  for (const ch of chars) if (!LETTER_OR_DIGIT.test(ch)) base.push(`s:${ch === '?' ? '？' : ch}`);
  const letters = chars.filter((c) => LETTER_OR_DIGIT.test(c));
  if (letters.length) {
    base.push(`^${letters[0]}`, `${letters[letters.length - 1]}$`);
    if (letters.length <= 3) base.push(`=${letters.join('')}`);
  } else {
    base.push('=nothing');
  }
  if (/[?？]/.test(prepared)) base.push('?');
  const out = [...base, `__p:${purpose}`];
  for (const f of base) out.push(`${purpose}|${f}`);
  return out;
}
