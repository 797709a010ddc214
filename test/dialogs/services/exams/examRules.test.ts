import { ExamBookDialog } from '../../../../dialogs/services/exams/ExamBookDialog';
import { bindAs, makeWorld, PERSONAS, play, type World } from '../../harness';
import { bookDirect, learner, seatsLeft, startedBy, takeSeats } from './examKit';

const { zhangWei, liNa } = PERSONAS;

function booking(world: World, firstMessage: string) {
  return startedBy(world, new ExamBookDialog(world.deps), firstMessage);
}

describe('exam rules (DESIGN §4) as the citizen hears them', () => {
  it('科目一 needs a registered learner', async () => {
    const world = makeWorld();
    await bindAs(world, liNa);
    const client = booking(world, '我想约科目一');
    await play(client, [['我想约科目一', ['你还没有在驾校报名登记，报名后才能预约考试。']]]);
    expect(client.dialogTurnResult.status).toBe('complete');
  });

  it('passing 科目一 issues the learner permit, from which 科目二 waits 10 days', async () => {
    const world = makeWorld();
    const newLearner = learner(world, 1);
    await bindAs(world, newLearner);
    await play(booking(world, '约科目二'), [['约科目二', ['科目二需要先通过科目一才能预约。']]]);
    await play(booking(world, '约科目一'), [
      ['约科目一', ['科目一最近可约的考试日期如下，请选择（也可以直接输入日期，如“12月3日”“下周一”）： [11月26日（周四）|11月27日（周五）|11月30日（周一）|12月1日（周二）|12月2日（周三）]']],
      ['1', ['11月26日（周四）科目一还有名额的场次如下，请选择： [南京市交管局第一考场 上午（余20个名额）|南京市交管局第一考场 下午（余20个名额）|换个日期]']],
      ['1', ['考场：南京市交管局第一考场\n时间：11月26日（周四）上午']],
      ['是', ['预约成功！']],
    ]);
    const [first] = await world.platform.exams.listBookings(newLearner.idNumber);
    world.clock.set('2026-11-26T16:00:00+08:00');
    world.admin.recordExamResult(first.bookingId, true);
    await play(booking(world, '12月4日约科目二'), [
      ['12月4日约科目二', ['科目二需科目一合格且学习驾驶证明满10日，你还需等到12月7日（周一）。', '科目二最近可约的考试日期如下，请选择（也可以直接输入日期，如“12月3日”“下周一”）： [12月7日（周一）|']],
    ]);
  });

  it('科目二 needs the permit at least 10 days old: 张伟 on 2026-11-25 waits until 2026-11-30', async () => {
    const world = makeWorld();
    await bindAs(world, zhangWei);
    await play(booking(world, '明天约科目二'), [
      ['明天约科目二', ['科目二需科目一合格且学习驾驶证明满10日，你还需等到11月30日（周一）。', '[11月30日（周一）|12月1日（周二）|']],
      ['11月27日', ['科目二需科目一合格且学习驾驶证明满10日，你还需等到11月30日（周一）。', '[11月30日（周一）|12月1日（周二）|']],
      ['11月30日', ['11月30日（周一）科目二还有名额的场次如下']],
    ]);
  });

  it('科目三 needs 科目二 passed and the permit at least 20 days old', async () => {
    const world = makeWorld();
    await bindAs(world, zhangWei);
    await play(booking(world, '约科目三'), [['约科目三', ['科目三需要先通过科目二才能预约。']]]);
    const other = makeWorld();
    const passed2 = learner(other, 4, { passedUpTo: 2, permitIssuedOn: '2026-11-12' });
    await bindAs(other, passed2);
    await play(booking(other, '12月1日约科目三'), [
      ['12月1日约科目三', ['科目三需科目二合格且学习驾驶证明满20日，你还需等到12月2日（周三）。', '科目三最近可约的考试日期如下，请选择（也可以直接输入日期，如“12月3日”“下周一”）： [12月2日（周三）|12月3日（周四）|']],
      ['1', ['12月2日（周三）科目三还有名额的场次如下，请选择： [南京市交管局第二考场 上午']],
    ]);
  });

  it('科目四 needs 科目三 passed', async () => {
    const world = makeWorld();
    await bindAs(world, zhangWei);
    await play(booking(world, '约科目四'), [['约科目四', ['科目四需要先通过科目三才能预约。']]]);
    const other = makeWorld();
    const passed3 = learner(other, 5, { passedUpTo: 3, permitIssuedOn: '2026-11-20' });
    await bindAs(other, passed3);
    await play(booking(other, '约科目四'), [['约科目四', ['科目四最近可约的考试日期如下，请选择（也可以直接输入日期，如“12月3日”“下周一”）： [11月26日（周四）|']]]);
  });

  it('allows one active booking per subject', async () => {
    const world = makeWorld();
    await bindAs(world, zhangWei);
    await bookDirect(world, zhangWei.idNumber, 2, '2026-12-01');
    await play(booking(world, '下周一约科目二'), [
      ['下周一约科目二', ['你已经有一条科目二的预约了，同一科目只能有一条有效预约。', '可以回复「查询考试预约」查看已有的预约']],
    ]);
  });

  it('allows a retake only 10 days after the failed exam', async () => {
    const world = makeWorld();
    await bindAs(world, zhangWei);
    const failed = await bookDirect(world, zhangWei.idNumber, 2, '2026-11-30');
    world.clock.set('2026-12-01T09:00:00+08:00');
    world.admin.recordExamResult(failed, false);
    await play(booking(world, '12月3号约科目二'), [
      ['12月3号约科目二', ['科目二上次考试（11月30日（周一））未通过，需间隔10日以上才能补考，最早12月10日（周四）。', '[12月10日（周四）|12月11日（周五）|12月14日（周一）|']],
    ]);
  });

  it('allows five attempts per subject within the permit\'s 3-year validity', async () => {
    const world = makeWorld();
    const tried = learner(world, 6, { passedUpTo: 1, permitIssuedOn: '2026-06-01' });
    for (const day of ['2026-06-15', '2026-07-01', '2026-07-20', '2026-08-10']) world.admin.recordPastResult(tried.idNumber, 2, day, false);
    await bindAs(world, tried);
    await play(booking(world, '约科目二'), [['约科目二', ['科目二最近可约的考试日期如下']]]);
    world.admin.recordPastResult(tried.idNumber, 2, '2026-09-01', false);
    await play(booking(world, '约科目二'), [['约科目二', ['科目二在学习驾驶证明有效期内已考了5次，最多5次，不能再约了。']]]);
  });

  it('refuses once the learner permit is past its 3 years', async () => {
    const world = makeWorld();
    const expired = learner(world, 2, { passedUpTo: 1, permitIssuedOn: '2023-11-01' });
    await bindAs(world, expired);
    await play(booking(world, '约科目二'), [['约科目二', ['你的学习驾驶证明已于10月31日（周六）到期，需要重新报名。']]]);
  });

  it('holds exams on working days only and never offers a weekend', async () => {
    const world = makeWorld();
    const newLearner = learner(world, 1);
    await bindAs(world, newLearner);
    await play(booking(world, '11月28日约科目一'), [
      ['11月28日约科目一', ['考场只在工作日安排考试，这天不开考，最近的工作日是11月30日（周一）。', '[11月26日（周四）|11月27日（周五）|11月30日（周一）|12月1日（周二）|12月2日（周三）]']],
    ]);
  });

  it('books only tomorrow or later', async () => {
    const world = makeWorld();
    const newLearner = learner(world, 1);
    await bindAs(world, newLearner);
    await play(booking(world, '今天约科目一'), [
      ['今天约科目一', ['只能预约明天及以后的日期，最早可约11月26日（周四）。', '[11月26日（周四）|']],
    ]);
  });

  it('never oversells: a full slot is not offered, and a full day is skipped', async () => {
    const world = makeWorld();
    await bindAs(world, zhangWei);
    await takeSeats(world, '2026-11-30', 'morning', 20);
    await play(booking(world, '下周一约科目二'), [
      ['下周一约科目二', ['11月30日（周一）科目二还有名额的场次如下，请选择： [南京市交管局第二考场 下午（余20个名额）|换个日期]']],
    ]);
    await takeSeats(world, '2026-11-30', 'afternoon', 20, 700);
    await play(booking(world, '下周一约科目二'), [
      ['下周一约科目二', ['11月30日（周一）的科目二场次都已约满了，请换一天。', '[12月1日（周二）|12月2日（周三）|12月3日（周四）|12月4日（周五）|12月7日（周一）]']],
    ]);
    expect(await seatsLeft(world, '2026-11-30', 'morning')).toBe(0);
  });
});
