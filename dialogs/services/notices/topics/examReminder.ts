import type { ExamBooking, ExamSession, ExamSubject } from '../../../../integrations/platform/types';
import { formatDate, formatInstant, formatSession, formatSubject } from '../../../i18n/format';
import { hasMessage, translate } from '../../../i18n/catalog';
import type { Locale } from '../../../i18n/Locale';
import type { NoticeTopicDefinition } from '../NoticeTopic';
import { addDays, chinaAt } from './noticeTime';
import { text } from './payload';

const START: Readonly<Record<ExamSession, string>> = { morning: '08:00', afternoon: '13:00' };

/** A test centre for the notice: its name and address in the notice's language (catalogue), else the platform's name. */
export function centreText(locale: Locale, centreId: string, centreName: string): string {
  const name = hasMessage(locale, `exam.centre.${centreId}`) ? translate(locale, `exam.centre.${centreId}`) : centreName;
  const addressKey = `notice.centreAddress.${centreId}`;
  return hasMessage(locale, addressKey) ? translate(locale, 'notice.centre', { name, address: translate(locale, addressKey) }) : name;
}

/** 考前提醒: the day before a booked exam, 09:00 China time, until the exam begins. */
export const EXAM_REMINDER: NoticeTopicDefinition = {
  id: 'exam-reminder',
  label: { 'zh-CN': '考前提醒', en: 'Exam reminder' },
  description: { 'zh-CN': '考试前一天提醒时间、考场和要带的证件', en: 'The day before an exam: time, centre, what to bring' },
  template: {
    title: { 'zh-CN': '考试预约提醒', en: 'Exam reminder' },
    fields: [
      { key: 'keyword1', label: { 'zh-CN': '考试科目', en: 'Subject' } },
      { key: 'keyword2', label: { 'zh-CN': '考试时间', en: 'Time' } },
      { key: 'keyword3', label: { 'zh-CN': '考场', en: 'Test centre' } },
      { key: 'keyword4', label: { 'zh-CN': '携带证件', en: 'Bring' } },
      { key: 'remark', label: { 'zh-CN': '下一步', en: 'Next step' } },
    ],
  },
  sweep: async (idNumber, ctx) => {
    const bookings = await ctx.platform.exams.listBookings(idNumber);
    return bookings.filter((b) => b.status === 'booked').map((b: ExamBooking) => ({
      ref: b.bookingId,
      dueAt: chinaAt(addDays(b.date, -1)),
      until: chinaAt(b.date, START[b.session]),
      payload: {
        bookingId: b.bookingId, subject: b.subject, centreId: b.centreId, centreName: b.centreName, date: b.date, session: b.session,
        cancellableUntil: b.cancellableUntil,
      },
    }));
  },
  stillDue: async (p, idNumber, ctx) => {
    const bookings = await ctx.platform.exams.listBookings(idNumber);
    return bookings.some((b) => b.bookingId === p.bookingId && b.status === 'booked');
  },
  render: (p, locale, today) => {
    const subject = Number(p.subject) as ExamSubject;
    const session = text(p, 'session') as ExamSession;
    const date = text(p, 'date');
    const when = translate(locale, 'exam.when', { date: formatDate(locale, date, today.slice(0, 4)), session: formatSession(locale, session) });
    // The cancellation deadline is 24:00 of the day before: shown as that day 23:59.
    const deadline = formatInstant(locale, new Date(Date.parse(text(p, 'cancellableUntil')) - 60_000).toISOString());
    return {
      fields: {
        keyword1: formatSubject(locale, subject),
        keyword2: translate(locale, 'notice.examTime', { when, start: translate(locale, `notice.sessionStart.${session}`) }),
        keyword3: centreText(locale, text(p, 'centreId'), text(p, 'centreName')),
        keyword4: translate(locale, subject === 1 || subject === 4 ? 'notice.bring.computer' : 'notice.bring.road'),
        remark: translate(locale, 'notice.examReminder.next', { deadline }),
      },
      action: locale === 'zh-CN' ? '改约' : 'reschedule',
    };
  },
};

