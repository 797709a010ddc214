import type { SandboxPlatform } from '../../../../integrations/platform/sandbox/SandboxPlatform';
import { expectCode, idNumber, LI_NA, sandbox, ZHANG_WEI } from '../fixtures';

async function lastCode(platform: SandboxPlatform, phone: string): Promise<string> {
  const [latest] = await platform.sms.outbox(phone);
  if (!latest) throw new Error('no SMS');
  return latest.params['code'] ?? '';
}

function wrong(code: string): string {
  return code === '000000' ? '111111' : '000000';
}

describe('binding a channel user to a citizen', () => {
  it('sends a code to the phone on file and binds with it', async () => {
    const { platform } = sandbox();
    const challenge = await platform.identity.startBinding('wx-openid-1', ZHANG_WEI.idNumber, '张伟');
    expect(challenge).toEqual({ maskedPhone: '139****5678', codeLength: 6, expiresAt: '2026-11-25T02:05:00.000Z' });
    const outbox = await platform.sms.outbox(ZHANG_WEI.phone);
    expect(outbox).toHaveLength(1);
    const code = outbox[0]?.params['code'] ?? '';
    expect(code).toMatch(/^\d{6}$/);
    expect(outbox[0]?.text).toContain(code);
    expect(await platform.sms.outbox(LI_NA.phone)).toEqual([]);

    expect(await platform.identity.getBinding('wx-openid-1')).toBeNull();
    await expectCode(platform.identity.requireBinding('wx-openid-1'), 'NOT_BOUND');
    const binding = await platform.identity.confirmBinding('wx-openid-1', ZHANG_WEI.idNumber, code);
    expect(binding).toEqual({
      channelUserId: 'wx-openid-1', idNumber: ZHANG_WEI.idNumber, name: '张伟', maskedPhone: '139****5678', boundAt: '2026-11-25T02:00:00.000Z',
    });
    expect(await platform.identity.getBinding('wx-openid-1')).toEqual(binding);
    expect(await platform.identity.requireBinding('wx-openid-1')).toEqual(binding);
  });

  it.each([
    [ZHANG_WEI.idNumber, '李娜', 'IDENTITY_MISMATCH'],
    [idNumber(77), '张伟', 'IDENTITY_MISMATCH'],
    ['320102199003071238', '张伟', 'INVALID_ARGUMENT'],
    [ZHANG_WEI.idNumber, '', 'INVALID_ARGUMENT'],
  ] as const)('refuses %s / %j: %s', async (id, name, code) => {
    const { platform } = sandbox();
    await expectCode(platform.identity.startBinding('u', id, name), code);
    expect(await platform.sms.outbox(ZHANG_WEI.phone)).toEqual([]);
  });

  it('locks for 10 minutes after 3 wrong codes', async () => {
    const { platform, clock } = sandbox();
    await platform.identity.startBinding('u', ZHANG_WEI.idNumber, '张伟');
    const code = await lastCode(platform, ZHANG_WEI.phone);
    expect((await expectCode(platform.identity.confirmBinding('u', ZHANG_WEI.idNumber, wrong(code)), 'CODE_WRONG')).details).toEqual({ attemptsLeft: 2 });
    expect((await expectCode(platform.identity.confirmBinding('u', ZHANG_WEI.idNumber, wrong(code)), 'CODE_WRONG')).details).toEqual({ attemptsLeft: 1 });
    const locked = await expectCode(platform.identity.confirmBinding('u', ZHANG_WEI.idNumber, wrong(code)), 'LOCKED');
    expect(locked.details).toEqual({ lockedUntil: '2026-11-25T02:10:00.000Z', lockMinutes: 10 });
    // Even the right code, and a new code, are refused while locked.
    await expectCode(platform.identity.confirmBinding('u', ZHANG_WEI.idNumber, code), 'LOCKED');
    clock.set('2026-11-25T10:09:59+08:00');
    await expectCode(platform.identity.startBinding('u', ZHANG_WEI.idNumber, '张伟'), 'LOCKED');
    clock.set('2026-11-25T10:10:00+08:00');
    await platform.identity.startBinding('u', ZHANG_WEI.idNumber, '张伟');
    const fresh = await lastCode(platform, ZHANG_WEI.phone);
    expect((await platform.identity.confirmBinding('u', ZHANG_WEI.idNumber, fresh)).idNumber).toBe(ZHANG_WEI.idNumber);
  });

  it('a code expires after 5 minutes and is used once', async () => {
    const { platform, clock } = sandbox();
    await platform.identity.startBinding('u', ZHANG_WEI.idNumber, '张伟');
    const code = await lastCode(platform, ZHANG_WEI.phone);
    clock.set('2026-11-25T10:05:00+08:00');
    await expectCode(platform.identity.confirmBinding('u', ZHANG_WEI.idNumber, code), 'CODE_EXPIRED');
    await platform.identity.startBinding('u', ZHANG_WEI.idNumber, '张伟');
    const second = await lastCode(platform, ZHANG_WEI.phone);
    await platform.identity.confirmBinding('u', ZHANG_WEI.idNumber, second);
    await expectCode(platform.identity.confirmBinding('u2', ZHANG_WEI.idNumber, second), 'CODE_EXPIRED');
  });

  it('a new code needs 60 seconds, and replaces the old one', async () => {
    const { platform, clock } = sandbox();
    await platform.identity.startBinding('u', ZHANG_WEI.idNumber, '张伟');
    const first = await lastCode(platform, ZHANG_WEI.phone);
    const limited = await expectCode(platform.identity.startBinding('u', ZHANG_WEI.idNumber, '张伟'), 'RATE_LIMITED');
    expect(limited.retryable).toBe(true);
    expect(limited.details).toEqual({ retryAfterSeconds: 60 });
    clock.set('2026-11-25T10:01:00+08:00');
    await platform.identity.startBinding('u', ZHANG_WEI.idNumber, '张伟');
    const second = await lastCode(platform, ZHANG_WEI.phone);
    expect(await platform.sms.outbox(ZHANG_WEI.phone)).toHaveLength(2);
    if (first !== second) await expectCode(platform.identity.confirmBinding('u', ZHANG_WEI.idNumber, first), 'CODE_WRONG');
    await platform.identity.confirmBinding('u', ZHANG_WEI.idNumber, second);
  });

  it('a channel user binds to one citizen', async () => {
    const { platform, clock } = sandbox();
    await platform.identity.startBinding('u', ZHANG_WEI.idNumber, '张伟');
    await platform.identity.confirmBinding('u', ZHANG_WEI.idNumber, await lastCode(platform, ZHANG_WEI.phone));
    await platform.identity.startBinding('u', LI_NA.idNumber, '李娜');
    await expectCode(platform.identity.confirmBinding('u', LI_NA.idNumber, await lastCode(platform, LI_NA.phone)), 'ALREADY_BOUND');
    expect((await platform.identity.requireBinding('u')).idNumber).toBe(ZHANG_WEI.idNumber);
    // Binding again to the same citizen is harmless.
    clock.advanceDays(1);
    await platform.identity.startBinding('u', ZHANG_WEI.idNumber, '张伟');
    const again = await platform.identity.confirmBinding('u', ZHANG_WEI.idNumber, await lastCode(platform, ZHANG_WEI.phone));
    expect(again.boundAt).toBe('2026-11-25T02:00:00.000Z');
  });

  it('wrong codes lock one channel user\'s attempt on one ID number, never the ID number for everyone', async () => {
    const { platform, clock } = sandbox();
    await platform.identity.startBinding('attacker', LI_NA.idNumber, '李娜');
    const sent = await lastCode(platform, LI_NA.phone);
    const wrongs = ['000000', '111111', '222222', '333333'].filter((c) => c !== sent).slice(0, 3);
    await expectCode(platform.identity.confirmBinding('attacker', LI_NA.idNumber, wrongs[0] ?? ''), 'CODE_WRONG');
    await expectCode(platform.identity.confirmBinding('attacker', LI_NA.idNumber, wrongs[1] ?? ''), 'CODE_WRONG');
    await expectCode(platform.identity.confirmBinding('attacker', LI_NA.idNumber, wrongs[2] ?? ''), 'LOCKED');
    await expectCode(platform.identity.startBinding('attacker', LI_NA.idNumber, '李娜'), 'LOCKED');
    clock.set('2026-11-25T10:01:00+08:00');
    await platform.identity.startBinding('li-na', LI_NA.idNumber, '李娜');
    const code = await lastCode(platform, LI_NA.phone);
    // Her code is hers: the locked attacker cannot use it, and neither can anybody else.
    await expectCode(platform.identity.confirmBinding('attacker', LI_NA.idNumber, code), 'LOCKED');
    await expectCode(platform.identity.confirmBinding('someone-else', LI_NA.idNumber, code), 'CODE_EXPIRED');
    expect((await platform.identity.confirmBinding('li-na', LI_NA.idNumber, code)).idNumber).toBe(LI_NA.idNumber);
  });

  it('sends at most 3 codes an hour to one ID number, whoever asks, and takes 5 requests an hour from one channel user', async () => {
    const { platform, clock } = sandbox();
    for (const [i, user] of ['a', 'b', 'c'].entries()) {
      clock.set(`2026-11-25T10:0${i}:00+08:00`);
      await platform.identity.startBinding(user, LI_NA.idNumber, '李娜');
    }
    clock.set('2026-11-25T10:03:00+08:00');
    const perId = await expectCode(platform.identity.startBinding('d', LI_NA.idNumber, '李娜'), 'RATE_LIMITED');
    expect(perId.details).toEqual({ reason: 'id', retryAt: '2026-11-25T03:00:00.000Z' });
    expect(await platform.sms.outbox(LI_NA.phone)).toHaveLength(3);
    clock.set('2026-11-25T11:00:01+08:00');
    await platform.identity.startBinding('d', LI_NA.idNumber, '李娜');
    expect(await platform.sms.outbox(LI_NA.phone)).toHaveLength(4);

    // One channel user probing names (or asking for codes) is stopped after 5 requests, the right name included.
    for (const name of ['王芳', '李雷', '张三', '赵四', '钱五']) await expectCode(platform.identity.startBinding('prober', ZHANG_WEI.idNumber, name), 'IDENTITY_MISMATCH');
    const perUser = await expectCode(platform.identity.startBinding('prober', ZHANG_WEI.idNumber, '张伟'), 'RATE_LIMITED');
    expect(perUser.details).toEqual({ reason: 'user', retryAt: '2026-11-25T04:00:01.000Z' });
    expect(await platform.sms.outbox(ZHANG_WEI.phone)).toEqual([]);
  });
});
