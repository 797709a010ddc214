import { toDayNumber } from './dayNumber';

/** Day number of a strict 'YYYY-MM-DD' string, undefined when malformed or not a real date. */
export function parseIsoDay(iso: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return undefined;
  return toDayNumber(Number(m[1]), Number(m[2]), Number(m[3]));
}
