import diceCoefficient from 'natural/lib/natural/distance/dice_coefficient';
import { normalizeText } from './normalize';

/**
 * Groups texts that say nearly the same thing (character-bigram Dice coefficient ≥ threshold against the
 * group's first text), largest groups first. Greedy and order-stable: fine for an inbox of hundreds.
 */
export function groupSimilar<T>(items: readonly T[], textOf: (item: T) => string, threshold = 0.5): T[][] {
  const groups: Array<{ key: string; members: T[] }> = [];
  for (const item of items) {
    const key = normalizeText(textOf(item)).toLowerCase();
    const home = groups.find((g) => g.key === key || diceCoefficient(g.key, key) >= threshold);
    if (home) home.members.push(item);
    else groups.push({ key, members: [item] });
  }
  return groups.map((g) => g.members).sort((a, b) => b.length - a.length);
}
