import { MainDialog } from '../../../dialogs/main/MainDialog';
import { SERVICE_INDEX } from '../../../dialogs/services';
import { dialogClient, latestSmsCode, makeWorld, PERSONAS, play, TEST_USER } from '../harness';

const { liNa } = PERSONAS;

/** Binding inside a service, through the main loop: what is said at the code question is read there first. */
describe('binding inside a flow (main loop)', () => {
  it.each(['重新发送', '没收到', '再发一次'])('「%s」 at the code question resends (too soon: how long to wait), it does not cancel the flow', async (said) => {
    const world = makeWorld();
    const client = dialogClient(new MainDialog(world.deps, SERVICE_INDEX));
    await play(client, [
      ['查记分', ['需要先绑定身份', '身份证号']],
      [liNa.idNumber, ['姓名']],
      ['我叫李娜', ['验证码已发送到你在交管档案中登记的手机138****5678']],
      [said, ['60秒后才能再发', '请输入6位验证码']],
    ]);
    world.clock.set('2026-11-25T10:01:00+08:00');
    await play(client, [
      [said, ['验证码已重新发送到138****5678']],
      [async () => `验证码是${await latestSmsCode(world, liNa.phone)}`, ['身份绑定成功：李*（320583********0024）', '记分']],
    ]);
    expect((await world.platform.identity.getBinding(TEST_USER))?.idNumber).toBe(liNa.idNumber);
  });
});

describe('questions at the binding questions (main loop)', () => {
  it('a request at the name question is not taken for a name: answered as a side trip, then the name is asked again', async () => {
    const world = makeWorld();
    const client = dialogClient(new MainDialog(world.deps, SERVICE_INDEX));
    await play(client, [
      ['查记分', ['需要先绑定身份', '身份证号']],
      [liNa.idNumber, ['姓名']],
      ['我绑定的是谁', ['你还没有绑定身份', /接着/, '请输入身份证上的姓名']],
      ['李娜', ['验证码已发送']],
    ]);
    expect(await world.platform.sms.outbox(liNa.phone)).toHaveLength(1);
  });

  it('a request at the ID number question is answered, then the ID number is asked again', async () => {
    const world = makeWorld();
    const client = dialogClient(new MainDialog(world.deps, SERVICE_INDEX));
    await play(client, [
      ['查记分', ['需要先绑定身份', '身份证号']],
      ['我绑的哪个身份证', ['你还没有绑定身份', /接着/, '请输入你的18位身份证号']],
      ['3201 0219 9003 0712 39', ['姓名']],
    ]);
  });

  it('解绑 while binding inside a flow is a side question: nothing to unbind yet, and binding goes on', async () => {
    const world = makeWorld();
    const client = dialogClient(new MainDialog(world.deps, SERVICE_INDEX));
    await play(client, [
      ['查记分', ['需要先绑定身份', '身份证号']],
      [liNa.idNumber, ['姓名']],
      ['李娜', ['验证码已发送']],
      ['解除绑定', ['你还没有绑定身份，不需要解除绑定。', /接着/, '请输入6位验证码']],
      [() => latestSmsCode(world, liNa.phone), ['身份绑定成功', '记分']],
    ]);
  });
});

describe('a side question that needs a bound identity, asked while binding', () => {
  it('is not a second binding inside the first: says to finish binding, then the question is asked again', async () => {
    const world = makeWorld();
    const client = dialogClient(new MainDialog(world.deps, SERVICE_INDEX));
    await play(client, [
      ['预约考试', ['需要先绑定身份', '身份证号']],
      [liNa.idNumber, ['姓名']],
      ['我的记分', ['你正在绑定身份，请先完成绑定，绑定后再办这件事。', '我们接着刚才的', '请输入身份证上的姓名']],
      ['李娜', ['验证码已发送']],
    ]);
  });
});

describe('stopping binding inside a flow', () => {
  it('「不绑了」 at the code question: binding and the flow stop, saying binding was not completed; the next message starts afresh', async () => {
    const world = makeWorld();
    const client = dialogClient(new MainDialog(world.deps, SERVICE_INDEX));
    await play(client, [
      ['查记分', ['需要先绑定身份', '身份证号']],
      [liNa.idNumber, ['姓名']],
      ['李娜', ['验证码已发送']],
      ['不绑了', ['没有完成身份绑定，这项业务暂时办不了。需要时随时再来。']],
      ['我绑定的是谁', ['你还没有绑定身份']],
    ]);
  });
});
