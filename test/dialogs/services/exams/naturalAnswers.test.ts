import { MainDialog } from '../../../../dialogs/main/MainDialog';
import { SERVICE_INDEX } from '../../../../dialogs/services';
import { bindAs, dialogClient, makeWorld, PERSONAS, play, type World } from '../../harness';

/** The whole bot's dialogs (main loop, every service) for a citizen bound as 张伟, on 2026-11-25 10:00. */
function bot(world: World) {
  return dialogClient(new MainDialog(world.deps, SERVICE_INDEX));
}

async function active(world: World): Promise<string[]> {
  const bookings = await world.platform.exams.listBookings(PERSONAS.zhangWei.idNumber);
  return bookings.filter((b) => b.status === 'booked').map((b) => `${b.subject}:${b.date}:${b.session}`);
}

describe('booking an exam as citizens write', () => {
  it('takes subject, date and half-day from one long message, skipping the passed subject', async () => {
    const world = makeWorld();
    await bindAs(world, PERSONAS.zhangWei);
    await play(bot(world), [
      ['我科目一已经过了，想约科目二，12月3号下午', ['科目：科目二\n考场：南京市交管局第二考场\n时间：12月3日（周四）下午']],
      ['换到上午', ['时间：12月3日（周四）上午']],
      ['嗯 约吧', [/^预约成功！[\s\S]*12月3日（周四）上午/]],
    ]);
    expect(await active(world)).toEqual(['2:2026-12-03:morning']);
  });

  it('answers a question about something else at the confirmation, then asks it again', async () => {
    const world = makeWorld();
    await bindAs(world, PERSONAS.zhangWei);
    await play(bot(world), [
      ['约科目二 12月3日下午', ['确认预约吗？']],
      ['我现在有多少分', [/记分|驾驶证/, '好，我们接着刚才的预约考试', '确认预约吗？']],
      ['没问题 就这个', ['预约成功！']],
    ]);
    expect(await active(world)).toEqual(['2:2026-12-03:afternoon']);
  });

  it('picks a slot by its half-day and the earliest date on 「随便」', async () => {
    const world = makeWorld();
    await bindAs(world, PERSONAS.zhangWei);
    await play(bot(world), [
      ['帮我约科目二', ['科目二最近可约的考试日期如下']],
      ['随便', ['11月30日（周一）科目二还有名额的场次如下']],
      ['下午那场', ['时间：11月30日（周一）下午']],
      ['返回上一步', ['11月30日（周一）科目二还有名额的场次如下']],
      ['第一个', ['时间：11月30日（周一）上午']],
      ['确定预约', ['预约成功！']],
    ]);
    expect(await active(world)).toEqual(['2:2026-11-30:morning']);
  });

  it('a 取消 at the cancellation confirmation cancels the booking (it is a yes there)', async () => {
    const world = makeWorld();
    await bindAs(world, PERSONAS.zhangWei);
    await play(bot(world), [
      ['约科目二 12月3日下午', ['确认预约吗？']],
      ['是', ['预约成功！']],
      ['取消考试预约', ['确认取消这条考试预约吗？']],
      ['取消', ['已取消：科目二']],
    ]);
    expect(await active(world)).toEqual([]);
  });

  it('a stop in the middle says what was left undone, and nothing is booked', async () => {
    const world = makeWorld();
    await bindAs(world, PERSONAS.zhangWei);
    await play(bot(world), [
      ['约科目二 12月3日下午', ['确认预约吗？']],
      ['不办了', [/没有预约|没有提交/]],
    ]);
    expect(await active(world)).toEqual([]);
  });

  it('after two answers it cannot read it shows an example and a way out; after three it offers a person', async () => {
    const world = makeWorld();
    await bindAs(world, PERSONAS.zhangWei);
    await play(bot(world), [
      ['帮我约科目二', ['科目二最近可约的考试日期如下']],
      ['啊啊啊', ['没有看懂这个日期']],
      ['嗯嗯嗯嗯', [/还是没看懂。例如可以回复：「1」「最早的」或「12月3日」[\s\S]*\[.*\|人工\|取消\]/]],
      ['哦哦哦', [/没能理解你的回复。刚才办理的业务没有提交任何内容。为你转接人工客服/, /handoff/]],
    ]);
    expect(await active(world)).toEqual([]);
  });

  it('moves a booking as one flow: the new slot is booked and the old one cancelled', async () => {
    const world = makeWorld();
    await bindAs(world, PERSONAS.zhangWei);
    await play(bot(world), [
      ['约科目二 12月3日下午', ['确认预约吗？']],
      ['是', ['预约成功！']],
      ['科二改到12月4号上午', [/取消：科目二 · 南京市交管局第二考场 · 12月3日（周四）下午\n改约：科目二 · 南京市交管局第二考场 · 12月4日（周五）上午/]],
      ['改吧', [/改约成功！[\s\S]*12月4日（周五）上午[\s\S]*已取消原预约/]],
    ]);
    expect(await active(world)).toEqual(['2:2026-12-04:morning']);
  });
});

describe('after a flow completed', () => {
  it('a repeated yes says it is already done and books nothing more', async () => {
    const world = makeWorld();
    await bindAs(world, PERSONAS.zhangWei);
    await play(bot(world), [
      ['约科目二 12月3日下午', ['确认预约吗？']],
      ['是', ['预约成功！']],
      ['是的', ['「预约考试」已经办好了，不用再确认。']],
    ]);
    expect(await active(world)).toEqual(['2:2026-12-03:afternoon']);
  });
});

describe('follow-ups and side questions while booking', () => {
  it('「把它取消了吧」 right after the bookings list cancels the booking shown', async () => {
    const world = makeWorld();
    await bindAs(world, PERSONAS.zhangWei);
    await play(bot(world), [
      ['约科目二 12月3日下午', ['确认预约吗？']],
      ['是', ['预约成功！']],
      ['我约了什么考试', ['你的考试预约：']],
      ['把它取消了吧', ['确认取消这条考试预约吗？']],
      ['确认', ['已取消：科目二']],
    ]);
    expect(await active(world)).toEqual([]);
  });

  it('a question about my bookings at the date question is answered, then the dates come back', async () => {
    const world = makeWorld();
    await bindAs(world, PERSONAS.zhangWei);
    await play(bot(world), [
      ['帮我约科目二', ['科目二最近可约的考试日期如下']],
      ['我现在有预约吗', ['你目前没有有效的考试预约。', '好，我们接着刚才的预约考试', '科目二最近可约的考试日期如下']],
      ['any day is fine', [/sessions on Mon 30 Nov|11月30日/]],
    ]);
  });

  it('「换到下午」 at the what-next question after a no changes the half-day', async () => {
    const world = makeWorld();
    await bindAs(world, PERSONAS.zhangWei);
    await play(bot(world), [
      ['约科目二 12月3日上午', ['时间：12月3日（周四）上午']],
      ['否', ['接下来要']],
      ['换到下午', ['时间：12月3日（周四）下午']],
      ['好', ['预约成功！']],
    ]);
    expect(await active(world)).toEqual(['2:2026-12-03:afternoon']);
  });
});
