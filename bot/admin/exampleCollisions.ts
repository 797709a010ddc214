import type { TrainingUtterance } from '../../integrations/storage/training';
import { comparableText, NEAR_IDENTICAL } from './textSimilarity';

export interface Collision {
  a: TrainingUtterance;
  b: TrainingUtterance;
  similarity: number;
}

/** The text's character bigrams as distinct tokens (a repeated bigram counts again: 哈哈#0, 哈哈#1). */
function tokens(key: string): string[] {
  const chars = Array.from(key);
  const grams = chars.length < 2 ? chars : chars.slice(1).map((c, i) => chars[i] + c);
  const seen = new Map<string, number>();
  return grams.map((g) => {
    const n = seen.get(g) ?? 0;
    seen.set(g, n + 1);
    return `${g}#${n}`;
  });
}

/**
 * Every pair of examples of different intents (same locale) that read near-identically: the same measure as
 * textSimilarity (character-bigram Dice after comparableText), found by prefix filtering: two texts with Dice ≥ t share at least t·x/(2−t) of the x bigrams of either, so they share
 * one of its rarest x − ⌈t·x/(2−t)⌉ + 1 bigrams; only pairs sharing such a bigram are measured. Best pairs first.
 * The project's 4,712 examples: about 0.3 s here, the same 24 pairs as comparing every pair (15 s).
 */
export function exampleCollisions(utterances: readonly TrainingUtterance[], threshold = NEAR_IDENTICAL): Collision[] {
  const items = utterances.map((u) => {
    const key = comparableText(u.text);
    return { u, key, tokens: tokens(key) };
  });
  const frequency = new Map<string, number>();
  for (const item of items) for (const t of item.tokens) frequency.set(t, (frequency.get(t) ?? 0) + 1);
  const index = new Map<string, number[]>();
  const found: Collision[] = [];
  items.forEach((item, at) => {
    const x = item.tokens.length;
    if (!x) return;
    const rarest = [...item.tokens].sort((a, b) => (frequency.get(a) ?? 0) - (frequency.get(b) ?? 0) || (a < b ? -1 : 1));
    const prefix = rarest.slice(0, x - Math.ceil((threshold * x) / (2 - threshold) - 1e-9) + 1);
    const candidates = new Set<number>();
    for (const t of prefix) for (const other of index.get(t) ?? []) candidates.add(other);
    const mine = new Set(item.tokens);
    for (const other of candidates) {
      const o = items[other];
      if (o.u.intent === item.u.intent || o.u.locale !== item.u.locale) continue;
      const shared = o.tokens.filter((t) => mine.has(t)).length;
      const similarity = o.key === item.key ? 1 : (2 * shared) / (o.tokens.length + x);
      if (similarity >= threshold) found.push({ a: o.u, b: item.u, similarity });
    }
    for (const t of prefix) {
      const list = index.get(t) ?? [];
      list.push(at);
      index.set(t, list);
    }
  });
  return found.sort((x, y) => y.similarity - x.similarity);
}
