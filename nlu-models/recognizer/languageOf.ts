import { extractEntities, type ExtractedEntity } from '../entities';
import { detectLanguage, type DetectedLanguage } from '../text/detectLanguage';
import { normalizeText } from '../text/normalize';

/** Where the entities lie does not depend on the day (only what a date resolves to does). */
const ANY_DAY = '2026-01-01';

/** Recent detections by normalised text: a turn asks more than once (locale, then understand), and "1", "好" recur. */
const recent = new Map<string, DetectedLanguage>();
const RECENT_MAX = 1000;

/**
 * The language of an utterance (see detectLanguage), as `Understanding.language` reports it, without classifying
 * it: on the normalised text outside its entities. Remembered, so a turn detects it once however many ask (the
 * channel's refusals, the locale middleware, the NLU).
 */
export function languageOf(text: string): DetectedLanguage {
  return languageOfNormal(normalizeText(text));
}

/** languageOf for a text already normalised (normalizeText), with its entities when the caller has extracted them. */
export function languageOfNormal(normal: string, entities?: readonly ExtractedEntity[]): DetectedLanguage {
  const known = recent.get(normal);
  if (known) return known;
  const language = detectLanguage(normal, entities ?? extractEntities(normal, { today: ANY_DAY }));
  if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value as string);
  recent.set(normal, language);
  return language;
}
