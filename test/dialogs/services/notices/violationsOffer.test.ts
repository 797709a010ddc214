import { PERSONAS, type ScriptLine } from '../../harness';
import { MemoryConsents } from './memoryConsents';
import { offerTalk } from './offerTalk';

const { liNa, zhangWei } = PERSONAS;
const LISTED: ScriptLine = ['查我自己车的违章', ['你名下车辆共有5条违法记录', '要办理哪一条？']];
const LEFT = '好的，先不处理。需要时随时找我。';
const OFFER = '以后有新的违法记录时通知你吗？ [是|否]';
const YES = '好的，有新的违法记录时通知你。说「提醒设置」可随时修改。';
const NO = '好的，不通知。以后想要新违法提醒，说「提醒设置」就能打开。';

describe('the consent question after a bound owner looks up their own violations', () => {
  it.each([['通知我'], ['要'], ['好的 提醒我吧'], ['可以']])('「%s」 turns on new-violation notices', async (yes) => {
    const c = new MemoryConsents();
    await offerTalk(liNa, c, [LISTED, ['暂不办理', [LEFT, OFFER]], [yes, [YES]]]);
    expect(c.granted()).toEqual(['new-violation']);
  });

  it.each([['不用了'], ['否'], ['不用通知我']])('「%s」 records them as not wanted', async (no) => {
    const c = new MemoryConsents();
    await offerTalk(liNa, c, [LISTED, ['暂不办理', [LEFT, OFFER]], [no, [NO]]]);
    expect(c.stateOf('new-violation')).toBe('revoked');
  });

  it('is asked right after the list when there is nothing to deal with (no violations)', async () => {
    const c = new MemoryConsents();
    await offerTalk(zhangWei, c, [['查违章', ['请选择查询方式']], ['1', ['你名下车辆没有违法记录。', OFFER]], ['要的', [YES]]]);
    expect(c.granted()).toEqual(['new-violation']);
  });

  it('a question in the middle is answered and the question comes back', async () => {
    const c = new MemoryConsents();
    await offerTalk(liNa, c, [
      LISTED, ['暂不办理', [LEFT, OFFER]],
      ['闯红灯扣几分', [/6分/, '我们接着', OFFER]],
      ['行', [YES]],
    ]);
    expect(c.granted()).toEqual(['new-violation']);
  });

  it('is not asked after a lookup by plate and VIN (not necessarily the citizen\'s car)', async () => {
    const c = new MemoryConsents();
    await offerTalk(zhangWei, c, [
      ['查违章', ['请选择查询方式']], ['2', ['请输入要查询的号牌号码']], ['苏A12345', ['车架号']],
      ['123456', ['苏A12345共有5条违法记录', '要办理哪一条？']], ['暂不办理', [LEFT]],
    ]);
    expect(c.writes).toEqual([]);
  });

  it.each([
    ['new-violation notices are already on', new MemoryConsents().put('new-violation', 'granted')],
    ['the citizen said no before', new MemoryConsents().put('new-violation', 'revoked')],
    ['the citizen is not a follower of the official account', new MemoryConsents(new Set())],
    ['notices are not wired', undefined],
  ])('is not asked when %s: the lookup ends as before', async (_why, c) => {
    await offerTalk(liNa, c, [LISTED, ['暂不办理', [LEFT]]]);
    expect(c?.writes ?? []).toEqual([]);
  });
});
