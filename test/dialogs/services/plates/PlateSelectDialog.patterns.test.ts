import { PlateSelectDialog } from '../../../../dialogs/services/plates/PlateSelectDialog';
import { bindAs, dialogClient, makeWorld, PERSONAS, play, type ScriptLine, type World } from '../../harness';
import { addSecondCitizen, takeFor, withButtons, ZHAO_MIN } from './plateKit';

const { wangQiang } = PERSONAS;

/** Bound as 王强, the vehicle given, 自编号码 chosen: the next message is the citizen's numbers. */
async function proposing(world: World, vin: string, persona: { idNumber: string; name: string; phone: string } = wangQiang) {
  await bindAs(world, persona);
  // With the VIN in the first message (a citizen with one car without a plate is not asked which one).
  const first = `给${vin}选号`;
  const client = dialogClient(new PlateSelectDialog(world.deps), { entities: world.deps.nlu.understand(first, '2026-11-25').entities });
  const opening: ScriptLine[] = [
    [first, [`尾号${vin.slice(-6)}`, '请选择选号方式']],
    ['自编号码', [/^请写出想要的号码，一次最多20个，用空格、逗号或顿号隔开[\s\S]*新能源车号码6位，纯电动车首位为D，其他新能源车首位为F/]],
  ];
  await play(client, opening);
  return client;
}

