import { PERSONAS, type World } from '../../harness';
import type { Fixture } from '../runMatrix';

const ZW = PERSONAS.zhangWei.idNumber;
async function activeBookings(world: World): Promise<number> {
  return (await world.platform.exams.listBookings(ZW)).filter((b) => b.status === 'booked').length;
}
/** 张伟 with a 科目二 booking on Thu 3 Dec, afternoon. */
async function booked(world: World): Promise<void> {
  const [slot] = (await world.platform.exams.listSlots(2, '2026-12-03', 1)).filter((s) => s.session === 'afternoon');
  await world.platform.exams.book(ZW, 2, slot?.centreId ?? '', '2026-12-03', 'afternoon', 'matrix-setup');
}
async function cancelled(world: World): Promise<boolean> {
  return (await world.platform.exams.listBookings(ZW)).some((b) => b.status === 'cancelled');
}
async function moved(world: World): Promise<boolean> {
  return (await world.platform.exams.listBookings(ZW)).some((b) => b.status === 'booked' && b.date !== '2026-12-03');
}

/** How the prompt × act matrix reaches each question of the exams flows (as 张伟, on Wed 25 Nov 2026). */
export const EXAM_REACH: Record<string, Fixture> = {
  'exam.book.subject': {
    persona: 'zhangWei',
    say: { 'zh-CN': ['预约考试'], en: ['book a driving test'] },
    marker: { 'zh-CN': '要预约哪个科目', en: 'Which driving test' },
    done: async (w) => (await activeBookings(w)) > 0,
    pick: { index: 1, partial: { 'zh-CN': '科目二吧', en: 'subject 2 please' }, expect: { 'zh-CN': '科目二最近可约', en: 'free places for Subject 2' } },
  },
  'exam.book.date': {
    persona: 'zhangWei',
    say: { 'zh-CN': ['约科目二'], en: ['book test 2'] },
    marker: { 'zh-CN': '科目二最近可约的考试日期', en: 'next dates with free places' },
    done: async (w) => (await activeBookings(w)) > 0,
    pick: { index: 1, partial: { 'zh-CN': '12月1日那天', en: 'Tue 1 Dec' }, expect: { 'zh-CN': '12月1日（周二）科目二还有名额', en: 'sessions on Tue 1 Dec' } },
    any: { 'zh-CN': '11月30日（周一）科目二还有名额', en: 'sessions on Mon 30 Nov' },
    correct: { say: { 'zh-CN': '要下午的', en: 'afternoon please' }, expect: { 'zh-CN': '科目二最近可约的考试日期', en: 'next dates with free places' } },
    back: { 'zh-CN': '要预约哪个科目', en: 'Which driving test' },
  },
  'exam.book.slot': {
    persona: 'zhangWei',
    say: { 'zh-CN': ['约科目二 11月30日'], en: ['book test 2 on 30 November'] },
    marker: { 'zh-CN': '11月30日（周一）科目二还有名额的场次', en: 'sessions on Mon 30 Nov' },
    done: async (w) => (await activeBookings(w)) > 0,
    pick: { index: 1, partial: { 'zh-CN': '下午那场', en: 'the afternoon one' }, expect: { 'zh-CN': '时间：11月30日（周一）下午', en: /When: Mon 30 Nov.*afternoon/ } },
    ambiguous: { 'zh-CN': '第二考场', en: 'Test Centre No. 2' },
    any: { 'zh-CN': '时间：11月30日（周一）上午', en: /When: Mon 30 Nov.*morning/ },
    back: { 'zh-CN': '科目二最近可约的考试日期', en: 'next dates with free places' },
  },
  'exam.book.confirm': {
    persona: 'zhangWei',
    say: { 'zh-CN': ['约科目二 12月3日下午'], en: ['book test 2 on 3 December afternoon'] },
    marker: { 'zh-CN': '确认预约吗', en: 'Shall I book it?' },
    done: async (w) => (await activeBookings(w)) > 0,
    affirm: { expect: { 'zh-CN': '预约成功', en: 'Booked!' }, done: true },
    correct: { say: { 'zh-CN': '换到上午', en: 'make it the morning' }, expect: { 'zh-CN': '时间：12月3日（周四）上午', en: /When: Thu 3 Dec.*morning/ } },
    back: { 'zh-CN': '12月3日（周四）科目二还有名额的场次', en: 'sessions on Thu 3 Dec' },
  },
  'exam.book.afterNo': {
    persona: 'zhangWei',
    say: { 'zh-CN': ['约科目二 12月3日下午', '否'], en: ['book test 2 on 3 December afternoon', 'no'] },
    marker: { 'zh-CN': '接下来要', en: 'What next?' },
    done: async (w) => (await activeBookings(w)) > 0,
    pick: { index: 1, partial: { 'zh-CN': '换日期', en: 'another date' }, expect: { 'zh-CN': '科目二最近可约的考试日期', en: 'next dates with free places' } },
  },
  'exam.query.bookNow': {
    persona: 'zhangWei',
    say: { 'zh-CN': ['我约了什么考试'], en: ['show my test bookings'] },
    marker: { 'zh-CN': '要现在预约考试吗', en: 'Would you like to book one now?' },
    done: async (w) => (await activeBookings(w)) > 0,
    affirm: { expect: { 'zh-CN': '要预约哪个科目', en: 'Which driving test' }, done: false },
  },
  'exam.reschedule.pick': { unreachable: 'the sandbox rules allow one active booking per citizen at a time here (each subject needs the previous one passed), so there is never a list to pick from' },
  'exam.reschedule.confirm': {
    persona: 'zhangWei',
    setup: booked,
    say: { 'zh-CN': ['科二改到12月4号上午'], en: ['move my test 2 to 4 December morning'] },
    marker: { 'zh-CN': '确认改约吗', en: 'Move it?' },
    done: moved,
    affirm: { expect: { 'zh-CN': '改约成功', en: 'Moved!' }, done: true },
    correct: { say: { 'zh-CN': '换到下午', en: 'afternoon instead' }, expect: { 'zh-CN': '改约：科目二 · 南京市交管局第二考场 · 12月4日（周五）下午', en: /Move to: Subject 2.*Fri 4 Dec.*afternoon/ } },
    back: { 'zh-CN': '12月4日（周五）科目二还有名额的场次', en: 'sessions on Fri 4 Dec' },
  },
  'exam.cancel.pick': { unreachable: 'the sandbox rules allow one active booking per citizen at a time here, so the booking is never picked from a list' },
  'exam.cancel.confirm': {
    persona: 'zhangWei',
    setup: booked,
    say: { 'zh-CN': ['取消考试预约'], en: ['cancel my test booking'] },
    marker: { 'zh-CN': '确认取消这条考试预约吗', en: /cancel/i },
    done: cancelled,
    affirm: { expect: { 'zh-CN': '已取消', en: /Cancelled|cancelled/ }, done: true },
  },
};
