import { formatDate, formatMoney } from '../../../i18n/format';
import { translate } from '../../../i18n/catalog';
import type { Locale } from '../../../i18n/Locale';
import type { NoticeField } from '../NoticeTopic';
import { num, text } from './payload';

/** The fields a penalty decision's notices open with: plate, decision number, fine, the last day without a late fee. */
export const DECISION_FIELDS: readonly NoticeField[] = [
  { key: 'keyword1', label: { 'zh-CN': '号牌', en: 'Plate' } },
  { key: 'keyword2', label: { 'zh-CN': '决定书编号', en: 'Decision no.' } },
  { key: 'keyword3', label: { 'zh-CN': '罚款金额', en: 'Fine' } },
  { key: 'keyword4', label: { 'zh-CN': '缴款期限', en: 'Pay by' } },
];

/** Their values, from a payload with plate, decisionNumber, fineFen and dueOn. */
export function decisionValues(p: Readonly<Record<string, unknown>>, locale: Locale, today: string): Record<string, string> {
  return {
    keyword1: text(p, 'plate'),
    keyword2: text(p, 'decisionNumber'),
    keyword3: formatMoney(locale, num(p, 'fineFen')),
    keyword4: translate(locale, 'notice.decision.deadline', { date: formatDate(locale, text(p, 'dueOn'), today.slice(0, 4)) }),
  };
}
