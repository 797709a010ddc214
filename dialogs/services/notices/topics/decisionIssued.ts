import { translate } from '../../../i18n/catalog';
import type { NoticeTopicDefinition } from '../NoticeTopic';
import { addDays, chinaAt } from './noticeTime';

/**
 * Told a little after it is issued: a citizen who handles a violation in the chat and pays at once (the decision is
 * then paid: not told) is not sent a notice about what they are doing.
 */
const AFTER_ISSUE_MS = 10 * 60_000;
import { text } from './payload';
import { DECISION_FIELDS, decisionValues } from './decisionFields';

/** 处罚决定: a penalty decision was issued (the violation handled): the amount and the last day without a late fee. */
export const DECISION_ISSUED: NoticeTopicDefinition = {
  id: 'decision-issued',
  label: { 'zh-CN': '处罚决定', en: 'Penalty decisions' },
  description: { 'zh-CN': '决定书开出后告诉你金额和缴款期限', en: 'A penalty decision: amount and deadline' },
  template: {
    title: { 'zh-CN': '处罚决定书通知', en: 'Penalty decision issued' },
    fields: [
      ...DECISION_FIELDS,
      { key: 'remark', label: { 'zh-CN': '下一步', en: 'Next step' } },
    ],
  },
  events: ['decision.issued'],
  fromEvent: async (event) => {
    if (event.type !== 'decision.issued') return [];
    const d = event.data;
    return [{
      ref: d.decisionNumber, dueAt: Date.parse(event.at) + AFTER_ISSUE_MS, until: chinaAt(addDays(d.dueOn, 1), '00:00'),
      payload: { decisionNumber: d.decisionNumber, plate: d.plate, fineFen: d.fineFen, dueOn: d.dueOn },
    }];
  },
  // Paid in the same conversation that handled it: nothing left to tell.
  stillDue: async (p, _id, ctx) => (await ctx.platform.violations.decision(text(p, 'decisionNumber'))).status === 'unpaid',
  render: (p, locale, today) => ({
    fields: {
      ...decisionValues(p, locale, today),
      remark: translate(locale, 'notice.decision.next'),
    },
    action: locale === 'zh-CN' ? '缴款' : 'pay fine',
  }),
};
