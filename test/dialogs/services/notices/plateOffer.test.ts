import { PERSONAS, type ScriptLine } from '../../harness';
import { MemoryConsents } from './memoryConsents';
import { offerTalk } from './offerTalk';

const { wangQiang } = PERSONAS;
const CHOSEN: ScriptLine[] = [
  ['帮我车架号尾号008821的车选个号', ['为车架号尾号008821的车辆选号', '请选择选号方式']],
  ['自编号码', ['请写出想要的号码']],
  ['6m888', ['苏A6M888：可以选', '确认为车架号尾号008821的车辆选用号牌苏A6M888吗']],
];
const RESERVED = '选号成功！号牌苏A6M888已为车架号尾号008821的车辆保留，保留至12月25日（周五）';
const OFFER = '号牌保留到12月25日（周五），要在到期前三天提醒你吗？ [是|否]';
const YES = '好的，号牌苏A6M888已保留至12月25日（周五），到期前三天会提醒你。说「提醒设置」可随时修改。';
const NO = '好的，不提醒。以后想要号牌到期提醒，说「提醒设置」就能打开。';

describe('the consent question after a plate is reserved', () => {
  it.each([['提醒我'], ['需要'], ['嗯 要提醒'], ['是']])('「%s」 turns on the plate expiry reminder', async (yes) => {
    const c = new MemoryConsents();
    const world = await offerTalk(wangQiang, c, [...CHOSEN, ['是', [RESERVED, OFFER]], [yes, [YES]]]);
    expect(c.granted()).toEqual(['plate-expiring']);
    expect((await world.platform.plates.reservedPlate({ vin: wangQiang.fuelVin }))[0]?.plate).toBe('苏A6M888');
  });

  it.each([['不用了'], ['不需要'], ['不用提醒']])('「%s」 records it as not wanted; the plate stays reserved', async (no) => {
    const c = new MemoryConsents();
    const world = await offerTalk(wangQiang, c, [...CHOSEN, ['是', [RESERVED, OFFER]], [no, [NO]]]);
    expect(c.stateOf('plate-expiring')).toBe('revoked');
    expect((await world.platform.plates.reservedPlate({ vin: wangQiang.fuelVin }))[0]?.plate).toBe('苏A6M888');
  });

  it('a question in the middle is answered and the question comes back', async () => {
    const c = new MemoryConsents();
    await offerTalk(wangQiang, c, [
      ...CHOSEN, ['是', [RESERVED, OFFER]],
      ['号牌过期了会怎么样', [/.+/, '我们接着', OFFER]],
      ['好', [YES]],
    ]);
    expect(c.granted()).toEqual(['plate-expiring']);
  });

  it('stopping at the question keeps the plate and says no reminder was turned on', async () => {
    const c = new MemoryConsents();
    await offerTalk(wangQiang, c, [...CHOSEN, ['是', [RESERVED, OFFER]], ['算了不弄了', ['号牌苏A6M888已保留，到期提醒没有开启。']]]);
    expect(c.writes).toEqual([]);
  });

  it.each([
    ['the reminder is already on', new MemoryConsents().put('plate-expiring', 'granted')],
    ['the citizen said no before', new MemoryConsents().put('plate-expiring', 'revoked')],
    ['the citizen is not a follower of the official account', new MemoryConsents(new Set())],
    ['notices are not wired', undefined],
  ])('is not asked when %s: the reservation ends as before', async (_why, c) => {
    await offerTalk(wangQiang, c, [...CHOSEN, ['是', [RESERVED]]]);
    expect(c?.writes ?? []).toEqual([]);
  });
});
