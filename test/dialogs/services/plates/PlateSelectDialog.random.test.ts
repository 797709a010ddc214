import { PlateSelectDialog } from '../../../../dialogs/services/plates/PlateSelectDialog';
import { PlatformError } from '../../../../integrations/platform/errors';
import type { PlatesPort } from '../../../../integrations/platform/types';
import { bindAs, dialogClient, makeWorld, PERSONAS, play } from '../../harness';
import { addSecondCitizen, EV_PLATE, FUEL_PLATE, plateButtons, roundCandidates, roundsUsed, takeFor, withButtons, ZHAO_MIN } from './plateKit';

const { wangQiang } = PERSONAS;

describe('PlateSelectDialog — 随机选号', () => {
  it('王强 picks a D plate for his battery-electric car from a round of 10 and it is held for 30 days', async () => {
    const world = makeWorld();
    await bindAs(world, wangQiang);
    const client = dialogClient(new PlateSelectDialog(world.deps));
    await play(client, [
      ['我要选号', ['要为哪一辆选号']],
      [wangQiang.evVin, ['好的，为车架号尾号654321的车辆选号。', withButtons('请选择选号方式', '随机选号\\|自编号码')]],
      ['随机选号', [withButtons('第1轮随机号码（共10个）', `${plateButtons(EV_PLATE, 10)}换一批（还剩4轮）`)]],
    ]);
    const second = roundCandidates(world, wangQiang.evVin, 1)[1] ?? '';
    expect(second).toMatch(/^苏AD/);
    await play(client, [
      ['2', [withButtons(`确认为车架号尾号654321的车辆选用号牌${second}吗`, '是\\|否')]],
      ['是', [`选号成功！号牌${second}已为车架号尾号654321的车辆保留，保留至12月25日（周五）`]],
    ]);
    expect(await world.platform.plates.reservedPlate({ vin: wangQiang.evVin })).toEqual([
      expect.objectContaining({ plate: second, status: 'reserved', expiresOn: '2026-12-25' }),
    ]);
  });

  it('offers 换一批 with the rounds left, at most 5 rounds, the last one offering own numbers instead', async () => {
    const world = makeWorld();
    await bindAs(world, wangQiang);
    const client = dialogClient(new PlateSelectDialog(world.deps), { entities: [{ entity: 'vin', value: wangQiang.fuelVin, text: '', start: 0, end: 0 }] });
    await play(client, [
      ['选号', ['尾号008821', '请选择选号方式']],
      ['1', [withButtons('第1轮随机号码（共10个）', `${plateButtons(FUEL_PLATE, 10)}换一批（还剩4轮）`)]],
      ['换一批', [withButtons('第2轮随机号码（共10个）', `${plateButtons(FUEL_PLATE, 10)}换一批（还剩3轮）`)]],
      ['换一批（还剩3轮）', [/第3轮.*换一批（还剩2轮）\]$/s]],
      ['换一批', [/第4轮.*换一批（还剩1轮）\]$/s]],
      ['换一批', [withButtons('第5轮随机号码（共10个），这是最后一轮了', `${plateButtons(FUEL_PLATE, 10)}改用自编号码`)]],
      ['换一批', ['都不满意可以回复「自编号码」']],
      ['改用自编号码', ['请写出想要的号码，一次最多20个']],
    ]);
    expect(roundsUsed(world, wangQiang.fuelVin)).toBe(5);
  });

  it('switches to own numbers when all 5 random rounds were used before', async () => {
    const world = makeWorld();
    await bindAs(world, wangQiang);
    for (let i = 0; i < 5; i += 1) await world.platform.plates.startRandomRound(wangQiang.idNumber, wangQiang.fuelVin);
    const client = dialogClient(new PlateSelectDialog(world.deps));
    await play(client, [
      ['选号', ['车架号']],
      [wangQiang.fuelVin, ['尾号008821', '请选择选号方式']],
      ['随机选号', ['随机选号最多5轮，已经用完了，可以改用自编号码', '请写出想要的号码']],
      ['6M888', ['1. 苏A6M888：可以选', '确认为车架号尾号008821的车辆选用号牌苏A6M888吗']],
      ['是', ['选号成功！号牌苏A6M888']],
    ]);
  });

  it('says so when the picked plate was taken meanwhile and offers the rest of the round', async () => {
    const world = makeWorld();
    await bindAs(world, wangQiang);
    addSecondCitizen(world);
    const client = dialogClient(new PlateSelectDialog(world.deps));
    await play(client, [
      ['选号', ['车架号']],
      [wangQiang.fuelVin, ['尾号008821', '请选择选号方式']],
      ['随机选号', [/第1轮随机号码（共10个）/]],
    ]);
    const [first = '', second = ''] = roundCandidates(world, wangQiang.fuelVin, 1);
    await play(client, [['1', [`选用号牌${first}吗`]]]);
    await takeFor(world, ZHAO_MIN, first);
    await play(client, [
      ['是', [`${first}已经被别人选走了，请换一个`, withButtons('第1轮随机号码（共9个）', `${plateButtons(FUEL_PLATE, 9)}换一批（还剩4轮）`)]],
      ['1', [`选用号牌${second}吗`]],
      ['是', [`号牌${second}已为车架号尾号008821的车辆保留`]],
    ]);
    expect(roundsUsed(world, wangQiang.fuelVin)).toBe(1);
    expect((await world.platform.plates.reservedPlate({ vin: ZHAO_MIN.vin }))[0]?.plate).toBe(first);
  });

  it('goes back to the same round when the citizen declines, without using up a round', async () => {
    const world = makeWorld();
    await bindAs(world, wangQiang);
    const client = dialogClient(new PlateSelectDialog(world.deps));
    await play(client, [
      ['选号', ['车架号']],
      [wangQiang.evVin, ['尾号654321', '请选择选号方式']],
      ['随机', [/第1轮/]],
    ]);
    const [first = '', , third = ''] = roundCandidates(world, wangQiang.evVin, 1);
    await play(client, [
      ['1', [`选用号牌${first}吗`]],
      ['否', [`好的，${first}不选了`, withButtons('第1轮随机号码（共10个）', `${plateButtons(EV_PLATE, 10)}换一批（还剩4轮）`)]],
      ['随便来一个', ['请点选上面的一个号码，或回复序号（1–10）；想看其他号码请回复「换一批」']],
      [third, [`选用号牌${third}吗`]],
      ['是', [`号牌${third}已为车架号尾号654321的车辆保留`]],
    ]);
    expect(roundsUsed(world, wangQiang.evVin)).toBe(1);
  });

  it('ends with the reason when the vehicle got a plate elsewhere meanwhile (one selection per vehicle)', async () => {
    const world = makeWorld();
    await bindAs(world, wangQiang);
    const client = dialogClient(new PlateSelectDialog(world.deps));
    await play(client, [
      ['选号', ['车架号']],
      [wangQiang.evVin, ['尾号654321', '请选择选号方式']],
      ['随机选号', [/第1轮/]],
      ['3', ['选用号牌']],
    ]);
    await takeFor(world, { idNumber: wangQiang.idNumber, vin: wangQiang.evVin }, '苏AD12345');
    await play(client, [['是', ['这辆车已经有号牌苏AD12345了，一辆车只能选一次号']]]);
    expect(client.dialogTurnResult.status).toBe('complete');
    expect((await world.platform.plates.reservedPlate({ vin: wangQiang.evVin })).map((r) => r.plate)).toEqual(['苏AD12345']);
  });

  it('works in English, asking for more', async () => {
    const world = makeWorld();
    await bindAs(world, wangQiang);
    const client = dialogClient(new PlateSelectDialog(world.deps));
    await play(client, [
      ['I would like to choose a licence plate', ['which one would you like to choose a plate for']],
      [wangQiang.evVin, ['OK, choosing a plate for the vehicle with VIN ending 654321.', withButtons('How would you like to choose', 'Random numbers\\|My own numbers')]],
      ['random numbers', [withButtons('Round 1 of random plates \\(10\\)', `${plateButtons(EV_PLATE, 10)}Show 10 more \\(4 rounds left\\)`)]],
      ['more', [withButtons('Round 2 of random plates \\(10\\)', `${plateButtons(EV_PLATE, 10)}Show 10 more \\(3 rounds left\\)`)]],
    ]);
    const picked = roundCandidates(world, wangQiang.evVin, 2)[9] ?? '';
    await play(client, [
      ['10', [withButtons(`Take the plate ${picked} for the vehicle with VIN ending 654321\\?`, 'Yes\\|No')]],
      ['yes', [`Done! The plate ${picked} is held for the vehicle with VIN ending 654321 until Fri 25 Dec.`]],
    ]);
  });

  it('keeps the reservation key in the dialog state: a lost answer and a second 是 reserve once', async () => {
    const world = makeWorld();
    await bindAs(world, wangQiang);
    const real = world.platform.plates;
    const keys: string[] = [];
    // The platform reserves, but the answer is lost on the way back (a timeout) the first time.
    const plates: PlatesPort = {
      startRandomRound: (...a) => real.startRandomRound(...a),
      checkPatterns: (...a) => real.checkPatterns(...a),
      reservedPlate: (...a) => real.reservedPlate(...a),
      vehicles: (...a) => real.vehicles(...a),
      reserve: async (idNumber, vin, plate, key) => {
        keys.push(key);
        const done = await real.reserve(idNumber, vin, plate, key);
        if (keys.length === 1) throw new PlatformError('UNAVAILABLE', 'gateway timeout');
        return done;
      },
    };
    const deps = { ...world.deps, platform: { ...world.platform, plates } };
    const client = dialogClient(new PlateSelectDialog(deps));
    await play(client, [
      ['选号', ['车架号']],
      [wangQiang.fuelVin, ['尾号008821', '请选择选号方式']],
      ['自编号码', ['请写出想要的号码']],
      ['6M888', ['可以选', '选用号牌苏A6M888吗']],
      ['是', ['交管服务平台暂时无法访问，刚才的操作没有完成', '确认为车架号尾号008821的车辆选用号牌苏A6M888吗']],
      ['是', ['选号成功！号牌苏A6M888已为车架号尾号008821的车辆保留，保留至12月25日（周五）']],
    ]);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });
});
