/** Pure arithmetic on China calendar dates ('YYYY-MM-DD'); no time zones involved once a date is a string. */
const DAY_MS = 86_400_000;

function toUtc(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export const calendar = {
  isDate(value: string): boolean {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    const ms = toUtc(value);
    return !Number.isNaN(ms) && fromUtc(ms) === value;
  },

  addDays(date: string, days: number): string {
    return fromUtc(toUtc(date) + days * DAY_MS);
  },

  /** Whole days from `from` to `to` (positive when `to` is later). */
  daysBetween(from: string, to: string): number {
    return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
  },

  /** The same month and day `years` later; 29 February becomes 28 February in a common year. */
  addYears(date: string, years: number): string {
    const year = Number(date.slice(0, 4)) + years;
    const monthDay = date.slice(5);
    const yyyy = String(year).padStart(4, '0');
    return monthDay === '02-29' && !isLeap(year) ? `${yyyy}-02-28` : `${yyyy}-${monthDay}`;
  },

  /** 0 = Sunday … 6 = Saturday. */
  weekday(date: string): number {
    return new Date(toUtc(date)).getUTCDay();
  },

  /** Exams run Monday to Friday. */
  isWorkingDay(date: string): boolean {
    const d = new Date(toUtc(date)).getUTCDay();
    return d >= 1 && d <= 5;
  },

  /** The first working day on or after `date`. */
  workingDayOnOrAfter(date: string): string {
    let d = date;
    while (!calendar.isWorkingDay(d)) d = calendar.addDays(d, 1);
    return d;
  },

  /** The instant China-time midnight starts `date`, as an ISO string. */
  startOfChinaDay(date: string): string {
    return new Date(`${date}T00:00:00+08:00`).toISOString();
  },

  max(...dates: readonly (string | null)[]): string {
    let best = '';
    for (const d of dates) if (d !== null && d > best) best = d;
    return best;
  },
};
