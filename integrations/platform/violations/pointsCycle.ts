import { calendar } from '../sandbox/calendar';

/**
 * The 12-month points cycle containing `date`, counted from the anniversaries of the licence's first issue date
 * (29 February counts as 28 February in common years).
 */
export function pointsCycle(firstIssuedOn: string, date: string): { cycleStart: string; cycleEnd: string } {
  const firstYear = Number(firstIssuedOn.slice(0, 4));
  let k = Math.max(0, Number(date.slice(0, 4)) - firstYear);
  if (calendar.addYears(firstIssuedOn, k) > date) k = Math.max(0, k - 1);
  const cycleStart = calendar.addYears(firstIssuedOn, k);
  const cycleEnd = calendar.addDays(calendar.addYears(firstIssuedOn, k + 1), -1);
  return { cycleStart, cycleEnd };
}
