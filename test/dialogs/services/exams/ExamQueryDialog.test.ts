import { ExamQueryDialog } from '../../../../dialogs/services/exams/ExamQueryDialog';
import { bindAs, makeWorld, PERSONAS, play } from '../../harness';
import { bookDirect, startedBy } from './examKit';

const { zhangWei } = PERSONAS;

describe('ExamQueryDialog', () => {
  it('lists the active booking first, then the history, with the cancellation deadline', async () => {
    const world = makeWorld();
    await bindAs(world, zhangWei);
    const first = await bookDirect(world, zhangWei.idNumber, 2, '2026-12-01');
    await world.platform.exams.cancel(zhangWei.idNumber, first);
    await bookDirect(world, zhangWei.idNumber, 2, '2026-11-30');
    const client = startedBy(world, new ExamQueryDialog(world.deps), '查一下我的考试预约');
    await play(client, [
      ['查一下我的考试预约', [
        '你的考试预约：\n1. 科目二 · 南京市交管局第二考场 · 11月30日（周一）上午（已预约，11月29日（周日）24:00前可取消，预约编号 EB00000002）\n\n'
        + '以往记录：\n1. 科目二 · 南京市交管局第二考场 · 12月1日（周二）上午（已取消，预约编号 EB00000001）\n\n如需取消，请回复「取消考试预约」。',
      ]],
    ]);
    expect(client.dialogTurnResult.status).toBe('complete');
  });

  it('shows a booking past its cancellation deadline in English, without suggesting to cancel it', async () => {
    const world = makeWorld();
    await bindAs(world, zhangWei);
    await bookDirect(world, zhangWei.idNumber, 2, '2026-11-30');
    world.clock.set('2026-11-30T08:00:00+08:00');
    const client = startedBy(world, new ExamQueryDialog(world.deps), 'show my exam bookings');
    await play(client, [
      ['show my exam bookings', [
        'Your exam bookings:\n1. Subject 2 (field test) · Nanjing Test Centre No. 2 · Mon 30 Nov, morning (booked; the cancellation deadline has passed, booking no. EB00000001)',
      ]],
    ]);
  });

  it('shows exam results as history and offers to book when nothing is active', async () => {
    const world = makeWorld();
    await bindAs(world, zhangWei);
    const failed = await bookDirect(world, zhangWei.idNumber, 2, '2026-11-30');
    world.clock.set('2026-11-30T17:00:00+08:00');
    world.admin.recordExamResult(failed, false);
    const client = startedBy(world, new ExamQueryDialog(world.deps), '查询考试预约');
    await play(client, [
      ['查询考试预约', [
        '以往记录：\n1. 科目二 · 南京市交管局第二考场 · 11月30日（周一）上午（不合格，预约编号 EB00000001）',
        '你目前没有有效的考试预约。要现在预约考试吗？ [是|否]',
      ]],
      ['否', ['好的，需要时随时找我。']],
    ]);
  });

  it('says there are none and offers to book, then books', async () => {
    const world = makeWorld();
    await bindAs(world, zhangWei);
    const client = startedBy(world, new ExamQueryDialog(world.deps), '我约了哪天考试');
    await play(client, [
      ['我约了哪天考试', ['你目前没有有效的考试预约。要现在预约考试吗？ [是|否]']],
      ['是', ['要预约哪个科目的考试？ [科目一|科目二|科目三|科目四]']],
      ['2', ['科目二最近可约的考试日期如下']],
      ['1', ['11月30日（周一）科目二还有名额的场次如下']],
      ['1', ['确认预约吗？']],
      ['是', ['预约成功！']],
    ]);
    expect(await world.platform.exams.listBookings(zhangWei.idNumber)).toHaveLength(1);
  });

  it('takes no for an answer', async () => {
    const world = makeWorld();
    await bindAs(world, zhangWei);
    const client = startedBy(world, new ExamQueryDialog(world.deps), '查询考试预约');
    await play(client, [
      ['查询考试预约', ['你目前没有有效的考试预约。要现在预约考试吗？']],
      ['嗯?', ['请回复「是」或「否」。\n你目前没有有效的考试预约。要现在预约考试吗？']],
      ['不用', ['好的，需要时随时找我。']],
    ]);
    expect(client.dialogTurnResult.status).toBe('complete');
  });
});
