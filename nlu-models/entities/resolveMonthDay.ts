import { toDayNumber } from './dayNumber';
import { formatDayNumber } from './formatDayNumber';

/** A year-less date lying further back than this is read as next year's. */
const MAX_DAYS_BACK = 180;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Day number of month/day without a year: this year's, unless that lies more than 180 days
 * before today, then next year's. Undefined when the date does not exist (2月30日).
 */
export function resolveMonthDay(today: number, month: number, day: number): number | undefined {
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(day) || day < 1 || day > 31) {
    return undefined;
  }
  const year = Number(formatDayNumber(today).slice(0, 4));
  // 2月29日 in a common year still decides the year from 2月28日.
  const reference = toDayNumber(year, month, Math.min(day, daysInMonth(year, month)));
  const chosenYear = reference !== undefined && today - reference > MAX_DAYS_BACK ? year + 1 : year;
  return toDayNumber(chosenYear, month, day);
}
