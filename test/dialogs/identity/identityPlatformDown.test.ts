import { PlatformError } from '../../../integrations/platform/errors';
import type { IdentityPort, TrafficPlatform } from '../../../integrations/platform/types';
import { FineQueryDialog } from '../../../dialogs/services/fines/FineQueryDialog';
import { FinePayDialog } from '../../../dialogs/services/fines/FinePayDialog';
import { BindingDialog } from '../../../dialogs/identity/BindingDialog';
import { PointsDialog } from '../../../dialogs/services/points/PointsDialog';
import { bindAs, dialogClient, makeWorld, PERSONAS, play, type World } from '../harness';

const { liNa } = PERSONAS;
type IdentityCall = 'getBinding' | 'startBinding' | 'confirmBinding' | 'unbind';

const DOWN = '交管服务平台暂时无法访问，刚才的操作没有完成，请稍后再试，或回复「人工」转人工客服（也可拨打12123）。';
const NOT_BOUND = '没有完成身份绑定，这项业务暂时办不了。需要时随时再来。';

/** The sandbox with the identity calls in `down` failing as a timed-out platform does (after ResilientPlatform). */
function withIdentityDown(world: World, down: Set<IdentityCall>): World {
  const real = world.platform.identity;
  const fail = (call: IdentityCall): void => {
    if (down.has(call)) throw new PlatformError('UNAVAILABLE', `the traffic platform did not answer identity.${call} within 3000 ms`, { timeout: true }, true);
  };
  const identity: IdentityPort = {
    getBinding: async (u) => { fail('getBinding'); return real.getBinding(u); },
    requireBinding: async (u) => { fail('getBinding'); return real.requireBinding(u); },
    startBinding: async (u, id, name) => { fail('startBinding'); return real.startBinding(u, id, name); },
    confirmBinding: async (u, id, code) => { fail('confirmBinding'); return real.confirmBinding(u, id, code); },
    unbind: async (u) => { fail('unbind'); return real.unbind(u); },
    boundUsers: (id) => real.boundUsers(id),
  };
  const p = world.platform;
  const platform: TrafficPlatform = { identity, exams: p.exams, plates: p.plates, violations: p.violations, sms: p.sms, events: p.events };
  return { ...world, deps: { ...world.deps, platform } };
}

describe('identity lookups while the platform is down: the platform-down message and the offer of a person', () => {
  it('asking who is bound fails (points, own violations, binding itself)', async () => {
    const world = withIdentityDown(makeWorld(), new Set(['getBinding']));
    await play(dialogClient(new PointsDialog(world.deps)), [['查一下我的记分', [DOWN]]]);
    await play(dialogClient(new FineQueryDialog(world.deps)), [
      ['查违章', ['请选择查询方式']],
      ['查本人名下车辆（需绑定身份）', [DOWN]],
    ]);
    await play(dialogClient(new BindingDialog(world.deps)), [['绑定身份', [DOWN]]]);
  });

  it('sending the code fails', async () => {
    const world = withIdentityDown(makeWorld(), new Set(['startBinding']));
    await play(dialogClient(new BindingDialog(world.deps)), [
      ['绑定身份', ['需要先绑定身份', '身份证号']],
      [liNa.idNumber, ['姓名']],
      [liNa.name, [DOWN, NOT_BOUND]],
    ]);
  });

  it('checking the code fails', async () => {
    const world = withIdentityDown(makeWorld(), new Set(['confirmBinding']));
    await play(dialogClient(new BindingDialog(world.deps)), [
      ['绑定身份', ['需要先绑定身份', '身份证号']],
      [liNa.idNumber, ['姓名']],
      [liNa.name, ['验证码已发送']],
      ['123456', [DOWN, NOT_BOUND]],
    ]);
  });

  it('reading the binding again before handling a violation fails', async () => {
    const down = new Set<IdentityCall>();
    const base = makeWorld();
    await bindAs(base, liNa);
    const world = withIdentityDown(base, down);
    const client = dialogClient(new FinePayDialog(world.deps), { path: 'handle' });
    await play(client, [['处理违章', ['有以下待办事项，请选择一项']]]);
    down.add('getBinding');
    await play(client, [['违反规定停放', [DOWN]]]);
    expect(base.db.prepare('SELECT COUNT(*) AS n FROM decisions').get()).toEqual({ n: 2 });
  });
});
