import { chinaDate, type Clock } from '../../integrations/clock';

/** The China-time date of the turn (YYYY-MM-DD), from the injected clock. */
export function todayOf(clock: Clock): string {
  return chinaDate(clock.now());
}
