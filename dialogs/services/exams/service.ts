import { BINDING_CALLS } from '../../identity/ensureBound';
import type { ServiceModule } from '../ServiceModule';
import { ExamBookDialog } from './ExamBookDialog';
import { ExamCancelDialog } from './ExamCancelDialog';
import { ExamQueryDialog } from './ExamQueryDialog';
import { ExamRescheduleDialog } from './ExamRescheduleDialog';
import { EXAM_PROMPTS } from './prompts';
import en from './i18n/en.json';
import zhCN from './i18n/zh-CN.json';

/** Driving-test appointments (C1): book, look up, cancel. */
export const EXAMS: ServiceModule = {
  name: 'exams',
  dir: __dirname,
  intents: [
    {
      intent: 'exam.book', flow: (deps) => new ExamBookDialog(deps), doneWhen: { exams: ['book'] },
      label: { 'zh-CN': '预约考试', en: 'Book a driving test' }, menuOrder: 1,
      wechatMenu: { key: 'MENU_EXAM_BOOK', group: 'business' },
      consoleLabel: { 'zh-CN': '预约考试', en: 'Book a driving test' },
    },
    {
      intent: 'exam.query', flow: (deps) => new ExamQueryDialog(deps),
      label: { 'zh-CN': '查考试预约', en: 'My test bookings' },
      followUps: { cancel: 'exam.cancel' },
      wechatMenu: { key: 'MENU_EXAM_QUERY' },
      consoleLabel: { 'zh-CN': '查考试预约', en: 'Test bookings' },
    },
    {
      intent: 'exam.reschedule', flow: (deps) => new ExamRescheduleDialog(deps), doneWhen: { exams: ['reschedule'] },
      label: { 'zh-CN': '改约考试', en: 'Reschedule a test' },
      consoleLabel: { 'zh-CN': '改约考试', en: 'Reschedule a test' },
    },
    {
      intent: 'exam.cancel', flow: (deps) => new ExamCancelDialog(deps), doneWhen: { exams: ['cancel'] },
      label: { 'zh-CN': '取消考试预约', en: 'Cancel a test booking' },
      consoleLabel: { 'zh-CN': '取消考试', en: 'Cancel a test booking' },
    },
  ],
  messages: { 'zh-CN': zhCN, en },
  prompts: Object.values(EXAM_PROMPTS),
  calls: {
    identity: BINDING_CALLS,
    exams: ['eligibility', 'listSlots', 'book', 'listBookings', 'cancel', 'reschedule'],
  },
};
