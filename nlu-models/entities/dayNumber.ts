const MS_PER_DAY = 86_400_000;

/**
 * Days since 1970-01-01 for a calendar date, or undefined when the date does not exist
 * (2026-02-30) or the year is outside 1000–9999.
 */
export function toDayNumber(year: number, month: number, day: number): number | undefined {
  if (![year, month, day].every(Number.isInteger)) return undefined;
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return ms / MS_PER_DAY;
}
