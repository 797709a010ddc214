import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wechatSignature } from '../../../bot/channels/wechat/signature';
import { freePort, stopBot } from '../../../tools/faults/botProcess';
import { capture } from '../../support/capture';
import { emulatorMessage, postActivity } from '../channelRecorder';
import { runScript } from '../../support/runScript';
import { startWeChatApp, type WeChatTestApp } from '../wechat/wechatClient';

/** A real official account's settings (made up): with them the bot is a deployment. */
const REAL_WECHAT = { WECHAT_TOKEN: 'realAccountToken2026', WECHAT_APP_ID: 'wx0123456789abcdef', WECHAT_APP_SECRET: 'not-a-real-secret-0123456789' };
const GATEWAY = { PLATFORM: 'http', PLATFORM_URL: 'http://127.0.0.1:9/' };

/** A composed deployment on a free port: startWeChatApp without the demo's fixed date (a blank setting is unset). */
const startApp = (env: Record<string, string>): Promise<WeChatTestApp> => startWeChatApp({ SANDBOX_TODAY: '', ...env });

/** Every page and API of the demo's sandbox, as an attacker on the network would try them. */
const SANDBOX_SURFACE = [
  '/', '/chat/', '/chat/messenger.js', '/sandbox/sms?phone=13812345678', '/sandbox/wechat/config',
  '/sandbox/wechat/messages?openid=o_sandbox_lina', '/sandbox/wechat/stream?openid=o_sandbox_lina',
  `/sandbox/wechat/cgi-bin/token?grant_type=client_credential&appid=${REAL_WECHAT.WECHAT_APP_ID}&secret=${REAL_WECHAT.WECHAT_APP_SECRET}`,
  '/sandbox/clock', '/sandbox/wechat/followers?openid=o_sandbox_lina', '/sandbox/wechat/subscriptions?openid=o_sandbox_lina',
];
/** What a demo lets anyone change: the time, events, a follower's settings, WeChat's template API. */
const SANDBOX_CHANGES: ReadonlyArray<[string, unknown]> = [
  ['/sandbox/clock', { now: '2027-01-01T09:00:00+08:00' }],
  ['/sandbox/violations', { plate: '苏A12345', kind: 'speeding' }],
  ['/sandbox/exam-results', { bookingId: 'EB00000001', passed: true }],
  ['/sandbox/wechat/followers?openid=o_sandbox_lina', { notices: 'reject' }],
  ['/sandbox/wechat/cgi-bin/message/template/send?access_token=x', { touser: 'o_sandbox_lina', template_id: 'jiaoguan-new-violation', data: {} }],
  ['/sandbox/wechat/new-conversation', { openid: 'o_sandbox_lina' }],
];

