import type { TrainingUtterance, UtteranceSplit } from '../../integrations/storage/training';
import { comparableSimilarity, comparableText, NEAR_IDENTICAL } from './textSimilarity';

/** Longest example an admin may add (characters). */
export const MAX_EXAMPLE_CHARS = 200;

export type LineStatus = 'added' | 'new' | 'duplicate' | 'near' | 'invalid';

export interface CheckedLine {
  text: string;
  status: LineStatus;
  /** duplicate: the intent that already has it (when not this one); near: the other intent it reads like. */
  otherIntent?: string;
  /** near: that intent's example. */
  similarTo?: string;
  similarity?: number;
  /** Plain Chinese: why the line is not added as it is. */
  reason?: string;
}

/**
 * Checks pasted example lines for one intent before anything is saved: too long (invalid), already an example
 * (same text, locale and split, in any intent) or pasted twice (duplicate), near-identical to an example of
 * another intent in the same locale (near, with the closest one). Blank lines are dropped. The other lines are new.
 */
export function checkExamples(
  intent: string, texts: readonly string[], locale: string, split: UtteranceSplit, existing: readonly TrainingUtterance[],
): CheckedLine[] {
  const exact = new Map(existing.filter((u) => u.locale === locale && u.split === split).map((u) => [u.text, u.intent]));
  const others = existing.filter((u) => u.locale === locale && u.intent !== intent).map((u) => ({ u, key: comparableText(u.text) }));
  const seen = new Map<string, number>();
  const lines: CheckedLine[] = [];
  for (const raw of texts) {
    const text = raw.trim();
    if (!text) continue;
    const n = lines.length + 1;
    if (Array.from(text).length > MAX_EXAMPLE_CHARS) {
      lines.push({ text, status: 'invalid', reason: `超过 ${MAX_EXAMPLE_CHARS} 个字` });
      continue;
    }
    if (!comparableText(text)) {
      lines.push({ text, status: 'invalid', reason: '只有标点或符号' });
      continue;
    }
    const owner = exact.get(text);
    if (owner !== undefined) {
      lines.push(owner === intent
        ? { text, status: 'duplicate', reason: '这个意图已有这条例句' }
        : { text, status: 'duplicate', otherIntent: owner, reason: `已是意图「${owner}」的例句` });
      continue;
    }
    const earlier = seen.get(text);
    if (earlier !== undefined) {
      lines.push({ text, status: 'duplicate', reason: `与第 ${earlier} 行相同` });
      continue;
    }
    seen.set(text, n);
    const key = comparableText(text);
    let best: { u: TrainingUtterance; similarity: number } | undefined;
    for (const o of others) {
      const similarity = o.key === key ? 1 : comparableSimilarity(key, o.key);
      if (similarity >= NEAR_IDENTICAL && (!best || similarity > best.similarity)) best = { u: o.u, similarity };
    }
    if (best) {
      lines.push({
        text, status: 'near', otherIntent: best.u.intent, similarTo: best.u.text, similarity: round2(best.similarity),
        reason: `和意图「${best.u.intent}」的例句「${best.u.text}」几乎一样，模型会分不清`,
      });
      continue;
    }
    lines.push({ text, status: 'new' });
  }
  return lines;
}

export const round2 = (x: number): number => Math.round(x * 100) / 100;
