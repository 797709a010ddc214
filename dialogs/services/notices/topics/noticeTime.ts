import type { ChinaDate } from '../../../../integrations/platform/commonTypes';

/** The hour (China time) time-based notices are due on their day: after quiet hours, before people set out. */
export const NOTICE_HOUR = '09:00';
const DAY_MS = 86_400_000;

/** Epoch ms of a China-time date and hh:mm. */
export function chinaAt(date: ChinaDate, hhmm: string = NOTICE_HOUR): number {
  return Date.parse(`${date}T${hhmm}:00+08:00`);
}

export { addDays } from '../../../../integrations/clock';

export const DAYS = (n: number): number => n * DAY_MS;
