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
/** Symbols that can say something by themselves (👍, ❌); punctuation, ~ and skin tones cannot. */
const SYMBOL_UNIT = /^\p{So}$/u;

/**
 * The units a reply is made of, as the model sees them: Latin words (stemmed, digits by length), single Han
 * characters and symbols that are not punctuation (👍, 🙂). A reply none of whose units ever occurred in a yes
 * or a no of the training data carries no yes/no evidence (「ghjghj」「xyz xyz」「🙂🙂」「。。。」).
 */
export function actUnits(text: string): string[] {
  const prepared = prepareText(text).toLowerCase();
  return unitsOf(prepared, featurize(prepared, ACT_FEATURE_OPTIONS));
}

function unitsOf(prepared: string, base: readonly string[]): string[] {
  const units = base.filter((f) => f.startsWith('w:') || f.startsWith('h1:'));
  for (const ch of Array.from(prepared.replace(/\s+/g, ''))) {
    if (SYMBOL_UNIT.test(ch)) units.push(`s:${ch}`);
  }
  return units;
}

export interface ActFeatures {
  features: string[];
  /** See actUnits. */
  units: string[];
}

/**
 * Features of a reply at a confirmation: the project's n-grams of the prepared text (normalised, entity values
 * masked), what the text is made of apart from words (👍, ？, 。。。), its first and last characters, whether a
 * character or letter is mashed three times or more (啊啊啊, kkkk), the purpose of the question, and every
 * feature crossed with the purpose, so 「取消」 can mean yes at a cancel confirmation and no at a booking one.
 */
export function actFeaturesAndUnits(text: string, purpose: ConfirmPurpose, options: FeatureOptions = ACT_FEATURE_OPTIONS): ActFeatures {
  const prepared = prepareText(text).toLowerCase();
  const base = featurize(prepared, options);
  const units = unitsOf(prepared, base);
  const chars = Array.from(prepared.replace(/\s+/g, ''));
  for (const ch of chars) if (!LETTER_OR_DIGIT.test(ch)) base.push(`s:${ch === '?' ? '？' : ch}`);
  const letters = chars.filter((c) => LETTER_OR_DIGIT.test(c));
  if (letters.length) {
    base.push(`^${letters[0]}`, `${letters[letters.length - 1]}$`);
    if (letters.length <= 3) base.push(`=${letters.join('')}`);
  } else {
    base.push('=nothing');
  }
  if (/(\p{L})\1\1/u.test(prepared)) base.push('~mash');
  if (new Set(letters).size === 1 && letters.length >= 3) base.push('~one-char');
  if (/[?？]/.test(prepared)) base.push('?');
  const features = [...base, `__p:${purpose}`];
  for (const f of base) features.push(`${purpose}|${f}`);
  return { features, units };
}

export function actFeatures(text: string, purpose: ConfirmPurpose, options: FeatureOptions = ACT_FEATURE_OPTIONS): string[] {
  return actFeaturesAndUnits(text, purpose, options).features;
}
