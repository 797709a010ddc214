import type { ChinaDate } from '../../../../integrations/platform/commonTypes';

/** The hour (China time) time-based notices are due on their day: after quiet hours, before people set out. */
export const NOTICE_HOUR = '09:00';
const DAY_MS = 86_400_000;

/** Epoch ms of a China-time date and hh:mm. */
export function chinaAt(date: ChinaDate, hhmm: string = NOTICE_HOUR): number {
  return Date.parse(`${date}T${hhmm}:00+08:00`);
}

/** The China date `days` after (or before) `date`. */
export function addDays(date: ChinaDate, days: number): ChinaDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export const DAYS = (n: number): number => n * DAY_MS;
