import type { World } from '../../harness';
import { MemoryConsents } from '../../services/notices/memoryConsents';
import type { Fixture } from '../runMatrix';

/** The test user as a follower of the official account (the matrix's channel is not WeChat: deliverable is faked). */
function following(setup: (c: MemoryConsents) => MemoryConsents = (c) => c) {
  return async (world: World): Promise<void> => {
    world.deps.notices = setup(new MemoryConsents());
  };
}
const consents = (world: World): MemoryConsents => world.deps.notices as MemoryConsents;

/** How the prompt × act matrix reaches each question of the notices flows (as 张伟, a follower of the official account). */
export const NOTICE_REACH: Record<string, Fixture> = {
  'notices.settings.pick': {
    persona: 'zhangWei',
    setup: following(),
    say: { 'zh-CN': ['提醒设置'], en: ['notification settings'] },
    marker: { 'zh-CN': '提醒设置（由公众号发给你）', en: 'Notification settings (sent by the official account)' },
    done: async (w) => consents(w).granted().length > 0,
    pick: { index: 0, partial: { 'zh-CN': '考前', en: 'exam reminder' }, expect: { 'zh-CN': '已打开「考前提醒」', en: 'Turned on "Exam reminder"' } },
    ambiguous: { 'zh-CN': '提醒', en: 'exam' },
  },
  'notices.stop.confirm': {
    persona: 'zhangWei',
    setup: following((c) => c.put('exam-reminder', 'granted').put('fine-deadline', 'granted')),
    say: { 'zh-CN': ['不要再提醒'], en: ['stop notifications'] },
    marker: { 'zh-CN': '确定关闭全部2项提醒吗', en: 'Turn off all 2 notices?' },
    done: async (w) => consents(w).granted().length < 2,
    affirm: { expect: { 'zh-CN': '已关闭2项提醒：考前提醒、缴款期限', en: 'Turned off 2 notices: Exam reminder, Fine deadlines' }, done: true },
  },
  'notices.offer.exam': {
    persona: 'zhangWei',
    setup: following(),
    say: { 'zh-CN': ['约科目二 12月3日下午', '是'], en: ['book test 2 on 3 December afternoon', 'yes'] },
    marker: { 'zh-CN': '需要考前一天提醒你吗？（出成绩也会告诉你）', en: 'Shall I remind you the day before the test?' },
    done: async (w) => consents(w).stateOf('exam-reminder') === 'granted',
    affirm: { expect: { 'zh-CN': '好的，考前一天提醒你，出成绩也会告诉你。', en: "OK, I'll remind you the day before the test" }, done: true },
  },
};
