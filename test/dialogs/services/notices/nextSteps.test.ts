import { MainDialog } from '../../../../dialogs/main/MainDialog';
import { SERVICE_INDEX } from '../../../../dialogs/services';
import { todayOf } from '../../../../dialogs/shared/today';
import { bindAs, dialogClient, makeWorld, PERSONAS, play } from '../../harness';
import { bookDirect } from '../exams/examKit';

/** The one word a notice offers as its next step (its button sends it), understood in a fresh conversation. */
describe('one-word next steps from notices', () => {
  it.each([
    ['改约', 'exam.reschedule'],
    ['缴款', 'fine.pay'],
    ['预约考试', 'exam.book'],
    ['预约补考', 'exam.book'],
    ['查违章', 'fine.query'],
    ['查看号牌', 'plate.query'],
    ['提醒设置', 'notices.settings'],
    ['通知设置', 'notices.settings'],
    ['我订阅了哪些提醒', 'notices.settings'],
    ['不要再提醒', 'notices.stop'],
    ['别给我发通知了', 'notices.stop'],
    ['取消所有提醒', 'notices.stop'],
    ['reschedule', 'exam.reschedule'],
    ['pay fine', 'fine.pay'],
    ['book exam', 'exam.book'],
    ['book retake', 'exam.book'],
    ['check violations', 'fine.query'],
    ['my plate', 'plate.query'],
    ['notification settings', 'notices.settings'],
    ['stop notifications', 'notices.stop'],
  ])('「%s」 → %s, surely enough to start it', (text, intent) => {
    const world = makeWorld();
    const u = world.deps.nlu.understand(text, todayOf(world.clock));
    expect({ text, intent: u.intent, sure: u.score >= 0.6 }).toEqual({ text, intent, sure: true });
  });

  it('as 张伟 with a 科目二 booking: 「改约」 moves it, 「换证须知」 is answered from the licence card, 「查看号牌」 looks up the plate', async () => {
    const world = makeWorld();
    await bindAs(world, PERSONAS.zhangWei);
    await bookDirect(world, PERSONAS.zhangWei.idNumber, 2, '2026-12-03', 'afternoon');
    await play(dialogClient(new MainDialog(world.deps, SERVICE_INDEX)), [
      ['改约', [/科目二最近可约的考试日期|还有名额的场次/]],
      ['算了不弄了', ['已退出「改约考试」']],
      ['换证须知', [/^在驾驶证有效期满前九十日内申请换证[\s\S]*依据《机动车驾驶证申领和使用规定》/]],
      ['查看号牌', ['你名下的车辆目前没有已选定或已登记的自选号牌。', '需要现在为车辆选号吗？']],
    ]);
  });

  it('「licence renewal notes」 in English is answered from the same card', async () => {
    const world = makeWorld();
    await play(dialogClient(new MainDialog(world.deps, SERVICE_INDEX)), [
      ['licence renewal notes', [/^Apply to renew within 90 days before the licence expires/]],
    ]);
  });
});
