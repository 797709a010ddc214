import type { TrafficPlatform } from '../../../../integrations/platform/types';
import type { SandboxPlatform } from '../../../../integrations/platform/sandbox/SandboxPlatform';
import { expectCode, idNumber, LI_NA, sandbox, WANG_QIANG, ZHANG_WEI } from '../fixtures';
import { PORT_TARGETS, type PortTarget } from '../portTargets';

/** Binds a channel user the way a citizen does: ID number + name, then the SMS code. */
async function bindWithCode(platform: TrafficPlatform, world: SandboxPlatform, user: string, who: { idNumber: string; name: string; phone: string }): Promise<void> {
  await platform.identity.startBinding(user, who.idNumber, who.name);
  const [sms] = await world.sms.outbox(who.phone);
  await platform.identity.confirmBinding(user, who.idNumber, sms?.params['code'] ?? '');
}

describe.each(PORT_TARGETS)('identity.boundUsers through %s: whom to tell about a citizen', (_name, open) => {
  let t: PortTarget;
  beforeEach(async () => { t = await open(); });
  afterEach(async () => { await t.close(); });

  it('nobody before anyone binds; then each channel user bound to the citizen, oldest binding first', async () => {
    expect(await t.platform.identity.boundUsers(LI_NA.idNumber)).toEqual([]);
    await bindWithCode(t.platform, t.sandbox, 'wechat:o_sandbox_lina', LI_NA);
    t.clock.set('2026-11-25T10:05:00+08:00');
    t.admin.bind('wechat:o_lina_second_phone', LI_NA.idNumber);
    t.admin.bind('wechat:o_sandbox_zhangwei', ZHANG_WEI.idNumber);
    expect(await t.platform.identity.boundUsers(LI_NA.idNumber)).toEqual(['wechat:o_sandbox_lina', 'wechat:o_lina_second_phone']);
    expect(await t.platform.identity.boundUsers(ZHANG_WEI.idNumber)).toEqual(['wechat:o_sandbox_zhangwei']);
    expect(await t.platform.identity.boundUsers(WANG_QIANG.idNumber)).toEqual([]);
  });

  it('an unbound channel user is no longer told', async () => {
    t.admin.bind('wechat:o_a', LI_NA.idNumber);
    t.admin.bind('wechat:o_b', LI_NA.idNumber);
    await t.platform.identity.unbind('wechat:o_a');
    expect(await t.platform.identity.boundUsers(LI_NA.idNumber)).toEqual(['wechat:o_b']);
  });

  it('accepts the ID number as the citizen gives it (lower-case x), refuses a malformed one and nobody on file', async () => {
    t.admin.bind('wechat:o_sandbox_wangqiang', WANG_QIANG.idNumber);
    expect(await t.platform.identity.boundUsers(WANG_QIANG.idNumber.toLowerCase())).toEqual(['wechat:o_sandbox_wangqiang']);
    expect((await expectCode(t.platform.identity.boundUsers('320102199003071238'), 'INVALID_ARGUMENT')).details)
      .toEqual({ field: 'idNumber', rule: 'check-character' });
    expect((await expectCode(t.platform.identity.boundUsers(idNumber(901)), 'NOT_FOUND')).details).toEqual({ entity: 'citizen' });
  });

});

describe('identity.boundUsers over HTTP', () => {
  it('asks GET /v1/identity/bound-users with the ID number in X-Citizen-Id, never in the URL', async () => {
    const t = await PORT_TARGETS[1]![1]();
    try {
      t.admin.bind('wechat:o_sandbox_lina', LI_NA.idNumber);
      expect(await t.platform.identity.boundUsers(LI_NA.idNumber)).toEqual(['wechat:o_sandbox_lina']);
      expect(t.urls.map((u) => new URL(u).pathname)).toEqual(['/v1/identity/bound-users']);
      for (const url of t.urls) expect(url).not.toContain(LI_NA.idNumber.slice(-6));
    } finally {
      await t.close();
    }
  });
});

describe('SandboxAdmin.bind: binding without the SMS code, for tests and benchmarks with many citizens', () => {
  it('binds at the sandbox\'s now, as getBinding then tells, and sends no SMS', async () => {
    const { platform, admin } = sandbox();
    const binding = admin.bind('wechat:o_bench_1', LI_NA.idNumber);
    expect(binding).toEqual({
      channelUserId: 'wechat:o_bench_1', idNumber: LI_NA.idNumber, name: '李娜', maskedPhone: '138****5678', boundAt: '2026-11-25T02:00:00.000Z',
    });
    expect(await platform.identity.getBinding('wechat:o_bench_1')).toEqual(binding);
    expect(await platform.sms.outbox(LI_NA.phone)).toEqual([]);
  });

  it('binding again to the same citizen answers the binding there is (its first time)', async () => {
    const { admin, clock } = sandbox();
    const first = admin.bind('wechat:o_bench_1', LI_NA.idNumber);
    clock.set('2026-11-26T10:00:00+08:00');
    expect(admin.bind('wechat:o_bench_1', LI_NA.idNumber)).toEqual(first);
  });

  it('refuses a citizen nobody has on file, a channel user bound to someone else, and bad input', async () => {
    const { platform, admin } = sandbox();
    const unknown = await expectCode(Promise.resolve().then(() => admin.bind('wechat:o_x', idNumber(902))), 'NOT_FOUND');
    expect(unknown.details).toEqual({ entity: 'citizen' });
    expect(await platform.identity.getBinding('wechat:o_x')).toBeNull();
    admin.bind('wechat:o_y', LI_NA.idNumber);
    await expectCode(Promise.resolve().then(() => admin.bind('wechat:o_y', ZHANG_WEI.idNumber)), 'ALREADY_BOUND');
    expect(await platform.identity.boundUsers(ZHANG_WEI.idNumber)).toEqual([]);
    await expectCode(Promise.resolve().then(() => admin.bind('', LI_NA.idNumber)), 'INVALID_ARGUMENT');
    await expectCode(Promise.resolve().then(() => admin.bind('wechat:o_z', '123')), 'INVALID_ARGUMENT');
  });

  it('binds a thousand citizens quickly enough for a benchmark, and finds each one\'s user', async () => {
    const { platform, admin } = sandbox();
    const started = Date.now();
    for (let i = 0; i < 1000; i += 1) {
      const id = idNumber(i, '19900101');
      admin.addCitizen({ idNumber: id, name: `市民${i}`, phone: `138000${String(i).padStart(5, '0')}` });
      admin.bind(`wechat:o_bench_${i}`, id);
    }
    expect(await platform.identity.boundUsers(idNumber(517, '19900101'))).toEqual(['wechat:o_bench_517']);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
