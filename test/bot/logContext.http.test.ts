import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { compose, type App } from '../../bot/compose';
import { readConfig } from '../../bot/config';
import { createLogger } from '../../bot/logger';
import type { TrafficPlatform } from '../../integrations/platform/types';
import { LI_NA } from '../integrations/platform/fixtures';
import { bindThrough, FakeWeChat } from './wechat/wechatClient';

interface LogRecord { msg: string; conversationId?: string; level: number }

/** Points take as long as `delay.ms` (to push a turn over the passive-reply budget), or fail outright. */
function slowPoints(delay: { ms: number; fail?: boolean }) {
  return (p: TrafficPlatform): TrafficPlatform => {
    const v = p.violations;
    return {
      identity: p.identity, exams: p.exams, plates: p.plates, sms: p.sms, events: p.events,
      violations: {
        byPlate: (plate, vin) => v.byPlate(plate, vin), byOwner: (id) => v.byOwner(id), handle: (id, x, key) => v.handle(id, x, key),
        decision: (n) => v.decision(n), pay: (n, fen, key) => v.pay(n, fen, key), licence: (id) => v.licence(id),
        points: async (id) => {
          await new Promise((r) => setTimeout(r, delay.ms));
          if (delay.fail) throw new TypeError('points backend broke');
          return v.points(id);
        },
      },
    };
  };
}

describe('log lines name their conversation', () => {
  const lines: string[] = [];
  const delay: { ms: number; fail?: boolean } = { ms: 0 };
  let app: App;
  let base: string;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'jiaoguan-logctx-'));
    const sink = new Writable({ write(chunk: Buffer, _e, cb) { lines.push(chunk.toString('utf8')); cb(); } });
    app = compose(readConfig({ DATA_DIR: dataDir, SANDBOX_TODAY: '2026-11-25', CITIZEN_RATE_PER_MINUTE: '8', WECHAT_REPLY_BUDGET_MS: '150' }),
      createLogger('debug', sink), { wrapPlatform: slowPoints(delay) });
    await app.ready;
    await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    app.server.close();
    app.server.server.closeAllConnections();
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('every line written while WeChat followers are served carries that follower\'s conversation id, failures included', async () => {
    const wx = new FakeWeChat(base);
    const startup = lines.length;
    // Follower A: over the message rate limit (the webhook logs it before any turn runs).
    for (let i = 0; i < 9; i += 1) await wx.text('o_log_a', '你好');
    // Follower B: a turn over the passive-reply budget (logged by the webhook, delivered in the background).
    expect((await bindThrough(wx, base, 'o_log_b', '查记分', LI_NA)).text).toContain('身份绑定成功');
    delay.ms = 600;
    expect((await wx.text('o_log_b', '我还有几分')).body).toBe('success');
    await new Promise((r) => setTimeout(r, 900));
    await app.wechat?.idle();
    // A turn that throws: the adapter's onTurnError logs it outside the middleware chain.
    Object.assign(delay, { ms: 0, fail: true });
    expect((await wx.text('o_log_b', '我还有几分')).text).toContain('系统出了点问题');

    const records = lines.slice(startup).map((l) => JSON.parse(l) as LogRecord);
    const byMessage = (m: RegExp) => records.filter((r) => m.test(r.msg)).map((r) => r.conversationId);
    // Under load a slow answer can make the fake WeChat's message count more than once: every such line is A's.
    expect([...new Set(byMessage(/rate limit/))]).toEqual(['wechat:o_log_a']);
    expect(byMessage(/over the passive-reply budget/)).toEqual(['wechat:o_log_b']);
    expect(byMessage(/^turn failed/)).toEqual(['wechat:o_log_b']);
    expect(records.filter((r) => !r.conversationId?.startsWith('wechat:o_log_'))).toEqual([]);
  });
});
