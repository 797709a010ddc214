import { PlatformError } from '../../../../integrations/platform/errors';
import type { ExamSubject } from '../../../../integrations/platform/types';
import { formatDate, formatSubject } from '../../../i18n/format';
import { translate } from '../../../i18n/catalog';
import { describePlatformError } from '../../../shared/describePlatformError';
import type { NoticeTopicDefinition } from '../NoticeTopic';
import { DAYS } from './noticeTime';
import { num, text } from './payload';

/** 考试成绩: told when a result is published; passed → the next subject and its earliest date; failed → the retake rule. */
export const EXAM_RESULT: NoticeTopicDefinition = {
  id: 'exam-result',
  label: { 'zh-CN': '考试成绩', en: 'Exam results' },
  description: { 'zh-CN': '成绩公布后告诉你结果和下一步', en: 'Your result once published, and the next step' },
  template: {
    title: { 'zh-CN': '考试成绩通知', en: 'Exam result' },
    fields: [
      { key: 'keyword1', label: { 'zh-CN': '考试科目', en: 'Subject' } },
      { key: 'keyword2', label: { 'zh-CN': '考试日期', en: 'Date' } },
      { key: 'keyword3', label: { 'zh-CN': '考试结果', en: 'Result' } },
      { key: 'remark', label: { 'zh-CN': '下一步', en: 'Next step' } },
    ],
  },
  events: ['exam.result'],
  fromEvent: async (event, ctx) => {
    if (event.type !== 'exam.result' || !event.idNumber) return [];
    const { bookingId, subject, date, passed, score } = event.data;
    // The next step, as the platform's rules say today: the next subject's (or the retake's) earliest date.
    const next = passed ? (subject < 4 ? ((subject + 1) as ExamSubject) : undefined) : subject;
    let earliest: string | null = null;
    let rule: { code: string; details: object } | null = null;
    if (next !== undefined) {
      const e = await ctx.platform.exams.eligibility(event.idNumber, next, ctx.today);
      earliest = e.eligible ? ctx.today : e.earliestDate;
      rule = e.reason;
    }
    return [{
      ref: bookingId, dueAt: Date.parse(event.at), until: Date.parse(event.at) + DAYS(7),
      payload: { bookingId, subject, date, passed, ...(score !== undefined ? { score } : {}), ...(next ? { next } : {}), earliest, rule },
    }];
  },
  render: (p, locale, today) => {
    const subject = num(p, 'subject') as ExamSubject;
    const passed = p.passed === true;
    const score = p.score === undefined ? '' : translate(locale, 'notice.result.score', { score: num(p, 'score') });
    const earliest = typeof p.earliest === 'string' ? p.earliest : undefined;
    let remark: string;
    if (passed) {
      const next = num(p, 'next');
      remark = !next ? translate(locale, 'notice.result.licence')
        : earliest ? translate(locale, 'notice.result.nextSubject', { subject: formatSubject(locale, next as ExamSubject), date: formatDate(locale, earliest, today.slice(0, 4)) })
          : translate(locale, 'notice.result.nextSubjectWait', { subject: formatSubject(locale, next as ExamSubject) });
    } else {
      const rule = p.rule as { code: string; details: Record<string, unknown> } | null;
      remark = rule
        ? translate(locale, 'notice.result.retake', {
          rule: describePlatformError(locale, new PlatformError(rule.code as never, 'retake rule', rule.details as never)),
        })
        : translate(locale, 'notice.result.retakeNow');
    }
    return {
      fields: {
        keyword1: formatSubject(locale, subject),
        keyword2: formatDate(locale, text(p, 'date'), today.slice(0, 4)),
        keyword3: translate(locale, passed ? 'notice.result.passed' : 'notice.result.failed', { score }),
        remark,
      },
      action: passed ? (locale === 'zh-CN' ? '预约考试' : 'book exam') : (locale === 'zh-CN' ? '预约补考' : 'book retake'),
    };
  },
};
