import { PlatformError } from '../../integrations/platform/errors';
import type { ExamSubject } from '../../integrations/platform/types';
import { hasMessage, translate, type MessageParams } from '../i18n/catalog';
import { formatDate, formatInstant, formatMoney, formatSubject } from '../i18n/format';
import type { Locale } from '../i18n/Locale';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T/;

function asSubject(v: unknown): ExamSubject | undefined {
  return v === 1 || v === 2 || v === 3 || v === 4 ? v : undefined;
}

/**
 * A platform failure in the citizen's words: message `error.<CODE>.<reason>` when the catalogue has that
 * variant, else `error.<CODE>`, filled from the error's details with dates, instants, money (…Fen) and
 * subjects formatted for the locale.
 */
export function describePlatformError(locale: Locale, err: PlatformError): string {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(err.details)) {
    if (v === null || v === undefined) continue;
    if (typeof v === 'number' && k.endsWith('Fen')) params[k] = formatMoney(locale, v);
    else if (typeof v === 'string' && DATE.test(v)) params[k] = formatDate(locale, v);
    else if (typeof v === 'string' && INSTANT.test(v)) params[k] = formatInstant(locale, v);
    else params[k] = typeof v === 'boolean' ? String(v) : v;
  }
  const subject = asSubject(err.details.subject);
  if (subject !== undefined) {
    params.subject = formatSubject(locale, subject);
    if (subject > 1) params.previousSubject = formatSubject(locale, (subject - 1) as ExamSubject);
  }
  const required = asSubject(err.details.requiredSubject);
  if (required !== undefined) params.requiredSubjectName = formatSubject(locale, required);
  const variant = [err.details.reason, err.details.entity].find((r) => typeof r === 'string');
  const key = variant && hasMessage(locale, `error.${err.code}.${String(variant)}`) ? `error.${err.code}.${String(variant)}` : `error.${err.code}`;
  try {
    return translate(locale, key, params as MessageParams);
  } catch {
    // A detail the message needs is missing: say the generic sentence rather than nothing.
    return translate(locale, err.retryable ? 'error.UNAVAILABLE' : 'error.INTERNAL');
  }
}
