import type { AddressInfo } from 'node:net';
import { HttpPlatform } from '../../../../integrations/platform/http/HttpPlatform';
import { IDENTITY_PORT } from '../../../../integrations/platform/identity/port';
import type { IdentityPort } from '../../../../integrations/platform/identity/types';
import { createSandboxHttpServer } from '../../../../integrations/platform/sandbox/httpServer';
import type { SandboxPlatform } from '../../../../integrations/platform/sandbox/SandboxPlatform';
import openapi from '../../../../integrations/platform/openapi.json';
import { expectCode, LI_NA, sandbox, ZHANG_WEI } from '../fixtures';

async function bind(platform: SandboxPlatform, identity: IdentityPort, user: string, who: { idNumber: string; name: string; phone: string }): Promise<void> {
  await identity.startBinding(user, who.idNumber, who.name);
  const [sms] = await platform.sms.outbox(who.phone);
  await identity.confirmBinding(user, who.idNumber, sms?.params['code'] ?? '');
}

describe('unbinding a channel user', () => {
  it('removes the binding and answers who was unbound; a second time answers null; others stay bound', async () => {
    const { platform } = sandbox();
    await bind(platform, platform.identity, 'wx-1', LI_NA);
    await bind(platform, platform.identity, 'wx-2', ZHANG_WEI);
    const removed = await platform.identity.unbind('wx-1');
    expect(removed).toMatchObject({ channelUserId: 'wx-1', idNumber: LI_NA.idNumber, name: '李娜', maskedPhone: '138****5678' });
    expect(await platform.identity.getBinding('wx-1')).toBeNull();
    await expectCode(platform.identity.requireBinding('wx-1'), 'NOT_BOUND');
    expect(await platform.identity.unbind('wx-1')).toBeNull();
    expect((await platform.identity.getBinding('wx-2'))?.idNumber).toBe(ZHANG_WEI.idNumber);
  });

  it('is idempotent for the resilience wrapper (a repeat changes nothing)', () => {
    expect(IDENTITY_PORT.methods.unbind).toBe('idempotent');
  });

  it('binding again after unbinding needs a new code', async () => {
    const { platform, clock } = sandbox();
    await bind(platform, platform.identity, 'wx-1', LI_NA);
    await platform.identity.unbind('wx-1');
    clock.set('2026-11-25T10:01:01+08:00');
    await bind(platform, platform.identity, 'wx-1', LI_NA);
    expect((await platform.identity.getBinding('wx-1'))?.name).toBe('李娜');
  });

  it('speaks the HTTP contract: POST /v1/identity/bindings/{channelUserId}/unbind (404 NOT_BOUND → null)', async () => {
    const { db, platform } = sandbox();
    const server = createSandboxHttpServer(platform, {});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const http = new HttpPlatform({ baseUrl: url, timeoutMs: 2000 });
      expect(await http.identity.unbind('wx-1')).toBeNull();
      await bind(platform, http.identity, 'wx-1', LI_NA);
      expect(await http.identity.unbind('wx-1')).toMatchObject({ idNumber: LI_NA.idNumber, name: '李娜' });
      expect(await http.identity.getBinding('wx-1')).toBeNull();
      const res = await fetch(`${url}/v1/identity/bindings/wx-1/unbind`, { method: 'POST' });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: 'NOT_BOUND' });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
    }
    const paths = openapi.paths as Record<string, Record<string, { operationId?: string }>>;
    expect(paths['/v1/identity/bindings/{channelUserId}/unbind']?.['post']?.operationId).toBe('unbind');
  });
});
