import { MainDialog } from '../../../../dialogs/main/MainDialog';
import { SERVICE_INDEX } from '../../../../dialogs/services';
import { UnbindDialog } from '../../../../dialogs/services/account/UnbindDialog';
import { WhoAmIDialog } from '../../../../dialogs/services/account/WhoAmIDialog';
import { PointsDialog } from '../../../../dialogs/services/points/PointsDialog';
import { bindAs, dialogClient, makeWorld, PERSONAS, play, TEST_USER, type World } from '../../harness';

const { liNa, zhangWei } = PERSONAS;
const bound = async (world: World) => (await world.platform.identity.getBinding(TEST_USER))?.idNumber ?? null;

describe('我绑定的是谁 (identity.whoami)', () => {
  it('names the bound identity, masked', async () => {
    const world = makeWorld();
    await bindAs(world, liNa);
    await play(dialogClient(new WhoAmIDialog(world.deps)), [
      ['我绑定的是谁', ['你当前绑定的身份是：李*（320583********0024），交管档案登记的手机为138****5678。如需解除，回复「解除绑定」。']],
    ]);
  });

  it('not bound: says so and how binding works', async () => {
    const world = makeWorld();
    await play(dialogClient(new WhoAmIDialog(world.deps)), [
      ['我绑的哪个身份证', ['你还没有绑定身份。办理预约考试、查记分、处理违章等需要身份的业务时，我会请你输入身份证号、姓名和发到登记手机上的验证码']],
    ]);
  });

  it('in English', async () => {
    const world = makeWorld();
    await bindAs(world, zhangWei);
    await play(dialogClient(new WhoAmIDialog(world.deps)), [
      ['who am I bound as', ['Your account is bound to 张* (320102********1239); the phone on the traffic record is 139****5678']],
    ]);
    const other = makeWorld();
    await play(dialogClient(new WhoAmIDialog(other.deps)), [['which ID did I bind', ['Your account is not bound to an identity yet']]]);
  });
});

describe('解除绑定 (identity.unbind)', () => {
  it('asks to confirm naming who (masked), then unbinds and says what was done', async () => {
    const world = makeWorld();
    await bindAs(world, zhangWei);
    await play(dialogClient(new UnbindDialog(world.deps)), [
      ['解除绑定', ['确认解除与 张*（320102********1239）的绑定吗？解除后，办理需要身份的业务时要重新验证身份。 [是|否]']],
      ['是', ['已解除与 张*（320102********1239）的绑定。以后办理需要身份的业务时，需要重新绑定。']],
    ]);
    expect(await bound(world)).toBeNull();
  });

  it('no: the binding stays, and says so', async () => {
    const world = makeWorld();
    await bindAs(world, liNa);
    await play(dialogClient(new UnbindDialog(world.deps)), [
      ['解绑', ['确认解除与 李*（320583********0024）的绑定吗']],
      ['不用', ['好的，没有解除绑定，你仍绑定为 李*（320583********0024）。']],
    ]);
    expect(await bound(world)).toBe(liNa.idNumber);
  });

  it('not bound: says so', async () => {
    const world = makeWorld();
    await play(dialogClient(new UnbindDialog(world.deps)), [['解除绑定', ['你还没有绑定身份，不需要解除绑定。']]]);
  });

  it('in English', async () => {
    const world = makeWorld();
    await bindAs(world, liNa);
    await play(dialogClient(new UnbindDialog(world.deps)), [
      ['unbind my identity', ['Remove the binding to 李* (320583********0024)? Services that need your identity will then ask you to verify it again. [Yes|No]']],
      ['yes', ['The binding to 李* (320583********0024) has been removed.']],
    ]);
    expect(await bound(world)).toBeNull();
  });

  it('unbind, then who am I bound as, then a service asks to bind again', async () => {
    const world = makeWorld();
    await bindAs(world, liNa);
    const client = dialogClient(new MainDialog(world.deps, SERVICE_INDEX));
    await play(client, [
      ['我绑定的是谁', ['你当前绑定的身份是：李*（320583********0024）']],
      ['解除绑定', ['确认解除与 李*（320583********0024）的绑定吗']],
      ['是', ['已解除与 李*（320583********0024）的绑定']],
      ['我绑定的是谁', ['你还没有绑定身份']],
    ]);
    await play(dialogClient(new PointsDialog(world.deps)), [['查记分', ['需要先绑定身份', '身份证号']]]);
  });

  it('the main loop routes 解绑 / 取消绑定 / unbind to unbinding and 我绑的哪个身份证 to who is bound (not cancel, not points)', async () => {
    const world = makeWorld();
    await bindAs(world, liNa);
    for (const said of ['解绑', '取消绑定', '我要解除绑定', 'unbind my ID']) {
      const client = dialogClient(new MainDialog(world.deps, SERVICE_INDEX));
      await play(client, [[said, [/李\* ?[（(]320583\*{8}0024[)）]/]]]);
    }
    for (const said of ['我绑的哪个身份证', '我绑定的身份', 'who am I bound as']) {
      const client = dialogClient(new MainDialog(world.deps, SERVICE_INDEX));
      await play(client, [[said, [/李\* ?[（(]320583\*{8}0024[)）]/]]]);
    }
  });
});
