import { calendar } from '../sandbox/calendar';

/** Days after the decision to pay without a surcharge. */
const PAYMENT_PERIOD_DAYS = 15;

/**
 * The late fee of a fine on a given day (行政处罚法: 3% of the fine per day from day 16, never more than the fine).
 * The decision day is day 0; days 1–15 are free; from day 16 each day adds 3%, rounded half up to the fen.
 */
export function lateFee(fineFen: number, issuedOn: string, asOf: string): { dueOn: string; lateDays: number; lateFeeFen: number } {
  const dueOn = calendar.addDays(issuedOn, PAYMENT_PERIOD_DAYS);
  const lateDays = Math.max(0, calendar.daysBetween(dueOn, asOf));
  const uncapped = Math.floor((fineFen * 3 * lateDays + 50) / 100);
  return { dueOn, lateDays, lateFeeFen: Math.min(fineFen, uncapped) };
}
