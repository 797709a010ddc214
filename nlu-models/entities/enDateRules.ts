import type { DateRule } from './dateRule';
import { toDayNumber } from './dayNumber';
import { resolveMonthDay } from './resolveMonthDay';
import { resolveWeekday } from './resolveWeekday';

const RELATIVE_DAYS: Readonly<Record<string, number>> = {
  'the day before yesterday': -2, 'day before yesterday': -2, yesterday: -1,
  today: 0, tonight: 0, tomorrow: 1, 'the day after tomorrow': 2, 'day after tomorrow': 2,
};

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

const MONTHS: ReadonlyArray<readonly [string, number]> = [
  ['january', 1], ['jan', 1], ['february', 2], ['feb', 2], ['march', 3], ['mar', 3],
  ['april', 4], ['apr', 4], ['may', 5], ['june', 6], ['jun', 6], ['july', 7], ['jul', 7],
  ['august', 8], ['aug', 8], ['september', 9], ['sept', 9], ['sep', 9],
  ['october', 10], ['oct', 10], ['november', 11], ['nov', 11], ['december', 12], ['dec', 12],
];
const MONTH = `(${MONTHS.map(([name]) => name)
  .sort((a, b) => b.length - a.length)
  .join('|')})`;
const ORDINAL = '(?:st|nd|rd|th)?';
const YEAR = '(?:,?\\s(\\d{4})\\b)?';

function monthNumber(name: string): number | undefined {
  return MONTHS.find(([n]) => n === name.toLowerCase())?.[1];
}

function resolveDate(today: number, month: number | undefined, day: number, year: string | undefined) {
  if (month === undefined) return undefined;
  return year === undefined ? resolveMonthDay(today, month, day) : toDayNumber(Number(year), month, day);
}

/** today, tomorrow, the day after tomorrow, yesterday… */
const relativeDay: DateRule = {
  pattern: new RegExp(
    `\\b(?:${Object.keys(RELATIVE_DAYS)
      .sort((a, b) => b.length - a.length)
      .join('|')})\\b`,
    'gi',
  ),
  resolve: (m, today) => today + (RELATIVE_DAYS[m[0].toLowerCase().replace(/\s+/g, ' ')] ?? 0),
};

/** friday / on friday / this friday (the coming one), next monday (next week's), last monday. */
const weekday: DateRule = {
  pattern: new RegExp(`\\b(?:(next|this coming|this|coming|last)\\s)?(${WEEKDAYS.join('|')})\\b`, 'gi'),
  resolve: (m, today) => {
    const prefix = (m[1] ?? '').toLowerCase();
    const day = WEEKDAYS.indexOf((m[2] ?? '').toLowerCase());
    const shift = prefix === 'next' ? 1 : prefix === 'last' ? -1 : undefined;
    return resolveWeekday(today, day, shift);
  },
};

/** december 3, dec 3rd, Dec. 3, 2026 */
const monthThenDay: DateRule = {
  pattern: new RegExp(`\\b${MONTH}\\.?\\s(\\d{1,2})${ORDINAL}\\b${YEAR}`, 'gi'),
  resolve: (m, today) => resolveDate(today, monthNumber(m[1] ?? ''), Number(m[2]), m[3]),
};

/** 3 december, 3rd of december, 3 Dec 2026 */
const dayThenMonth: DateRule = {
  pattern: new RegExp(`\\b(\\d{1,2})${ORDINAL}\\s(?:of\\s)?${MONTH}\\b${YEAR}`, 'gi'),
  resolve: (m, today) => resolveDate(today, monthNumber(m[2] ?? ''), Number(m[1]), m[3]),
};

/** English date expressions. */
export const enDateRules: readonly DateRule[] = [relativeDay, weekday, monthThenDay, dayThenMonth];
