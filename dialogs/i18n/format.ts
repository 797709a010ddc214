import type { ExamSession, ExamSubject } from '../../integrations/platform/types';
import type { Locale } from './Locale';
import { translate } from './catalog';

const ZH_WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const EN_WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A China date for the citizen: 12月1日（周二） / Tue 1 Dec; the year is shown when it is not `thisYear`. */
export function formatDate(locale: Locale, date: string, thisYear?: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  const showYear = thisYear !== undefined && String(y) !== thisYear;
  if (locale === 'zh-CN') return `${showYear ? `${y}年` : ''}${m}月${d}日（${ZH_WEEKDAYS[weekday]}）`;
  return `${EN_WEEKDAYS[weekday]} ${d} ${EN_MONTHS[m - 1]}${showYear ? ` ${y}` : ''}`;
}

/** Money in fen shown in yuan to the fen: 100.00元 / ¥100.00. */
export function formatMoney(locale: Locale, fen: number): string {
  const yuan = (fen / 100).toFixed(2);
  return locale === 'zh-CN' ? `${yuan}元` : `¥${yuan}`;
}

export function formatSubject(locale: Locale, subject: ExamSubject): string {
  return translate(locale, `format.subject.${subject}`);
}

export function formatSession(locale: Locale, session: ExamSession): string {
  return translate(locale, `format.session.${session}`);
}

/** An ISO instant as China local date and time: 11月29日（周日）24:00 style is avoided; 11月29日（周日）23:59. */
export function formatInstant(locale: Locale, iso: string): string {
  const local = new Date(Date.parse(iso) + 8 * 3600_000);
  const date = local.toISOString().slice(0, 10);
  const time = local.toISOString().slice(11, 16);
  return `${formatDate(locale, date)} ${time}`;
}
