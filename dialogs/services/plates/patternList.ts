import type { TurnContext } from 'botbuilder';
import type { PatternResult } from '../../../integrations/platform/types';
import { normalizeText } from '../../../nlu-models/text/normalize';
import { msg } from '../../i18n/turnLocale';

/** How many patterns one check may hold (DESIGN §4: up to 20, checked in order). */
export const MAX_PATTERNS = 20;

const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const SEPARATORS = /[\s,，、;；/|]+/;
/**
 * A serial (5 or 6 letters/digits, at least one digit: every plate has some) or a whole plate; the platform
 * judges the rules, this only reads the shape.
 */
const PATTERN = new RegExp(`^(?:[${PROVINCES}][A-Z])?(?=[A-Z]*[0-9])[0-9A-Z]{5,6}$`);
const PREFIX_ONLY = new RegExp(`^[${PROVINCES}][A-Z]$`);

export type PatternReading =
  | { ok: true; patterns: string[] }
  | { ok: false; problem: 'unreadable'; token: string }
  | { ok: false; problem: 'tooMany'; count: number };

/**
 * Reads the citizen's proposed numbers: separated by spaces, commas or 、; upper-cased, full-width folded,
 * "苏A·8K8K8" and "苏A 8K8K8" read as one plate.
 */
export function readPatterns(text: string | undefined): PatternReading {
  const raw = normalizeText(text ?? '').replace(/[·•.\-_]/g, '').split(SEPARATORS).filter((t) => t !== '');
  const tokens: Array<{ said: string; value: string }> = [];
  for (let i = 0; i < raw.length; i += 1) {
    const said = raw[i] ?? '';
    const next = raw[i + 1];
    if (PREFIX_ONLY.test(said.toUpperCase()) && next !== undefined && /^[0-9A-Z]{5,6}$/i.test(next)) {
      tokens.push({ said: `${said} ${next}`, value: `${said}${next}`.toUpperCase() });
      i += 1;
    } else {
      tokens.push({ said, value: said.toUpperCase() });
    }
  }
  if (tokens.length === 0) return { ok: false, problem: 'unreadable', token: (text ?? '').trim() };
  const unreadable = tokens.find((t) => !PATTERN.test(t.value));
  if (unreadable !== undefined) return { ok: false, problem: 'unreadable', token: unreadable.said };
  if (tokens.length > MAX_PATTERNS) return { ok: false, problem: 'tooMany', count: tokens.length };
  return { ok: true, patterns: tokens.map((t) => t.value) };
}

/** Why a reading failed, in the citizen's words. */
export function patternProblem(ctx: TurnContext, reading: Exclude<PatternReading, { ok: true }>): string {
  return reading.problem === 'tooMany'
    ? msg(ctx, 'plate.patternsTooMany', { count: reading.count, max: MAX_PATTERNS })
    : msg(ctx, 'plate.patternsUnreadable', { token: reading.token === '' ? '…' : reading.token });
}

/** The verdict of every pattern checked, in order, up to the first available one; the plate rules when one did not fit. */
export function verdictReport(ctx: TurnContext, result: PatternResult): string {
  const lines = result.checked.map((c, i) => msg(ctx, `plate.verdict.${c.verdict}`, { n: i + 1, plate: c.plate ?? c.pattern, pattern: c.pattern }));
  const report = [msg(ctx, 'plate.checkedHeader'), ...lines];
  if (result.checked.some((c) => c.verdict === 'invalid')) report.push(msg(ctx, 'plate.rules'));
  return report.join('\n');
}
