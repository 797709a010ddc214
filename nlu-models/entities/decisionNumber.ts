import { matchPattern } from './matchPattern';
import type { ExtractedEntity } from './types';

const DECISION_NUMBER = /(?<![A-Za-z0-9])(\d{15,16})(?![A-Za-z0-9])/g;

/** Penalty decision numbers (决定书编号): a standalone run of 15–16 digits. */
export function extractDecisionNumbers(text: string): ExtractedEntity[] {
  return matchPattern(text, DECISION_NUMBER, 'decision_number', (m) => m[1]);
}
