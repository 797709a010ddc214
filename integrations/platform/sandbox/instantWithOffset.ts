/** An ISO 8601 date-time with an explicit offset: without one the instant would depend on the server's zone. */
const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * The instant (epoch ms) of an ISO date-time with an offset, e.g. 2026-12-01T09:00:00+08:00; undefined for other forms
 * and for dates or times that do not exist (Feb 30, 24:00, an offset beyond ±14:59).
 */
export function instantWithOffset(text: string): number | undefined {
  const m = ISO_WITH_OFFSET.exec(text);
  const t = m ? Date.parse(text) : Number.NaN;
  return m && !Number.isNaN(t) && exists(m) ? t : undefined;
}

function exists(m: RegExpExecArray): boolean {
  const n = (i: number): number => Number(m[i] ?? 0);
  const day = new Date(Date.UTC(n(1), n(2) - 1, n(3)));
  return day.getUTCFullYear() === n(1) && day.getUTCMonth() + 1 === n(2) && day.getUTCDate() === n(3)
    && n(4) <= 23 && n(5) <= 59 && n(6) <= 59 && n(7) <= 14 && n(8) <= 59;
}
