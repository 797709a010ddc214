import { seededRandom } from '../classifier/softmaxRegression';

/**
 * Stratified k-fold assignment: every label's items are shuffled (seeded) and dealt round-robin,
 * so each fold holds about 1/k of every intent. Returns the fold number of each item.
 */
export function stratifiedFolds(labels: readonly string[], k: number, seed: number): number[] {
  if (k < 2) throw new Error(`k-fold needs k >= 2, got ${k}`);
  const rand = seededRandom(seed);
  const byLabel = new Map<string, number[]>();
  labels.forEach((l, i) => byLabel.set(l, [...(byLabel.get(l) ?? []), i]));
  const fold = new Array<number>(labels.length).fill(0);
  let offset = 0;
  for (const idx of byLabel.values()) {
    for (let i = idx.length - 1; i > 0; i -= 1) {
      const j = Math.floor(rand() * (i + 1));
      [idx[i], idx[j]] = [idx[j], idx[i]];
    }
    idx.forEach((item, n) => { fold[item] = (n + offset) % k; });
    offset += idx.length;
  }
  return fold;
}
