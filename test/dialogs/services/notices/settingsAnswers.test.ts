import { readSettingsAnswer, type SettingsAnswer } from '../../../../dialogs/services/notices/settingsAnswers';

const on = (topic: string): SettingsAnswer => ({ kind: 'set', topic, on: true } as SettingsAnswer);
const off = (topic: string): SettingsAnswer => ({ kind: 'set', topic, on: false } as SettingsAnswer);

describe('answers at 「提醒设置」 that say on or off', () => {
  it.each<[string, SettingsAnswer | undefined]>([
    ['打开考前提醒', on('exam-reminder')],
    ['关掉3', off('decision-issued')],
    ['关闭第5个', off('plate-expiring')],
    ['新违法不要了', off('new-violation')],
    ['违章通知别发了', off('new-violation')],
    ['帮我开一下出成绩的通知', on('exam-result')],
    ['换证提醒关一下', off('licence-renewal')],
    ['订阅缴款期限', on('fine-deadline')],
    ['全部打开', { kind: 'all', on: true }],
    ['都关了', { kind: 'all', on: false }],
    ['不要再提醒了', { kind: 'all', on: false }],
    ['完成', { kind: 'done' }],
    ['好了', { kind: 'done' }],
    // Asking about the list is not changing it: the list is shown again. Naming without on or off is left to the
    // options (the pick turns it the other way), and a question about anything else to the main loop.
    ['我订阅了哪些提醒', { kind: 'show' }],
    ['考前提醒开了吗', { kind: 'show' }],
    ['科目二多少分及格', undefined],
    ['我要订阅提醒', undefined],
    ['考前提醒', undefined],
    ['2', undefined],
    ['算了不弄了', undefined],
  ])('zh-CN 「%s」', (text, expected) => {
    expect(readSettingsAnswer(text, 'zh-CN')).toEqual(expected);
  });

  it.each<[string, SettingsAnswer | undefined]>([
    ['turn off exam reminder', off('exam-reminder')],
    ['turn on results', on('exam-result')],
    ['switch off new violations', off('new-violation')],
    ['stop fine deadlines', off('fine-deadline')],
    ['all on', { kind: 'all', on: true }],
    ['turn everything off', { kind: 'all', on: false }],
    ['done', { kind: 'done' }],
    ['which reminders are on?', { kind: 'show' }],
    ['stop this, I give up', undefined],
    ['Exam reminder', undefined],
  ])('en "%s"', (text, expected) => {
    expect(readSettingsAnswer(text, 'en')).toEqual(expected);
  });
});
