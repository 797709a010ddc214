import { normalizeText } from '../text/normalize';
import { extractAmounts } from './amount';
import { extractDates } from './date';
import { extractDecisionNumbers } from './decisionNumber';
import { extractExamSubjects } from './examSubject';
import { extractIdNumbers } from './idNumber';
import { extractPhones } from './phone';
import { extractPlateNumbers } from './plateNumber';
import { resolveOverlaps } from './resolveOverlaps';
import type { EntityName, ExtractedEntity } from './types';
import { extractVins } from './vin';

export type { EntityName, ExtractedEntity } from './types';

/** When spans overlap, the entity earlier in this list wins (then the longer span). */
const PRECEDENCE: readonly EntityName[] = [
  'id_number', 'vin', 'decision_number', 'phone', 'plate_number', 'date', 'amount', 'exam_subject',
];

/**
 * All entities of an utterance (DESIGN.md §3), on normalizeText(text): offsets refer to the
 * normalised text. Overlapping candidates are resolved by PRECEDENCE; the result is sorted by start.
 */
export function extractEntities(text: string, options: { today: string }): ExtractedEntity[] {
  const normal = normalizeText(text);
  const candidates = [
    ...extractIdNumbers(normal),
    ...extractVins(normal),
    ...extractDecisionNumbers(normal),
    ...extractPhones(normal),
    ...extractPlateNumbers(normal),
    ...extractDates(normal, options.today),
    ...extractAmounts(normal),
    ...extractExamSubjects(normal),
  ];
  return resolveOverlaps(candidates, (a, b) => PRECEDENCE.indexOf(a.entity) - PRECEDENCE.indexOf(b.entity));
}
