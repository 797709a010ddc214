import type { AgentError } from './agentErrors';

const DAY_MS = 86_400_000;
const MIN_QUERY = 2;
const MAX_QUERY = 40;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** China midnight (epoch ms) of a YYYY-MM-DD China date, or undefined when it is not a real date. */
function chinaMidnight(date: string): number | undefined {
  const m = DATE.exec(date);
  if (!m) return undefined;
  const at = Date.parse(`${date}T00:00:00+08:00`);
  // 2026-02-30 parses as March: only a date that reads back the same is one.
  return Number.isNaN(at) || new Date(at + 8 * 3600_000).toISOString().slice(0, 10) !== date ? undefined : at;
}

/**
 * GET /api/agent/search's query: `q` (a fragment of the masked ID, plate, phone or name, or of what was said),
 * `from` and `to` (China days, inclusive). At least a 2-character `q` or a date.
 */
export function readSearch(query: Record<string, unknown> | undefined): { text?: string; from?: number; to?: number } | { error: AgentError } {
  const field = (name: string): string => (typeof query?.[name] === 'string' ? (query[name] as string).trim() : '');
  const text = field('q');
  const fromText = field('from');
  const toText = field('to');
  const from = fromText ? chinaMidnight(fromText) : undefined;
  const toStart = toText ? chinaMidnight(toText) : undefined;
  if ((fromText && from === undefined) || (toText && toStart === undefined)) return { error: { code: 'DATE_INVALID' } };
  if (from !== undefined && toStart !== undefined && from > toStart) return { error: { code: 'DATE_RANGE_INVALID' } };
  const length = Array.from(text).length;
  if ((text && (length < MIN_QUERY || length > MAX_QUERY)) || (!text && from === undefined && toStart === undefined)) {
    return { error: { code: 'QUERY_INVALID', params: { min: MIN_QUERY, max: MAX_QUERY } } };
  }
  return {
    ...(text ? { text } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(toStart !== undefined ? { to: toStart + DAY_MS } : {}),
  };
}
