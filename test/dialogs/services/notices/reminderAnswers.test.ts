import { readReminderAnswer } from '../../../../dialogs/services/notices/reminderAnswers';

describe('a reminder offer (「需要考前一天提醒你吗？」「以后有新的违法记录时通知你吗？」) in its own words', () => {
  it.each<[string, 'yes' | 'no' | undefined]>([
    ['提醒我', 'yes'],
    ['要', 'yes'],
    ['需要', 'yes'],
    ['要提醒', 'yes'],
    ['好的 提醒我吧', 'yes'],
    ['记得提醒我哦', 'yes'],
    ['remind me', 'yes'],
    ['yes please remind me', 'yes'],
    ['sure, send me a reminder', 'yes'],
    ['通知我', 'yes'],
    ['好的 通知一下', 'yes'],
    ['yes, notify me', 'yes'],
    ['tell me please', 'yes'],
    ['不用通知我', 'no'],
    ['不要', undefined],
    ['不用提醒', 'no'],
    ['别提醒我了', 'no'],
    ['不要再提醒', 'no'],
    ["don't remind me", 'no'],
    ['no reminders thanks', 'no'],
    // Left to the act model (or, when it is not an answer, to the main loop).
    ['好', undefined],
    ['不要提醒我 先帮我查下违章', undefined],
    ['科目二多少分及格', undefined],
  ])('「%s」 → %s', (text, expected) => {
    expect(readReminderAnswer(text)).toBe(expected);
  });
});
