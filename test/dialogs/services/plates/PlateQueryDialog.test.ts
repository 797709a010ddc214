import { PlateQueryDialog } from '../../../../dialogs/services/plates/PlateQueryDialog';
import { bindAs, dialogClient, makeWorld, PERSONAS, play } from '../../harness';
import { takeFor, withButtons } from './plateKit';

const { wangQiang, liNa } = PERSONAS;

describe('PlateQueryDialog', () => {
  it('lists the plates held for the citizen\'s vehicles with VIN tail, status and until when', async () => {
    const world = makeWorld();
    await bindAs(world, wangQiang);
    await takeFor(world, { idNumber: wangQiang.idNumber, vin: wangQiang.evVin }, '苏AD12345');
    await takeFor(world, { idNumber: wangQiang.idNumber, vin: wangQiang.fuelVin }, '苏A6M888');
    world.admin.registerVehicle(wangQiang.fuelVin);
    const client = dialogClient(new PlateQueryDialog(world.deps));
    await play(client, [
      ['我选的号牌是哪个', [
        /^你名下车辆的号牌：\n苏AD12345（车架号尾号654321）：已选定，保留至12月25日（周五），请在此之前办理注册登记\n苏A6M888（车架号尾号008821）：已注册登记$/,
      ]],
    ]);
    expect(client.dialogTurnResult.status).toBe('complete');
  });

  it('shows a registered plate of 李娜 in English', async () => {
    const world = makeWorld();
    await bindAs(world, liNa);
    const client = dialogClient(new PlateQueryDialog(world.deps));
    await play(client, [['which plate do I have', [/^Plates of your vehicles:\n苏A12345 \(VIN ending 123456\): registered$/]]]);
  });

  it('says there is none and, when the citizen wants, goes on to choose one', async () => {
    const world = makeWorld();
    await bindAs(world, wangQiang);
    const client = dialogClient(new PlateQueryDialog(world.deps));
    await play(client, [
      ['查询我的号牌', ['你名下的车辆目前没有已选定或已登记的自选号牌', withButtons('需要现在为车辆选号吗', '是\\|否')]],
      ['嗯', ['要为哪一辆选号']],
      [wangQiang.evVin, ['好的，为车架号尾号654321的车辆选号。', '请选择选号方式']],
      ['自编号码', ['请写出想要的号码']],
      ['D23456', ['1. 苏AD23456：可以选', '选用号牌苏AD23456吗']],
      ['是', ['号牌苏AD23456已为车架号尾号654321的车辆保留，保留至12月25日（周五）']],
    ]);
  });

  it('ends politely when the citizen does not want to choose now', async () => {
    const world = makeWorld();
    await bindAs(world, wangQiang);
    const client = dialogClient(new PlateQueryDialog(world.deps));
    await play(client, [
      ['my plate please', ['None of your vehicles has a chosen or registered plate', withButtons('Would you like to choose a plate now\\?', 'Yes\\|No')]],
      ['hmm?', ['Reply "yes" to choose a plate now, or "no"']],
      ['no', ['OK, come back whenever you want to choose a plate.']],
    ]);
    expect(client.dialogTurnResult.status).toBe('complete');
  });

  it('binds the citizen first when needed', async () => {
    const world = makeWorld();
    const client = dialogClient(new PlateQueryDialog(world.deps));
    await play(client, [['查号牌', ['需要先绑定身份', '请输入你的18位身份证号']]]);
  });
});
