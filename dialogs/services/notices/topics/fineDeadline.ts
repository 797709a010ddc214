import { translate } from '../../../i18n/catalog';
import type { DueNotice, NoticeTopicDefinition } from '../NoticeTopic';
import { addDays, chinaAt, DAYS } from './noticeTime';
import { text } from './payload';
import { DECISION_FIELDS, decisionValues } from './decisionFields';

/** How long after late fees start the overdue notice is still worth sending (once). */
const OVERDUE_WINDOW_DAYS = 7;

/**
 * 缴款期限: three days before late fees start (the day after the decision's due date), and once when overdue.
 * Computed from the citizen's unpaid decisions.
 */
export const FINE_DEADLINE: NoticeTopicDefinition = {
  id: 'fine-deadline',
  label: { 'zh-CN': '缴款期限', en: 'Fine deadlines' },
  description: { 'zh-CN': '开始加处罚款前三天提醒，逾期再提醒一次', en: 'Three days before late fees start, and when overdue' },
  template: {
    title: { 'zh-CN': '罚款缴纳提醒', en: 'Fine payment reminder' },
    fields: [
      ...DECISION_FIELDS,
      { key: 'keyword5', label: { 'zh-CN': '状态', en: 'Status' } },
      { key: 'remark', label: { 'zh-CN': '下一步', en: 'Next step' } },
    ],
  },
  sweep: async (idNumber, ctx) => {
    const violations = await ctx.platform.violations.byOwner(idNumber);
    const due: DueNotice[] = [];
    for (const v of violations) {
      if (!v.decisionNumber) continue;
      const d = await ctx.platform.violations.decision(v.decisionNumber);
      if (d.status !== 'unpaid') continue;
      const lateFrom = addDays(d.dueOn, 1);
      const payload = { decisionNumber: d.decisionNumber, plate: d.plate, fineFen: d.fineFen, dueOn: d.dueOn };
      due.push({ ref: `${d.decisionNumber}:deadline`, dueAt: chinaAt(addDays(lateFrom, -3)), until: chinaAt(lateFrom, '00:00'), payload: { ...payload, stage: 'deadline' } });
      due.push({
        ref: `${d.decisionNumber}:overdue`, dueAt: chinaAt(lateFrom), until: chinaAt(lateFrom) + DAYS(OVERDUE_WINDOW_DAYS), payload: { ...payload, stage: 'overdue' },
      });
    }
    return due;
  },
  stillDue: async (p, _id, ctx) => (await ctx.platform.violations.decision(text(p, 'decisionNumber'))).status === 'unpaid',
  render: (p, locale, today) => ({
    fields: {
      ...decisionValues(p, locale, today),
      keyword5: translate(locale, p.stage === 'overdue' ? 'notice.fine.overdueStatus' : 'notice.fine.deadlineStatus'),
      remark: translate(locale, 'notice.decision.next'),
    },
    action: locale === 'zh-CN' ? '缴款' : 'pay fine',
  }),
};
