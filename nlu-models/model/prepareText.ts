import { extractEntities } from '../entities';
import { maskEntities } from '../features/featurize';
import { normalizeText } from '../text/normalize';

/** The date entity masking resolves against; spans do not depend on it, only values do. */
const MASKING_DAY = '2026-01-01';

/** What the classifier reads: normalised text with entity values replaced by their entity names. */
export function prepareText(text: string): string {
  const normal = normalizeText(text);
  return maskEntities(normal, extractEntities(normal, { today: MASKING_DAY }));
}