describe('PlateSelectDialog — 自编号码', () => {
  it('王强 proposes numbers for his fuel car: each verdict in order up to the first available, then it is held', async () => {
    const world = makeWorld();
    const client = await proposing(world, wangQiang.fuelVin);
    await play(client, [
      ['8I888, 62508、66666 A3B5C，12345 苏B66888 6m888 8K8K8', [
        new RegExp([
          '^按你给的顺序查询的结果：',
          '1\\. 8I888：不符合号牌规则',
          '2\\. 苏A62508：属于保留号码或不宜使用的号码，不能选',
          '3\\. 苏A66666：属于保留号码或不宜使用的号码，不能选',
          '4\\. A3B5C：不符合号牌规则',
          '5\\. 苏A12345：已被其他车辆选用',
          '6\\. 苏B66888：不符合号牌规则',
          '7\\. 苏A6M888：可以选',
          '号牌规则：苏\\+发证机关字母（A南京至N宿迁，按车辆登记地）\\+号码。燃油车号码5位，字母最多2个，不能用I和O；[^\\n]*$',
        ].join('\\n')),
        withButtons('确认为车架号尾号008821的车辆选用号牌苏A6M888吗', '是\\|否'),
      ]],
      ['是', ['选号成功！号牌苏A6M888已为车架号尾号008821的车辆保留，保留至12月25日（周五）']],
    ]);
    expect((await world.platform.plates.reservedPlate({ vin: wangQiang.fuelVin }))[0]?.plate).toBe('苏A6M888');
  });

  it('needs 6 characters with D first for the battery-electric car', async () => {
    const world = makeWorld();
    const client = await proposing(world, wangQiang.evVin);
    await play(client, [
      ['6M888 F12345 D12345 D23456', [
        /^按你给的顺序查询的结果：\n1\. 6M888：不符合号牌规则\n2\. F12345：不符合号牌规则\n3\. 苏AD12345：可以选\n号牌规则：[^\n]*新能源车号码6位，纯电动车首位为D，其他新能源车首位为F[^\n]*$/,
        '选用号牌苏AD12345吗',
      ]],
      ['是', ['号牌苏AD12345已为车架号尾号654321的车辆保留']],
    ]);
  });

  it('explains when none is available and asks again, keeping the vehicle', async () => {
    const world = makeWorld();
    const client = await proposing(world, wangQiang.fuelVin);
    await play(client, [
      ['12345 44448', [
        /^按你给的顺序查询的结果：\n1\. 苏A12345：已被其他车辆选用\n2\. 苏A44448：属于保留号码或不宜使用的号码，不能选$/,
        '这些号码都选不了，请换几个再试',
        '请写出想要的号码',
      ]],
      ['8K8K8', ['1. 苏A8K8K8：可以选', '确认为车架号尾号008821的车辆选用号牌苏A8K8K8吗']],
    ]);
  });

  it('checks at most 20 numbers at once and says what it could not read, losing nothing', async () => {
    const world = makeWorld();
    const client = await proposing(world, wangQiang.fuelVin);
    const many = Array.from({ length: 21 }, (_, i) => `6M${String(i + 100)}`).join(' ');
    await play(client, [
      [many, [/^一次最多查20个号码，你发了21个。\n请重新输入1到20个号码，用空格、逗号或顿号隔开.*车辆信息已经记下了。$/]],
      // Words without any number are not an attempt at numbers; the second answer in a row that leads nowhere gets the
      // example and a way out (人工/取消), and so does the next one, with what was wrong with it.
      ['我想要个吉利的号', [/^还是没看懂。例如可以回复：「6M888、苏A8K8K8」[\s\S]*请重新输入1到20个号码[\s\S]*\[人工\|取消\]$/]],
      ['6M888、88', [/^还是没看懂。[\s\S]*「88」看不出是号码。\n请重新输入/]],
      ['苏A 6M888', ['1. 苏A6M888：可以选', '确认为车架号尾号008821的车辆选用号牌苏A6M888吗']],
    ]);
  });

  it('offers the next available number when the offered one is taken before the reservation', async () => {
    const world = makeWorld();
    addSecondCitizen(world);
    const client = await proposing(world, wangQiang.fuelVin);
    await play(client, [['6M888 6M889', [/^按你给的顺序查询的结果：\n1\. 苏A6M888：可以选$/, '选用号牌苏A6M888吗']]]);
    await takeFor(world, ZHAO_MIN, '苏A6M888');
    await play(client, [
      ['是', ['苏A6M888已经被别人选走了，请换一个', /^按你给的顺序查询的结果：\n1\. 苏A6M889：可以选$/, '选用号牌苏A6M889吗']],
      ['是', ['号牌苏A6M889已为车架号尾号008821的车辆保留']],
    ]);
  });

  it('explains a number put on the denylist before the reservation and offers the next one', async () => {
    const world = makeWorld();
    const client = await proposing(world, wangQiang.fuelVin);
    await play(client, [['6M888，8K8K8', ['1. 苏A6M888：可以选', '选用号牌苏A6M888吗']]]);
    world.db.prepare("INSERT INTO plate_denylist (fragment, reason) VALUES ('6M8', 'reserved')").run();
    await play(client, [
      ['是', ['这个号码属于保留或不宜使用的号码，不能选', '1. 苏A8K8K8：可以选', '选用号牌苏A8K8K8吗']],
      ['否', ['好的，苏A8K8K8不选了', '请写出想要的号码']],
    ]);
  });

  it('never holds one plate for two vehicles: a second citizen cannot take 王强\'s plate', async () => {
    const world = makeWorld();
    addSecondCitizen(world);
    await takeFor(world, { idNumber: wangQiang.idNumber, vin: wangQiang.fuelVin }, '苏A6M888');
    const client = await proposing(world, ZHAO_MIN.vin, ZHAO_MIN);
    await play(client, [
      ['6M888', [/^按你给的顺序查询的结果：\n1\. 苏A6M888：已被其他车辆选用$/, '这些号码都选不了', '请写出想要的号码']],
    ]);
    const holders = world.db.prepare("SELECT vin FROM plate_holds WHERE plate = '苏A6M888' AND status = 'reserved'").all();
    expect(holders).toEqual([{ vin: wangQiang.fuelVin }]);
  });

  it('works in English', async () => {
    const world = makeWorld();
    await bindAs(world, wangQiang);
    const client = dialogClient(new PlateSelectDialog(world.deps));
    await play(client, [
      ['I want to pick a plate number', ['which one would you like to choose a plate for']],
      [wangQiang.fuelVin, ['VIN ending 008821', 'How would you like to choose']],
      ['my own numbers', ['Write the numbers you would like, up to 20 at once']],
      ['hello there', [/^Please enter 1 to 20 numbers/]],
      ['hello 6M888x', [/^I still didn't get that\.[\s\S]*"hello" does not look like a plate number\.\nPlease enter 1 to 20 numbers/]],
      ['66666, 6M888', [
        /^Results, in the order you gave:\n1\. 苏A66666: reserved or not allowed\n2\. 苏A6M888: available$/,
        withButtons('Take the plate 苏A6M888 for the vehicle with VIN ending 008821\\?', 'Yes\\|No'),
      ]],
      ['yes', ['Done! The plate 苏A6M888 is held for the vehicle with VIN ending 008821 until Fri 25 Dec.']],
    ]);
  });
});
