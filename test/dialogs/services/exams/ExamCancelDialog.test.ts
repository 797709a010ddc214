import { ExamCancelDialog } from '../../../../dialogs/services/exams/ExamCancelDialog';
import { bindAs, makeWorld, PERSONAS, play, type World } from '../../harness';
import { bookDirect, seatsLeft, startedBy } from './examKit';

const { zhangWei } = PERSONAS;
const BOOKING_30_NOV = '科目二 · 南京市交管局第二考场 · 11月30日（周一）上午';

function cancelling(world: World, firstMessage: string) {
  return startedBy(world, new ExamCancelDialog(world.deps), firstMessage);
}

/** A 科目三 booking carried over from the counter (the online rules never let 张伟 hold it next to 科目二). */
async function counterBooking(world: World): Promise<void> {
  await world.platform.exams.listSlots(3, '2026-12-21', 1);
  world.db.prepare(`INSERT INTO exam_bookings (booking_id, id_number, subject, centre_id, date, session, status, booked_at)
    VALUES ('EB90000001', ?, 3, 'nj-2', '2026-12-21', 'afternoon', 'booked', '2026-11-20T02:00:00.000Z')`).run(zhangWei.idNumber);
}

describe('ExamCancelDialog', () => {
  it('cancels the booking the subject names, after confirmation, and frees the seat', async () => {
    const world = makeWorld();
    await bindAs(world, zhangWei);
    await bookDirect(world, zhangWei.idNumber, 2, '2026-11-30');
    expect(await seatsLeft(world, '2026-11-30', 'morning')).toBe(19);
    await play(cancelling(world, '取消科二的考试'), [
      ['取消科二的考试', [`确认取消这条考试预约吗？\n${BOOKING_30_NOV}\n（11月29日（周日）24:00前可取消，取消后名额会释放给其他考生。） [是|否]`]],
      ['是', [`已取消：${BOOKING_30_NOV}。如需重新预约，回复「预约考试」即可。`]],
    ]);
    expect(await world.platform.exams.listBookings(zhangWei.idNumber)).toMatchObject([{ status: 'cancelled' }]);
    expect(await seatsLeft(world, '2026-11-30', 'morning')).toBe(20);
  });

  it('cancels in English', async () => {
    const world = makeWorld();
    await bindAs(world, zhangWei);
    await bookDirect(world, zhangWei.idNumber, 2, '2026-11-30');
    await play(cancelling(world, 'cancel my exam booking'), [
      ['cancel my exam booking', ['Cancel this exam booking?\nSubject 2 (field test) · Nanjing Test Centre No. 2 · Mon 30 Nov, morning\n(Cancellation is possible until the end of Sun 29 Nov']],
      ['yes', ['Cancelled: Subject 2 (field test) · Nanjing Test Centre No. 2 · Mon 30 Nov, morning.']],
    ]);
  });

  it('can still cancel at 23:59 the day before the exam', async () => {
    const world = makeWorld();
    await bindAs(world, zhangWei);
    await bookDirect(world, zhangWei.idNumber, 2, '2026-11-30');
    world.clock.set('2026-11-29T23:59:00+08:00');
    await play(cancelling(world, '取消考试预约'), [
      ['取消考试预约', ['确认取消这条考试预约吗？']],
      ['确认', ['已取消：']],
    ]);
  });

  it('explains that cancelling ends at 24:00 the day before the exam', async () => {
    const world = makeWorld();
    await bindAs(world, zhangWei);
    await bookDirect(world, zhangWei.idNumber, 2, '2026-11-30');
    world.clock.set('2026-11-30T00:00:00+08:00');
    await play(cancelling(world, '取消考试预约'), [
      ['取消考试预约', [
        '考试前一天24:00以后不能取消了（11月30日（周一）的考试最晚11月29日（周日）当天取消）。',
        '如确实无法参加考试，可以回复「人工」转人工客服，或拨打12123咨询。',
      ]],
    ]);
    expect(await world.platform.exams.listBookings(zhangWei.idNumber)).toMatchObject([{ status: 'booked' }]);
  });

  it('explains the deadline when it passes between the question and the answer', async () => {
    const world = makeWorld();
    await bindAs(world, zhangWei);
    await bookDirect(world, zhangWei.idNumber, 2, '2026-11-30');
    world.clock.set('2026-11-29T23:58:00+08:00');
    const client = cancelling(world, '取消考试预约');
    await play(client, [['取消考试预约', ['确认取消这条考试预约吗？']]]);
    world.clock.set('2026-11-30T00:01:00+08:00');
    await play(client, [['是', ['考试前一天24:00以后不能取消了', '回复「人工」']]]);
    expect(await world.platform.exams.listBookings(zhangWei.idNumber)).toMatchObject([{ status: 'booked' }]);
  });

  it('asks which booking when there are several, and keeps it when the citizen says no', async () => {
    const world = makeWorld();
    await bindAs(world, zhangWei);
    await bookDirect(world, zhangWei.idNumber, 2, '2026-11-30');
    await counterBooking(world);
    await play(cancelling(world, '取消考试预约'), [
      ['取消考试预约', [`要取消哪一条预约？ [${BOOKING_30_NOV}|科目三 · 南京市交管局第二考场 · 12月21日（周一）下午]`]],
      ['abc', [`请点选要取消的预约，或回复序号： [${BOOKING_30_NOV}|`]],
      ['科三', ['确认取消这条考试预约吗？\n科目三 · 南京市交管局第二考场 · 12月21日（周一）下午']],
      ['不用', ['好的，预约保留不变。']],
    ]);
    expect((await world.platform.exams.listBookings(zhangWei.idNumber)).map((b) => b.status)).toEqual(['booked', 'booked']);
  });

  it('says when the subject named has no booking and offers the ones there are', async () => {
    const world = makeWorld();
    await bindAs(world, zhangWei);
    await bookDirect(world, zhangWei.idNumber, 2, '2026-11-30');
    await play(cancelling(world, '取消科目一的考试预约'), [
      ['取消科目一的考试预约', ['你没有科目一的有效预约。', `要取消哪一条预约？ [${BOOKING_30_NOV}]`]],
      ['1', [`确认取消这条考试预约吗？\n${BOOKING_30_NOV}`]],
      ['是', ['已取消：']],
    ]);
  });

  it('says there is nothing to cancel', async () => {
    const world = makeWorld();
    await bindAs(world, zhangWei);
    const client = cancelling(world, '取消考试预约');
    await play(client, [['取消考试预约', ['你目前没有可以取消的考试预约。']]]);
    expect(client.dialogTurnResult.status).toBe('complete');
  });
});
