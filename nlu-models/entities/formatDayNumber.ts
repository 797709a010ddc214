const MS_PER_DAY = 86_400_000;

/** 'YYYY-MM-DD' for a day number (days since 1970-01-01). */
export function formatDayNumber(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}
