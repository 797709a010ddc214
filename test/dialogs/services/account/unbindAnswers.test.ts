import { MainDialog } from '../../../../dialogs/main/MainDialog';
import { SERVICE_INDEX } from '../../../../dialogs/services';
import { bindAs, dialogClient, makeWorld, PERSONAS, play, TEST_USER, type World } from '../../harness';

const { liNa } = PERSONAS;
const bound = async (world: World) => (await world.platform.identity.getBinding(TEST_USER))?.idNumber ?? null;
const ASKED = '确认解除与 李*（320583********0024）的绑定吗';

async function atConfirmation(): Promise<{ world: World; client: ReturnType<typeof dialogClient> }> {
  const world = makeWorld();
  await bindAs(world, liNa);
  const client = dialogClient(new MainDialog(world.deps, SERVICE_INDEX));
  await play(client, [['我要解绑', [ASKED]]]);
  return { world, client };
}

describe('the unbind confirmation, answered in the citizen\'s words (through the main loop)', () => {
  it.each(['解绑吧', '确认解除', '嗯 解了吧', '取消绑定', '好的', 'yes unbind it'])('「%s」 unbinds', async (said) => {
    const { world, client } = await atConfirmation();
    await play(client, [[said, [/已解除与 李\*（320583\*{8}0024）的绑定|The binding to 李\* \(320583\*{8}0024\) has been removed/]]]);
    expect(await bound(world)).toBeNull();
  });

  // A no keeps the binding and says so; a no the NLU also reads as 「stop」 leaves the flow saying nothing was done
  // (the prompt layer's rule): either way the binding stays.
  it.each(['不解了', '先不要', '不用了', '算了', '不要解除'])('「%s」 keeps the binding, and the reply says nothing was removed', async (said) => {
    const { world, client } = await atConfirmation();
    await play(client, [[said, [/没有解除绑定，你仍绑定为 李\*（320583\*{8}0024）|已退出「解除绑定」。刚才办理的业务没有提交任何内容/]]]);
    expect(await bound(world)).toBe(liNa.idNumber);
  });

  it('a question about who is bound is answered, then the confirmation is asked again', async () => {
    const { world, client } = await atConfirmation();
    await play(client, [
      ['我绑定的是谁', ['你当前绑定的身份是：李*（320583********0024）', '我们接着刚才的解除绑定', ASKED]],
      ['是', ['已解除与 李*（320583********0024）的绑定']],
    ]);
    expect(await bound(world)).toBeNull();
  });

  it('asking twice: the second time says there is nothing to unbind', async () => {
    const { world, client } = await atConfirmation();
    await play(client, [
      ['是的', ['已解除与 李*']],
      ['解除绑定', ['你还没有绑定身份，不需要解除绑定。']],
    ]);
    expect(await bound(world)).toBeNull();
  });
});
