import { normalizeText } from '../../nlu-models/text/normalize';

/** Two examples at least this similar are "near-identical" (flagged before saving, listed as collisions). */
export const NEAR_IDENTICAL = 0.8;

/**
 * The text as compared: full-width folded to half-width, lower case, punctuation, symbols and spaces dropped
 * (「查违章？」 and 「查 违章」 are the same example).
 */
export function comparableText(text: string): string {
  return normalizeText(text).toLowerCase().replace(/[\p{P}\p{S}\s]/gu, '');
}

/** The text's character bigrams (a one-character text is its own single "bigram"). */
function bigrams(text: string): string[] {
  const chars = Array.from(text);
  if (chars.length < 2) return chars.length ? [chars[0]] : [];
  return chars.slice(1).map((c, i) => chars[i] + c);
}

/**
 * How alike two examples read, 0-1: the Dice coefficient of their character bigrams (with repeats) after
 * comparableText. Simple to explain: 「我想查违章记录」 and 「我要查违章记录」 share 4 of their 6 bigrams → 0.67.
 * Identical comparable texts are 1.
 */
export function textSimilarity(a: string, b: string): number {
  return comparableSimilarity(comparableText(a), comparableText(b));
}

/** textSimilarity of two texts already made comparable (comparableText): for comparing one text against many. */
export function comparableSimilarity(x: string, y: string): number {
  if (!x || !y) return 0;
  if (x === y) return 1;
  const left = bigrams(x);
  const right = new Map<string, number>();
  for (const g of bigrams(y)) right.set(g, (right.get(g) ?? 0) + 1);
  let shared = 0;
  for (const g of left) {
    const n = right.get(g) ?? 0;
    if (n > 0) {
      shared += 1;
      right.set(g, n - 1);
    }
  }
  return (2 * shared) / (left.length + bigrams(y).length);
}

/** The examples alike to `text` (similarity ≥ threshold), best first. */
export function similarTo<T>(text: string, items: readonly T[], textOf: (item: T) => string, threshold = NEAR_IDENTICAL): Array<{ item: T; similarity: number }> {
  const key = comparableText(text);
  return items
    .map((item) => ({ item, similarity: comparableSimilarity(key, comparableText(textOf(item))) }))
    .filter((m) => m.similarity >= threshold)
    .sort((a, b) => b.similarity - a.similarity);
}
