/** The one source of "now" for the domain; injected everywhere so tests and demos can fix the date. */
export interface Clock {
  now(): Date;
}

/** Offset of China Standard Time; every domain date (exam day, fine due date) is a date in UTC+8. */
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands at a given China-time date and moves forward with real time from 09:00 that day. */
export function fixedDateClock(date: string, startedAt: number = Date.now()): Clock {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
    throw new Error(`fixedDateClock: "${date}" is not a YYYY-MM-DD date`);
  }
  const base = Date.parse(`${date}T09:00:00+08:00`);
  return { now: () => new Date(base + (Date.now() - startedAt)) };
}

/** A clock tests set and move by hand. */
export function manualClock(iso: string): Clock & { set(iso: string): void; advanceDays(days: number): void } {
  let t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`manualClock: "${iso}" is not an ISO date-time`);
  return {
    now: () => new Date(t),
    set: (next: string) => { t = Date.parse(next); },
    advanceDays: (days: number) => { t += days * 86_400_000; },
  };
}

/** The China-time calendar date (YYYY-MM-DD) of an instant. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The China date `days` after (or, negative, before) a China date YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** China midnight (epoch ms) starting the China day of `at` (epoch ms). */
export function chinaDayStart(at: number): number {
  return Math.floor((at + CST_OFFSET_MS) / 86_400_000) * 86_400_000 - CST_OFFSET_MS;
}
