import { ExamBookDialog } from '../../../../dialogs/services/exams/ExamBookDialog';
import { bindAs, latestSmsCode, makeWorld, PERSONAS, play } from '../../harness';
import { lostAnswerPlatform, seatsLeft, startedBy, takeSeats } from './examKit';

const { zhangWei } = PERSONAS;
const DATES_FROM_30_NOV = '[11月30日（周一）|12月1日（周二）|12月2日（周三）|12月3日（周四）|12月4日（周五）]';
const SLOTS_30_NOV = '[南京市交管局第二考场 上午（余20个名额）|南京市交管局第二考场 下午（余20个名额）|换个日期]';

describe('ExamBookDialog', () => {
  it('books 科目二 for 张伟 in Chinese: dates from the earliest allowed, slots, confirmation, summary', async () => {
    const world = makeWorld();
    await bindAs(world, zhangWei);
    const client = startedBy(world, new ExamBookDialog(world.deps), '帮我约科目二');
    await play(client, [
      ['帮我约科目二', [`科目二最近可约的考试日期如下，请选择（也可以直接输入日期，如“12月3日”“下周一”）： ${DATES_FROM_30_NOV}`]],
      ['1', [`11月30日（周一）科目二还有名额的场次如下，请选择： ${SLOTS_30_NOV}`]],
      ['1', ['请核对预约信息：\n科目：科目二\n考场：南京市交管局第二考场\n时间：11月30日（周一）上午\n确认预约吗？ [是|否]']],
      ['是', ['预约成功！\n科目：科目二\n考场：南京市交管局第二考场\n时间：11月30日（周一）上午\n预约编号：EB00000001\n如需取消，请在11月29日（周日）24:00前办理。']],
    ]);
    expect(client.dialogTurnResult.status).toBe('complete');
    const bookings = await world.platform.exams.listBookings(zhangWei.idNumber);
    expect(bookings).toMatchObject([{ subject: 2, centreId: 'nj-2', date: '2026-11-30', session: 'morning', status: 'booked' }]);
    expect(await seatsLeft(world, '2026-11-30', 'morning')).toBe(19);
  });

  it('books in English', async () => {
    const world = makeWorld();
    await bindAs(world, zhangWei);
    const client = startedBy(world, new ExamBookDialog(world.deps), 'book subject 2 exam');
    await play(client, [
      ['book subject 2 exam', ['These are the next dates with free places for Subject 2 (field test). Please choose one (or type a date, e.g. "3 Dec" or "next Monday"): [Mon 30 Nov|Tue 1 Dec|Wed 2 Dec|Thu 3 Dec|Fri 4 Dec]']],
      ['Tue 1 Dec', ['These Subject 2 (field test) sessions on Tue 1 Dec still have places. Please choose one: [Nanjing Test Centre No. 2, morning (20 places left)|Nanjing Test Centre No. 2, afternoon (20 places left)|Another date]']],
      ['2', ['Please check your booking:\nTest: Subject 2 (field test)\nCentre: Nanjing Test Centre No. 2\nWhen: Tue 1 Dec, afternoon\nShall I book it? [Yes|No]']],
      ['yes', ['Booked!\nTest: Subject 2 (field test)\nCentre: Nanjing Test Centre No. 2\nWhen: Tue 1 Dec, afternoon\nBooking number: EB00000001\nYou can cancel until midnight at the end of Mon 30 Nov.']],
    ]);
    expect(await world.platform.exams.listBookings(zhangWei.idNumber)).toMatchObject([{ date: '2026-12-01', session: 'afternoon' }]);
  });

  it('takes subject and date from "下周一上午约科二" and asks neither again', async () => {
    const world = makeWorld();
    await bindAs(world, zhangWei);
    const client = startedBy(world, new ExamBookDialog(world.deps), '下周一上午约科二');
    await play(client, [
      ['下周一上午约科二', [`11月30日（周一）科目二还有名额的场次如下，请选择： ${SLOTS_30_NOV}`]],
      ['上午', ['时间：11月30日（周一）上午']],
      ['好的', ['预约成功！']],
    ]);
    expect(await world.platform.exams.listBookings(zhangWei.idNumber)).toMatchObject([{ subject: 2, date: '2026-11-30', session: 'morning' }]);
  });

  it('asks for the subject when the first message has none, and binds an unbound citizen first', async () => {
    const world = makeWorld();
    const client = startedBy(world, new ExamBookDialog(world.deps), '我要预约考试');
    await play(client, [
      ['我要预约考试', ['需要先绑定身份', '请输入你的18位身份证号']],
      [zhangWei.idNumber, ['请输入身份证上的姓名']],
      ['张伟', ['验证码已发送到你在交管档案中登记的手机139****5678']],
      [() => latestSmsCode(world, zhangWei.phone), ['身份绑定成功：张*', '要预约哪个科目的考试？ [科目一|科目二|科目三|科目四]']],
      ['科目二', [`科目二最近可约的考试日期如下，请选择（也可以直接输入日期，如“12月3日”“下周一”）： ${DATES_FROM_30_NOV}`]],
    ]);
  });

  it('answers bad input with a clear message and keeps everything chosen so far', async () => {
    const world = makeWorld();
    await bindAs(world, zhangWei);
    const client = startedBy(world, new ExamBookDialog(world.deps), '约考试');
    await play(client, [
      ['约考试', ['要预约哪个科目的考试？ [科目一|科目二|科目三|科目四]']],
      ['abc', ['没有看懂要约哪个科目。请点选科目一到科目四中的一个，或回复序号1–4： [科目一|科目二|科目三|科目四]']],
      ['科二', [`科目二最近可约的考试日期如下，请选择（也可以直接输入日期，如“12月3日”“下周一”）： ${DATES_FROM_30_NOV}`]],
      ['改天吧', [`没有看懂这个日期。请点选下面的日期，或输入“12月3日”“下周一”这样的日期（科目已经记下了）： ${DATES_FROM_30_NOV}`]],
      ['12月3号', ['12月3日（周四）科目二还有名额的场次如下，请选择： [南京市交管局第二考场 上午（余20个名额）|南京市交管局第二考场 下午（余20个名额）|换个日期]']],
      ['abc', ['请点选一个场次或回复序号；想换日期，可以直接输入日期（如“12月3日”）： [南京市交管局第二考场 上午']],
      ['下午', ['科目：科目二\n考场：南京市交管局第二考场\n时间：12月3日（周四）下午']],
      ['abc', ['请回复「是」或「否」。\n请核对预约信息：\n科目：科目二\n考场：南京市交管局第二考场\n时间：12月3日（周四）下午']],
      ['是', [/^预约成功！[\s\S]*时间：12月3日（周四）下午[\s\S]*12月2日（周三）24:00前/]],
    ]);
  });

  it('lets the citizen change the date at the slot question, by button or by typing one', async () => {
    const world = makeWorld();
    await bindAs(world, zhangWei);
    const client = startedBy(world, new ExamBookDialog(world.deps), '下周一约科目二');
    await play(client, [
      ['下周一约科目二', ['11月30日（周一）科目二还有名额的场次如下']],
      ['换个日期', ['科目二最近可约的考试日期如下']],
      ['12月2日', ['12月2日（周三）科目二还有名额的场次如下']],
      ['12月4日', ['12月4日（周五）科目二还有名额的场次如下']],
      ['2', ['时间：12月4日（周五）下午']],
      ['否', ['好的，这个场次先不约。接下来要： [换个场次|换个日期|不约了]']],
      ['不约了', ['好的，这次没有预约。']],
    ]);
    expect(await world.platform.exams.listBookings(zhangWei.idNumber)).toEqual([]);
  });

  it('offers the remaining slots when the chosen one fills up before the confirmation (never oversold)', async () => {
    const world = makeWorld();
    await bindAs(world, zhangWei);
    await takeSeats(world, '2026-11-30', 'morning', 19);
    const client = startedBy(world, new ExamBookDialog(world.deps), '下周一约科目二');
    await play(client, [
      ['下周一约科目二', ['[南京市交管局第二考场 上午（余1个名额）|南京市交管局第二考场 下午（余20个名额）|换个日期]']],
      ['1', ['时间：11月30日（周一）上午']],
    ]);
    await takeSeats(world, '2026-11-30', 'morning', 1, 600);
    await play(client, [
      ['是', ['这个场次已经约满了，请换一个场次。', '11月30日（周一）科目二还有名额的场次如下，请选择： [南京市交管局第二考场 下午（余20个名额）|换个日期]']],
      ['1', ['时间：11月30日（周一）下午']],
      ['是', ['预约成功！']],
    ]);
    expect(await seatsLeft(world, '2026-11-30', 'morning')).toBe(0);
    expect(await world.platform.exams.listBookings(zhangWei.idNumber)).toMatchObject([{ date: '2026-11-30', session: 'afternoon' }]);
  });

  it('never books twice when the confirmation is repeated after the answer was lost', async () => {
    const world = makeWorld();
    await bindAs(world, zhangWei);
    const platform = lostAnswerPlatform(world);
    const client = startedBy(world, new ExamBookDialog({ ...world.deps, platform }), '下周一约科目二');
    await play(client, [
      ['下周一约科目二', ['场次如下']],
      ['1', ['确认预约吗？']],
      ['是', ['交管服务平台暂时无法访问', '刚才没有办成，已填写的信息都保留着。要用同样的信息再提交一次吗？（不会重复预约）\n请核对预约信息：\n科目：科目二']],
      ['是', ['预约成功！']],
    ]);
    expect(platform.bookCalls).toHaveLength(2);
    expect(platform.bookCalls[0]).toBe(platform.bookCalls[1]);
    expect(await world.platform.exams.listBookings(zhangWei.idNumber)).toHaveLength(1);
    expect(await seatsLeft(world, '2026-11-30', 'morning')).toBe(19);
  });
});
