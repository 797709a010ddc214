import { BindingDialog } from '../../../dialogs/identity/BindingDialog';
import { dialogClient, latestSmsCode, makeWorld, PERSONAS, play, TEST_USER } from '../harness';

const { liNa } = PERSONAS;

describe('BindingDialog', () => {
  it('binds with ID number, name and the SMS code sent to the phone on file', async () => {
    const world = makeWorld();
    const client = dialogClient(new BindingDialog(world.deps));
    await play(client, [
      ['你好', ['需要先绑定身份', '请输入你的18位身份证号']],
      ['320583198512240025', ['校验位不对']],
      [liNa.idNumber, ['请输入身份证上的姓名']],
      ['李娜', ['验证码已发送到你在交管档案中登记的手机138****5678']],
      [() => latestSmsCode(world, liNa.phone), ['身份绑定成功：李*（320583********0024）']],
    ]);
    expect((await world.platform.identity.getBinding(TEST_USER))?.idNumber).toBe(liNa.idNumber);
  });

  it('asks again when the ID number and name do not match the record', async () => {
    const world = makeWorld();
    const client = dialogClient(new BindingDialog(world.deps));
    await play(client, [
      ['hi', ['This service needs your identity to be bound first', 'Please enter your 18-character resident ID number']],
      [liNa.idNumber, ['Please enter your name']],
      ['Wang Fang', ['do not match', 'Please enter your 18-character resident ID number']],
    ]);
  });

  it('locks after three wrong codes and says until when', async () => {
    const world = makeWorld();
    const client = dialogClient(new BindingDialog(world.deps));
    await play(client, [
      ['绑定身份', ['需要先绑定身份', '身份证号']],
      [liNa.idNumber, ['姓名']],
      ['李娜', ['验证码已发送']],
      ['000000', ['验证码不对，你还可以再试2次']],
      ['abc', ['验证码是6位数字']],
      ['000001', ['验证码不对，你还可以再试1次']],
      ['000002', ['已锁定，请在11月25日（周三） 10:10之后再试', '没有完成身份绑定']],
    ]);
    expect(await world.platform.identity.getBinding(TEST_USER)).toBeNull();
  });

  it('ends at once with the binding when the user is already bound', async () => {
    const world = makeWorld();
    await world.platform.identity.startBinding(TEST_USER, liNa.idNumber, liNa.name);
    await world.platform.identity.confirmBinding(TEST_USER, liNa.idNumber, await latestSmsCode(world, liNa.phone));
    const client = dialogClient(new BindingDialog(world.deps));
    await play(client, [['你好', []]]);
    expect(client.dialogTurnResult.status).toBe('complete');
    expect((client.dialogTurnResult.result as { idNumber: string }).idNumber).toBe(liNa.idNumber);
  });
});
