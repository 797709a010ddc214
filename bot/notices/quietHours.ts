import { chinaDayStart } from '../../integrations/clock';

/** Hours (China time) in which no notice is pushed, e.g. 21:00–08:00; minutes after midnight, end exclusive. */
export interface QuietHours {
  readonly start: number;
  readonly end: number;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** Reads "21:00-08:00"; "off" → null (no quiet hours); undefined for anything else. */
export function parseQuietHours(text: string): QuietHours | null | undefined {
  if (text.trim().toLowerCase() === 'off') return null;
  const m = /^\s*([01]?\d|2[0-3]):([0-5]\d)\s*-\s*([01]?\d|2[0-3]):([0-5]\d)\s*$/.exec(text);
  if (!m) return undefined;
  const start = Number(m[1]) * 60 + Number(m[2]);
  const end = Number(m[3]) * 60 + Number(m[4]);
  return start === end ? undefined : { start, end };
}

/** Minutes after China midnight of an instant. */
function chinaMinute(at: number): number {
  return Math.floor((at - chinaDayStart(at)) / MINUTE_MS);
}

export function isQuiet(q: QuietHours | null, at: number): boolean {
  if (!q) return false;
  const m = chinaMinute(at);
  return q.start < q.end ? m >= q.start && m < q.end : m >= q.start || m < q.end;
}

/** When the quiet hours `at` is in end (the instant itself when it is not quiet). */
export function quietEnds(q: QuietHours | null, at: number): number {
  if (!q || !isQuiet(q, at)) return at;
  const dayStart = chinaDayStart(at);
  const end = dayStart + q.end * MINUTE_MS;
  return end > at ? end : end + DAY_MS;
}
