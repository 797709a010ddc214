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
  'notices.offer.fine': {
    persona: 'liNa',
    setup: following(),
    say: { 'zh-CN': ['处理苏A12345的违章', '停车那个', '是', '先不缴'], en: ['handle the violations of 苏A12345', 'the parking one', 'yes', 'not now'] },
    marker: { 'zh-CN': '要在开始加处罚款前三天提醒你缴款吗？', en: 'Shall I remind you to pay three days before late fees start?' },
    done: async (w) => consents(w).stateOf('fine-deadline') === 'granted',
    affirm: { expect: { 'zh-CN': '好的，开始加处罚款前三天提醒你缴款。', en: "OK, I'll remind you to pay three days before late fees start." }, done: true },
  },
  'notices.offer.plate': {
    persona: 'wangQiang',
    setup: following(),
    say: { 'zh-CN': ['帮我车架号尾号008821的车选个号', '自编号码', '6m888', '是'], en: ['choose a plate for my car with VIN ending 008821', 'my own numbers', '6m888', 'yes'] },
    marker: { 'zh-CN': '号牌保留到12月25日（周五），要在到期前三天提醒你吗？', en: 'The plate is held until Fri 25 Dec. Shall I remind you three days before it expires?' },
    done: async (w) => consents(w).stateOf('plate-expiring') === 'granted',
    affirm: { expect: { 'zh-CN': '好的，号牌苏A6M888已保留至12月25日（周五），到期前三天会提醒你。', en: 'OK, plate 苏A6M888 is held until Fri 25 Dec' }, done: true },
  },
  'notices.offer.violations': {
    persona: 'liNa',
    setup: following(),
    say: { 'zh-CN': ['查我自己车的违章', '暂不办理'], en: ['violations of my own car', 'not now'] },
    marker: { 'zh-CN': '以后有新的违法记录时通知你吗？', en: 'Shall I tell you when a new violation is recorded?' },
    done: async (w) => consents(w).stateOf('new-violation') === 'granted',
    affirm: { expect: { 'zh-CN': '好的，有新的违法记录时通知你。', en: "OK, I'll tell you when a new violation is recorded." }, done: true },
  },
};
