import type { EntityName, ExtractedEntity } from './types';

/**
 * Runs a global regular expression over `text` and turns every match that `toValue` accepts
 * (returns a string for) into an entity spanning the whole match.
 */
export function matchPattern(
  text: string,
  pattern: RegExp,
  entity: EntityName,
  toValue: (match: RegExpExecArray) => string | undefined,
): ExtractedEntity[] {
  if (!pattern.global) throw new TypeError(`matchPattern needs a global pattern: ${pattern.source}`);
  const found: ExtractedEntity[] = [];
  for (const match of text.matchAll(pattern)) {
    const value = toValue(match);
    if (value === undefined) continue;
    found.push({ entity, value, start: match.index, end: match.index + match[0].length, text: match[0] });
  }
  return found;
}
