import { PERSONAS, type ScriptLine } from '../../harness';
import { MemoryConsents } from './memoryConsents';
import { offerTalk } from './offerTalk';

const { liNa } = PERSONAS;
const HANDLED: ScriptLine[] = [
  ['处理苏A12345的违章', ['苏A12345有以下待办事项']],
  ['停车那个', ['确认网上处理这条违法吗？']],
  ['是', ['已处理。处罚决定书编号：320100200000001', '现在就缴纳这份决定书的罚款150.00元吗？']],
];
const LATER = '好的。之后随时发送决定书编号320100200000001就可以缴款；超过缴款期限每天加处罚款的3%。';
const OFFER = '要在开始加处罚款前三天提醒你缴款吗？ [是|否]';
const YES = '好的，开始加处罚款前三天提醒你缴款。说「提醒设置」可随时修改。';
const NO = '好的，不提醒。以后想要缴款提醒，说「提醒设置」就能打开。';

describe('the consent question after a violation is handled and its decision is not paid now', () => {
  it.each([['提醒我'], ['要的'], ['好的 提醒一下吧'], ['可以']])('「%s」 turns on the fine deadline reminder (not the decision notice: it was just shown)', async (yes) => {
    const c = new MemoryConsents();
    await offerTalk(liNa, c, [...HANDLED, ['先不缴', [LATER, OFFER]], [yes, [YES]]]);
    expect(c.granted()).toEqual(['fine-deadline']);
  });

  it.each([['不用了'], ['否'], ['别提醒我了']])('「%s」 records the reminder as not wanted', async (no) => {
    const c = new MemoryConsents();
    const world = await offerTalk(liNa, c, [...HANDLED, ['先不缴', [LATER, OFFER]], [no, [NO]]]);
    expect(c.stateOf('fine-deadline')).toBe('revoked');
    expect((await world.platform.violations.decision('320100200000001')).status).toBe('unpaid');
  });

  it('a question in the middle is answered and the question comes back', async () => {
    const c = new MemoryConsents();
    await offerTalk(liNa, c, [
      ...HANDLED, ['先不缴', [LATER, OFFER]],
      ['逾期不缴会怎么样', ['每日按罚款数额的3%加处罚款', '我们接着', OFFER]],
      ['行', [YES]],
    ]);
    expect(c.granted()).toEqual(['fine-deadline']);
  });

  it('is not asked when the decision is paid in the same flow', async () => {
    const c = new MemoryConsents();
    await offerTalk(liNa, c, [...HANDLED, ['是', ['处罚决定书：320100200000001', '缴款成功。']]]);
    expect(c.writes).toEqual([]);
  });

  it.each([
    ['the reminder is already on', new MemoryConsents().put('fine-deadline', 'granted')],
    ['the citizen said no before', new MemoryConsents().put('fine-deadline', 'revoked')],
    ['the citizen is not a follower of the official account', new MemoryConsents(new Set())],
    ['notices are not wired', undefined],
  ])('is not asked when %s: the flow ends as before', async (_why, c) => {
    // The reply to 「先不缴」 is the one message it was before.
    await offerTalk(liNa, c, [...HANDLED, ['先不缴', [LATER]]]);
    expect(c?.writes ?? []).toEqual([]);
  });
});
