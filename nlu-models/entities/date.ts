import type { DateRule } from './dateRule';
import { enDateRules } from './enDateRules';
import { formatDayNumber } from './formatDayNumber';
import { parseIsoDay } from './parseIsoDay';
import { resolveOverlaps } from './resolveOverlaps';
import type { ExtractedEntity } from './types';
import { zhDateRules } from './zhDateRules';

const RULES: readonly DateRule[] = [...zhDateRules, ...enDateRules];

/**
 * Dates resolved against `today` ('YYYY-MM-DD', the turn's clock) to 'YYYY-MM-DD':
 * 今天/明天/后天, 下周一, 周五, 12月3号, 2026年12月15日, 2026-12-15, tomorrow, next monday,
 * dec 3rd… Dates that do not exist are not extracted. Throws RangeError for a malformed today.
 */
export function extractDates(text: string, today: string): ExtractedEntity[] {
  const todayNumber = parseIsoDay(today);
  if (todayNumber === undefined) throw new RangeError(`today must be a real date as YYYY-MM-DD, got "${today}"`);
  const found: ExtractedEntity[] = [];
  for (const rule of RULES) {
    for (const m of text.matchAll(rule.pattern)) {
      const day = rule.resolve(m, todayNumber);
      if (day === undefined) continue;
      found.push({ entity: 'date', value: formatDayNumber(day), start: m.index, end: m.index + m[0].length, text: m[0] });
    }
  }
  return resolveOverlaps(found);
}