describe('a deployment serves nothing of the sandbox', () => {
  let t: WeChatTestApp;

  beforeAll(async () => {
    t = await startApp({ ...GATEWAY, ...REAL_WECHAT });
  });
  afterAll(() => t.close());

  it('is a deployment: the WeChat webhook answers the URL check with the real token', async () => {
    expect(t.app.config.mode).toBe('deployment');
    const timestamp = String(Math.floor(Date.now() / 1000));
    const sig = wechatSignature(REAL_WECHAT.WECHAT_TOKEN, timestamp, '42');
    const r = await fetch(`${t.base}/api/wechat?signature=${sig}&timestamp=${timestamp}&nonce=42&echostr=hello`);
    expect(await r.text()).toBe('hello');
  });

  it.each(SANDBOX_SURFACE)('GET %s is not found', async (path) => {
    const r = await fetch(`${t.base}${path}`, { redirect: 'manual' });
    const body = await r.text();
    capture('http-errors', `GET ${path.split('?')[0]} ${r.status} ${body}`);
    expect(r.status).toBe(404);
    expect(body).not.toMatch(/320583198512240024|jiaoguanSandboxToken|access_token/);
  });

  it.each(SANDBOX_CHANGES)('POST %s is not found', async (path, body) => {
    const r = await fetch(`${t.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    capture('http-errors', `POST ${path.split('?')[0]} ${r.status} ${await r.text()}`);
    expect(r.status).toBe(404);
  });

  it('does not serve /api/messages without Bot Framework authentication', async () => {
    const r = await postActivity(t.base, emulatorMessage('http://127.0.0.1:1', 'c', '你好'));
    expect(r.status).toBe(404);
  });
});

describe('a deployment with Bot Framework authentication', () => {
  let t: WeChatTestApp;

  beforeAll(async () => {
    t = await startApp({ ...GATEWAY, MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'made-up-password' });
  });
  afterAll(() => t.close());

  it('refuses an activity without a valid token (401), even with a loopback serviceUrl', async () => {
    const r = await postActivity(t.base, emulatorMessage('http://127.0.0.1:1', 'c', '你好'));
    expect(r.status).toBe(401);
  });
});

/** `node --import tsx bot/index.ts` with `env`: its exit code (null while still running at `ms`), stdout and stderr. */
async function runBot(env: Record<string, string>, ms: number): Promise<{ code: number | null; stdout: string; stderr: string; listeners: string[]; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'jiaoguan-deploy-proc-'));
  const port = await freePort();
  const { child, code, stdout, stderr } = await runScript('bot/index.ts', [], {
    cleanEnv: true, env: { LOG_LEVEL: 'warn', DATA_DIR: dataDir, PORT: String(port), ...env },
    until: (out) => out.includes('health:'), timeoutMs: ms, captureAs: 'bot-process',
  });
  return {
    code, stdout, stderr, listeners: listeningOn(port),
    stop: async () => {
      await stopBot(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The local addresses (IPv4 and IPv6, as the kernel shows them) of the sockets listening on `port`. */
function listeningOn(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const out: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state === '0A' && local?.endsWith(`:${hexPort}`)) out.push(local.split(':')[0]);
    }
  }
  return out;
}
const LOOPBACK_V4 = '0100007F';

describe('the start of a real process decides demo or deployment and says so', () => {
  it.each([
    [{ ...REAL_WECHAT }, 'never runs the sandbox platform'],
    [{ NODE_ENV: 'production' }, 'never runs the sandbox platform'],
    [{ MODE: 'deployment', SANDBOX_TODAY: '2026-11-25' }, 'SANDBOX_TODAY is a demo-only setting'],
    [{ ...GATEWAY, SANDBOX_TODAY: '2026-11-25', ...REAL_WECHAT }, 'SANDBOX_TODAY is a demo-only setting'],
    [{ ...GATEWAY }, 'a deployment needs a channel'],
    [{ MODE: 'demo', ...GATEWAY }, 'MODE=demo cannot be used with PLATFORM=http'],
  ])('refuses %j with a clear message and exit code 2', async (env, message) => {
    const run = await runBot(env, 20_000);
    await run.stop();
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('a deployment prints DEPLOYMENT, no messenger and a closed /api/messages', async () => {
    const run = await runBot({ ...GATEWAY, ...REAL_WECHAT }, 30_000);
    await run.stop();
    expect(run.stdout).toContain('mode: DEPLOYMENT (PLATFORM=http, WECHAT_TOKEN, WECHAT_APP_ID, WECHAT_APP_SECRET set)');
    expect(run.stdout).toContain('/api/messages is closed');
    expect(run.stdout).not.toContain('/chat/');
    expect(run.stdout).not.toContain('/sandbox/');
    expect(run.listeners.length).toBeGreaterThan(0);
    expect(run.listeners.every((a) => /^0+$/.test(a))).toBe(true);
  });

  it('the two README commands still start the demo: messenger, Emulator on loopback, SMS outbox', async () => {
    const run = await runBot({}, 30_000);
    await run.stop();
    expect(run.stdout).toContain('mode: DEMO');
    expect(run.stdout).toContain('/chat/');
    expect(run.stdout).toContain('Bot Framework Emulator');
    expect(run.stdout).toContain('loopback');
    expect(run.stdout).toContain('/sandbox/sms');
    // Each console, the operations page included.
    for (const page of ['/agent/', '/admin/', '/ops/']) expect(run.stdout).toMatch(new RegExp(`http://localhost:\\d+${page}`));
    // The demo's sandbox pages hand out SMS codes and the webhook token: only this machine reaches them.
    expect(run.stdout).toContain('listening on 127.0.0.1 only');
    expect(run.listeners).toEqual([LOOPBACK_V4]);
  });
});
