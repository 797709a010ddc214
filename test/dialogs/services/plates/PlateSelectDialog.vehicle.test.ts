import { PlateQueryDialog } from '../../../../dialogs/services/plates/PlateQueryDialog';
import { PlateSelectDialog } from '../../../../dialogs/services/plates/PlateSelectDialog';
import type { FlowOptions } from '../../../../dialogs/shared/FlowOptions';
import { todayOf } from '../../../../dialogs/shared/today';
import { bindAs, dialogClient, latestSmsCode, makeWorld, PERSONAS, play, type World } from '../../harness';
import { takeFor, withButtons } from './plateKit';

const { wangQiang, liNa } = PERSONAS;

/** What MainDialog passes on: the entities the NLU found in the citizen's first message. */
function understood(world: World, text: string): FlowOptions {
  return { entities: world.deps.nlu.understand(text, todayOf(world.clock)).entities };
}

const NO_FULL_VIN = /^(?![\s\S]*LGXCE4CB7R)/;

describe('PlateSelectDialog — the vehicle', () => {
  it('takes the VIN from "给LGXCE4CB7R0654321选个号" and never asks for it, showing only its tail', async () => {
    const world = makeWorld();
    await bindAs(world, wangQiang);
    const first = '给LGXCE4CB7R0654321选个号';
    const client = dialogClient(new PlateSelectDialog(world.deps), understood(world, first));
    await play(client, [
      [first, [/^好的，为车架号尾号654321的车辆选号。$/, withButtons('请选择选号方式', '随机选号\\|自编号码')]],
      ['自编号码', [NO_FULL_VIN]],
      ['D12345', ['1. 苏AD12345：可以选', NO_FULL_VIN]],
      ['是', [/^选号成功！号牌苏AD12345已为车架号尾号654321的车辆保留(?![\s\S]*LGXCE4CB7R)/]],
    ]);
  });

  it('binds an unbound citizen first, then goes on with the VIN from the first message', async () => {
    const world = makeWorld();
    const first = '给LGXCE4CB7R0654321选个号';
    const client = dialogClient(new PlateSelectDialog(world.deps), understood(world, first));
    await play(client, [
      [first, ['需要先绑定身份', '请输入你的18位身份证号']],
      [wangQiang.idNumber, ['请输入身份证上的姓名']],
      [wangQiang.name, ['验证码已发送到你在交管档案中登记的手机137****5678']],
      [() => latestSmsCode(world, wangQiang.phone), ['身份绑定成功：王*', '好的，为车架号尾号654321的车辆选号。', '请选择选号方式']],
    ]);
  });

  it('refuses a VIN with a wrong check digit clearly and keeps asking for it', async () => {
    const world = makeWorld();
    await bindAs(world, wangQiang);
    const client = dialogClient(new PlateSelectDialog(world.deps));
    await play(client, [
      ['选个车牌号', ['要为哪一辆选号']],
      ['其他车辆', ['请输入要选号车辆的车架号（VIN，17位']],
      ['LGXCE4CB8R0654321', ['这个车架号不对：车架号是17位字母和数字（不含I、O、Q），第9位是校验位，校验没有通过。请核对合格证或购车发票后重新输入']],
      ['车架号是LGXCE4CB7R0654321', ['好的，为车架号尾号654321的车辆选号。', '请选择选号方式']],
    ]);
  });

  it('says when the VIN is not a vehicle of the citizen and asks for it again, keeping the way chosen', async () => {
    const world = makeWorld();
    await bindAs(world, wangQiang);
    const client = dialogClient(new PlateSelectDialog(world.deps));
    await play(client, [
      ['选号', ['车架号']],
      [liNa.vin, ['尾号123456', '请选择选号方式']],
      ['随机选号', ['你名下没有查到车架号尾号123456的车辆', '要为哪一辆选号']],
      [wangQiang.evVin, ['好的，为车架号尾号654321的车辆选号。', /^第1轮随机号码（共10个）/]],
    ]);
  });

  it('allows one selection per vehicle: a vehicle that holds a plate is told so at once', async () => {
    const world = makeWorld();
    await bindAs(world, wangQiang);
    await takeFor(world, { idNumber: wangQiang.idNumber, vin: wangQiang.evVin }, '苏AD12345');
    const client = dialogClient(new PlateSelectDialog(world.deps));
    await play(client, [
      ['选号', ['车架号']],
      [wangQiang.evVin, ['车架号尾号654321的车辆已经选定号牌苏AD12345，保留至12月25日（周五）。一辆车只能选一次号']],
    ]);
    expect(client.dialogTurnResult.status).toBe('complete');
    world.admin.registerVehicle(wangQiang.evVin);
    const first = `给${wangQiang.evVin}选号`;
    const again = dialogClient(new PlateSelectDialog(world.deps), understood(world, first));
    await play(again, [
      [first, ['车架号尾号654321的车辆已经登记了号牌苏AD12345，一辆车只能选一次号']],
    ]);
    // His one car without a plate now is the one meant: he is not asked which.
    await play(dialogClient(new PlateSelectDialog(world.deps)), [
      ['选号', ['好的，为车架号尾号008821的车辆选号。', '请选择选号方式']],
    ]);
  });

  it('holds the plate until registration, with an expiry after which it is released', async () => {
    const world = makeWorld();
    await bindAs(world, wangQiang);
    const select = dialogClient(new PlateSelectDialog(world.deps));
    await play(select, [
      ['选号', ['车架号']],
      [wangQiang.fuelVin, ['尾号008821', '请选择选号方式']],
      ['自编号码', ['请写出想要的号码']],
      ['6M888', ['可以选', '选用号牌苏A6M888吗']],
      ['是', ['保留至12月25日（周五）。请在此之前到车管所办理注册登记，逾期未登记号牌将被收回']],
    ]);
    world.clock.advanceDays(30);
    await play(dialogClient(new PlateQueryDialog(world.deps)), [
      ['查一下我的号牌', [/^你名下车辆的号牌：\n苏A6M888（车架号尾号008821）：已选定，保留至12月25日（周五）/]],
    ]);
    world.clock.advanceDays(1);
    await play(dialogClient(new PlateQueryDialog(world.deps)), [
      ['查一下我的号牌', ['目前没有已选定或已登记的自选号牌', '需要现在为车辆选号吗']],
    ]);
    const later = dialogClient(new PlateSelectDialog(world.deps));
    await play(later, [
      ['选号', ['车架号']],
      [wangQiang.fuelVin, ['尾号008821', '请选择选号方式']],
    ]);
  });
});
