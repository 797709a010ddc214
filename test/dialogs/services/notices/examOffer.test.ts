import { MainDialog } from '../../../../dialogs/main/MainDialog';
import { SERVICE_INDEX } from '../../../../dialogs/services';
import { bindAs, dialogClient, makeWorld, PERSONAS, play, type ScriptLine, type World } from '../../harness';
import { bookDirect } from '../exams/examKit';
import { MemoryConsents } from './memoryConsents';

const ZW = PERSONAS.zhangWei.idNumber;

async function talk(consents: MemoryConsents | undefined, script: ScriptLine[], setup?: (w: World) => Promise<unknown>): Promise<World> {
  const world = makeWorld();
  await bindAs(world, PERSONAS.zhangWei);
  await setup?.(world);
  if (consents) world.deps.notices = consents;
  await play(dialogClient(new MainDialog(world.deps, SERVICE_INDEX)), script);
  return world;
}

const BOOK: ScriptLine = ['约科目二 12月3日下午', ['确认预约吗？']];
const OFFER = '需要考前一天提醒你吗？（出成绩也会告诉你） [是|否]';
const YES = '好的，考前一天提醒你，出成绩也会告诉你。说「提醒设置」可随时修改。';
const NO = '好的，不提醒。以后想要考前提醒，说「提醒设置」就能打开。';

describe('the consent question after an exam booking', () => {
  it.each([['好的 提醒我吧'], ['要的'], ['嗯 可以'], ['提醒我'], ['需要']])('「%s」 turns on the exam reminder and the result notice, and says so', async (yes) => {
    const c = new MemoryConsents();
    const world = await talk(c, [BOOK, ['是', ['预约成功！', OFFER]], [yes, [YES]]]);
    expect(c.granted()).toEqual(['exam-reminder', 'exam-result']);
    expect(await world.platform.exams.listBookings(ZW)).toMatchObject([{ date: '2026-12-03', status: 'booked' }]);
  });

  it.each([['不用了'], ['不需要'], ['否'], ['别提醒我了'], ['不要再提醒']])('「%s」 records them as not wanted and says how to turn them on later', async (no) => {
    const c = new MemoryConsents();
    await talk(c, [BOOK, ['是', ['预约成功！', OFFER]], [no, [NO]]]);
    expect(c.granted()).toEqual([]);
    expect([c.stateOf('exam-reminder'), c.stateOf('exam-result')]).toEqual(['revoked', 'revoked']);
  });

  it('a no keeps the result notice the citizen turned on before', async () => {
    const c = new MemoryConsents().put('exam-result', 'granted');
    await talk(c, [BOOK, ['是', ['预约成功！', OFFER]], ['不用', [NO]]]);
    expect([c.stateOf('exam-reminder'), c.stateOf('exam-result')]).toEqual(['revoked', 'granted']);
  });

  it('a question in the middle (「科目二多少分及格」) is answered and the consent question comes back', async () => {
    const c = new MemoryConsents();
    await talk(c, [
      BOOK, ['是', ['预约成功！', OFFER]],
      ['科目二多少分及格', ['达到80分合格', '好，我们接着刚才的预约考试：', OFFER]],
      ['行', [YES]],
    ]);
    expect(c.granted()).toEqual(['exam-reminder', 'exam-result']);
  });

  it('stopping at the question keeps the booking and says no reminder was turned on', async () => {
    const c = new MemoryConsents();
    const world = await talk(c, [BOOK, ['是', ['预约成功！', OFFER]], ['算了不弄了', ['已退出「预约考试」。考试已预约好，考前提醒没有开启。']]]);
    expect(c.writes).toEqual([]);
    expect(await world.platform.exams.listBookings(ZW)).toMatchObject([{ status: 'booked' }]);
  });

  it('in English', async () => {
    const c = new MemoryConsents();
    await talk(c, [
      ['book test 2 on 3 December afternoon', ['Shall I book it?']],
      ['yes', ['Booked!', "Shall I remind you the day before the test? (I'll also tell you your result.) [Yes|No]"]],
      ['remind me', ["OK, I'll remind you the day before the test and tell you your result."]],
    ]);
    expect(c.granted()).toEqual(['exam-reminder', 'exam-result']);
  });

  it.each([
    ['the exam reminder is already on', new MemoryConsents().put('exam-reminder', 'granted')],
    ['the citizen said no before (never asked twice)', new MemoryConsents().put('exam-reminder', 'revoked')],
    ['the citizen is not a follower of the official account', new MemoryConsents(new Set())],
    ['notices are not wired', undefined],
  ])('is not asked when %s: the booking ends as before', async (_why, c) => {
    await talk(c, [BOOK, ['是', ['预约成功！']]]);
    expect(c?.writes ?? []).toEqual([]);
  });

  it('is asked after a reschedule too', async () => {
    const c = new MemoryConsents();
    await talk(c, [
      ['科二改到12月4号上午', ['确认改约吗？']],
      ['确定改约', ['改约成功！', OFFER]],
      ['好', [YES]],
    ], (w) => bookDirect(w, ZW, 2, '2026-12-03', 'afternoon'));
    expect(c.granted()).toEqual(['exam-reminder', 'exam-result']);
  });
});
