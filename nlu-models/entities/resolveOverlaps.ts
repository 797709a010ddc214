import type { ExtractedEntity } from './types';

/**
 * Keeps a set of non-overlapping entities: candidates are taken in order of `precedence`
 * (negative = a before b), then longer first, then earlier first; a candidate overlapping one
 * already kept is dropped. The result is sorted by start.
 */
export function resolveOverlaps(
  candidates: readonly ExtractedEntity[],
  precedence: (a: ExtractedEntity, b: ExtractedEntity) => number = () => 0,
): ExtractedEntity[] {
  const ordered = [...candidates].sort(
    (a, b) => precedence(a, b) || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: ExtractedEntity[] = [];
  for (const candidate of ordered) {
    if (!kept.some((k) => candidate.start < k.end && k.start < candidate.end)) kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}
