import { PlateSelectDialog } from '../../../../dialogs/services/plates/PlateSelectDialog';
import type { FlowOptions } from '../../../../dialogs/shared/FlowOptions';
import { todayOf } from '../../../../dialogs/shared/today';
import { bindAs, dialogClient, makeWorld, PERSONAS, play, type World } from '../../harness';
import { withButtons } from './plateKit';

/**
 * Issue 15: a bound owner picks one of their own vehicles (shown by kind and masked VIN tail) instead of typing a
 * 17-character VIN. 王强 has two new cars without plates: a battery-electric one (…654321) and a fuel one (…008821).
 */
const { wangQiang } = PERSONAS;
const PICK_ZH = withButtons('你名下有以下车辆还没有号牌，要为哪一辆选号？', '新能源车 车架号后六位 \\*\\*\\*321\\|燃油车 车架号后六位 \\*\\*\\*821\\|其他车辆（输入车架号）');
const PICK_EN = withButtons('These vehicles of yours have no plate yet; which one would you like to choose a plate for\\?',
  'New-energy car, VIN ending \\*\\*\\*321\\|Fuel car, VIN ending \\*\\*\\*821\\|Another vehicle \\(type its VIN\\)');
/** No reply ever shows a whole VIN of his. */
const NO_FULL_VIN = /^(?![\s\S]*(?:LGXCE4CB7R|LFV3A28K1R))/;

function opening(world: World, text: string): FlowOptions {
  return { entities: world.deps.nlu.understand(text, todayOf(world.clock)).entities };
}

async function wangWorld(): Promise<World> {
  const world = makeWorld();
  await bindAs(world, wangQiang);
  return world;
}

describe('PlateSelectDialog — a bound owner picks one of his own vehicles', () => {
  it.each([
    ['2', '008821'],
    ['燃油车', '008821'],
    ['新能源车那辆', '654321'],
    ['尾号821那辆', '008821'],
    ['第一个', '654321'],
    ['随便', '654321'],
  ])('「我要选号」 then 「%s」: the vehicle …%s, never a VIN asked or shown', async (answer, tail) => {
    const world = await wangWorld();
    const client = dialogClient(new PlateSelectDialog(world.deps));
    await play(client, [
      ['我要选号', [PICK_ZH]],
      [answer, [`好的，为车架号尾号${tail}的车辆选号。`, withButtons('请选择选号方式', '随机选号\\|自编号码')]],
    ]);
  });

  it('「其他车辆」 asks for the VIN; a VIN typed at the pick is that vehicle', async () => {
    const world = await wangWorld();
    await play(dialogClient(new PlateSelectDialog(world.deps)), [
      ['选号', [PICK_ZH]],
      ['其他车辆', ['请输入要选号车辆的车架号（VIN，17位']],
      [wangQiang.fuelVin, ['好的，为车架号尾号008821的车辆选号。', '请选择选号方式']],
    ]);
    await play(dialogClient(new PlateSelectDialog(world.deps)), [
      ['选号', [PICK_ZH]],
      [wangQiang.evVin, ['好的，为车架号尾号654321的车辆选号。', '请选择选号方式']],
    ]);
  });

  it('the VIN tail in the first message names the vehicle: 「帮我车架号尾号008821的车选个号」', async () => {
    const world = await wangWorld();
    const first = '帮我车架号尾号008821的车选个号';
    await play(dialogClient(new PlateSelectDialog(world.deps), opening(world, first)), [
      [first, ['好的，为车架号尾号008821的车辆选号。', '请选择选号方式']],
    ]);
  });

  it('back at the way question: which vehicle, again; another VIN there changes the vehicle', async () => {
    const world = await wangWorld();
    await play(dialogClient(new PlateSelectDialog(world.deps)), [
      ['选号', [PICK_ZH]],
      ['1', ['尾号654321', '请选择选号方式']],
      ['返回上一步', [PICK_ZH]],
      ['2', ['尾号008821', '请选择选号方式']],
      [`换成${wangQiang.evVin}`, ['好的，为车架号尾号654321的车辆选号。', '请选择选号方式']],
      ['自编号码', [NO_FULL_VIN]],
    ]);
  });

  it('in English, with no whole VIN in any reply', async () => {
    const world = await wangWorld();
    await play(dialogClient(new PlateSelectDialog(world.deps)), [
      ['choose a plate for my new car', [PICK_EN]],
      ['the fuel car', ['OK, choosing a plate for the vehicle with VIN ending 008821.', /How would you like to choose/]],
      ['random', [NO_FULL_VIN]],
    ]);
  });

  it('李娜, whose only car has its plate: not offered as a vehicle to choose for, the VIN is asked', async () => {
    const world = makeWorld();
    await bindAs(world, PERSONAS.liNa);
    await play(dialogClient(new PlateSelectDialog(world.deps)), [['选号', ['请输入要选号车辆的车架号（VIN，17位']]]);
  });
});

describe('PlateSelectDialog — going back (prompt layer)', () => {
  it('from the confirmation to the candidates, from the candidates to the way (the round is kept)', async () => {
    const world = await wangWorld();
    const first = `给${wangQiang.fuelVin}选号`;
    const client = dialogClient(new PlateSelectDialog(world.deps), opening(world, first));
    await play(client, [
      [first, ['尾号008821', '请选择选号方式']],
      ['随机选号', [/^第1轮随机号码（共10个）/]],
      ['第二个', [/^确认为车架号尾号008821的车辆选用号牌苏A.{5}吗？/]],
      ['返回上一步', [/^第1轮随机号码（共10个）/]],
      ['返回上一步', ['请选择选号方式']],
      ['随机选号', [/^第1轮随机号码（共10个）/]],
    ]);
    expect((world.db.prepare('SELECT plate_rounds AS n FROM vehicles WHERE vin = ?').get(wangQiang.fuelVin) as { n: number }).n).toBe(1);
  });

  it('from the numbers to the way', async () => {
    const world = await wangWorld();
    const first = `给${wangQiang.fuelVin}选号`;
    await play(dialogClient(new PlateSelectDialog(world.deps), opening(world, first)), [
      [first, ['尾号008821', '请选择选号方式']],
      ['自编号码', ['请写出想要的号码']],
      ['返回上一步', ['请选择选号方式']],
    ]);
  });
});
