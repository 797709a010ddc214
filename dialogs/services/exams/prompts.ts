import type { PromptDefinition } from '../../prompts/PromptDefinition';

/** The questions of the exams flows (the prompt layer reads answers in their context; the test matrix is generated from them). */
export const EXAM_PROMPTS = {
  subject: {
    id: 'exam.book.subject', kind: 'choice',
    step: { 'zh-CN': '选择科目', en: 'pick the subject' },
    example: { 'zh-CN': '「科目二」或「2」', en: '"test 2" or "2"' },
  },
  date: {
    id: 'exam.book.date', kind: 'choice', anyPicksFirst: true, back: true, corrects: ['exam_subject', 'session'],
    step: { 'zh-CN': '选择日期', en: 'pick the date' },
    example: { 'zh-CN': '「1」「最早的」或「12月3日」', en: '"1", "the earliest" or "December 3"' },
  },
  slot: {
    id: 'exam.book.slot', kind: 'choice', anyPicksFirst: true, back: true, corrects: ['exam_subject'],
    step: { 'zh-CN': '选择场次', en: 'pick the session' },
    example: { 'zh-CN': '「1」「下午那场」或「换个日期」', en: '"1", "the afternoon one" or "another date"' },
  },
  confirm: {
    id: 'exam.book.confirm', kind: 'confirm', purpose: 'book', back: true, corrects: ['exam_subject', 'date', 'session'],
    step: { 'zh-CN': '确认预约', en: 'confirm the booking' },
    example: { 'zh-CN': '「确定预约」「不约了」或「换到上午」', en: '"yes, book it", "no" or "make it the morning"' },
  },
  afterNo: {
    id: 'exam.book.afterNo', kind: 'choice', corrects: ['exam_subject', 'date', 'session'],
    step: { 'zh-CN': '不确认后重选', en: 'after saying no' },
    example: { 'zh-CN': '「换个场次」或「不约了」', en: '"another session" or "not now"' },
  },
  reschedulePick: {
    id: 'exam.reschedule.pick', kind: 'choice',
    step: { 'zh-CN': '选择要改约的预约', en: 'pick the booking to move' },
    example: { 'zh-CN': '「1」或「科目二那个」', en: '"1" or "the test 2 one"' },
  },
  rescheduleConfirm: {
    id: 'exam.reschedule.confirm', kind: 'confirm', purpose: 'reschedule', back: true, corrects: ['date', 'session'],
    step: { 'zh-CN': '确认改约', en: 'confirm the new date' },
    example: { 'zh-CN': '「确定改约」或「不改了」', en: '"yes, move it" or "keep the old one"' },
  },
  bookNow: {
    id: 'exam.query.bookNow', kind: 'confirm', purpose: 'book',
    step: { 'zh-CN': '是否现在预约', en: 'book one now?' },
    example: { 'zh-CN': '「好，约一个」或「先不约」', en: '"yes, book one" or "not now"' },
  },
  cancelPick: {
    id: 'exam.cancel.pick', kind: 'choice',
    step: { 'zh-CN': '选择要取消的预约', en: 'pick the booking to cancel' },
    example: { 'zh-CN': '「1」或「科目二那个」', en: '"1" or "the test 2 one"' },
  },
  cancelConfirm: {
    id: 'exam.cancel.confirm', kind: 'confirm', purpose: 'cancel',
    step: { 'zh-CN': '确认取消', en: 'confirm the cancellation' },
    example: { 'zh-CN': '「确认取消」或「不取消了」', en: '"yes, cancel it" or "keep it"' },
  },
} as const satisfies Record<string, PromptDefinition>;
