import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { compose, type App } from '../../bot/compose';
import { readConfig } from '../../bot/config';
import { createLogger } from '../../bot/logger';
import { PlatformError } from '../../integrations/platform/errors';
import { HttpPlatform } from '../../integrations/platform/http/HttpPlatform';
import { createSandboxHttpServer } from '../../integrations/platform/sandbox/httpServer';
import { capture } from '../support/capture';
import { LI_NA, sandbox } from '../integrations/platform/fixtures';
import { FakeWeChat } from './wechat/wechatClient';

const TOKEN = 'gateway-token-3f9c1e7a5b2d4680';
const WECHAT = { WECHAT_TOKEN: 'gatewayTest123', WECHAT_APP_ID: 'wxgateway0001', WECHAT_APP_SECRET: 'gateway-app-secret', WECHAT_API_URL: 'http://127.0.0.1:9' };

/** The sandbox platform's HTTP server (the gateway's contract), reached through `front`, which sees each request first. */
function gateway(): { handle: (req: IncomingMessage, res: ServerResponse) => void; close: () => void; platform: ReturnType<typeof sandbox>['platform'] } {
  const s = sandbox();
  const api = createSandboxHttpServer(s.platform, { admin: s.admin });
  return { handle: (req, res) => api.server.emit('request', req, res), close: () => s.db.close(), platform: s.platform };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

/** The bot as a deployment (PLATFORM=http, a WeChat account), its logs kept for the assertions and the PII scan. */
async function startBot(env: Record<string, string>, logs: string[]): Promise<{ app: App; wx: FakeWeChat; stop: () => Promise<void> }> {
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      const line = chunk.toString('utf8').trimEnd();
      logs.push(line);
      capture('gateway-auth-logs', line);
      cb();
    },
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'jiaoguan-gateway-'));
  const app = compose(readConfig({ DATA_DIR: dataDir, PLATFORM: 'http', ...WECHAT, ...env }), createLogger('debug', sink));
  await app.ready;
  const port = await listen(app.server.server);
  return {
    app,
    wx: new FakeWeChat(`http://127.0.0.1:${port}`, WECHAT.WECHAT_TOKEN),
    stop: async () => {
      app.server.close();
      app.server.server.closeAllConnections();
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describe('PLATFORM=http: the bot authenticates to the gateway with a bearer token', () => {
  let gw: ReturnType<typeof gateway>;
  let front: Server;
  let url: string;
  const seen: Array<{ path: string; authorization?: string }> = [];

  beforeAll(async () => {
    gw = gateway();
    // A gateway that records each call's Authorization header and refuses a wrong or missing token.
    front = createServer((req, res) => {
      seen.push({ path: req.url ?? '', authorization: req.headers.authorization });
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end('{"code":"UNAUTHENTICATED","message":"bearer token required"}');
        return;
      }
      gw.handle(req, res);
    });
    url = `http://127.0.0.1:${await listen(front)}`;
  });
  afterAll(async () => {
    front.closeAllConnections();
    await new Promise((r) => front.close(r));
    gw.close();
  });

  it('sends Authorization: Bearer <PLATFORM_TOKEN_FILE> on every call of a citizen\'s binding and lookup; the token is in no log line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jiaoguan-gateway-token-'));
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, `${TOKEN}\n`, { mode: 0o600 });
    const logs: string[] = [];
    const bot = await startBot({ PLATFORM_URL: url, PLATFORM_TOKEN_FILE: tokenFile }, logs);
    seen.length = 0;
    try {
      const openid = 'o_gateway_token';
      expect((await bot.wx.text(openid, '我还有几分')).text).toContain('身份证号');
      await bot.wx.text(openid, LI_NA.idNumber);
      expect((await bot.wx.text(openid, LI_NA.name)).text).toContain('138****5678');
      const [sms] = await gw.platform.sms.outbox(LI_NA.phone);
      const bound = await bot.wx.text(openid, String(sms.params.code));
      expect(bound.text).toMatch(/记分|分/);
    } finally {
      await bot.stop();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(seen.length).toBeGreaterThanOrEqual(3);
    for (const call of seen) expect(`${call.path} ${call.authorization}`).toBe(`${call.path} Bearer ${TOKEN}`);
    expect(logs.join('\n')).not.toContain(TOKEN);
  });

  it('a wrong token: the gateway\'s 401 is the platform-down answer with a person offered, never an input error; the token is in no log line', async () => {
    const wrong = 'not-the-gateway-token-0123456789';
    const logs: string[] = [];
    const bot = await startBot({ PLATFORM_URL: url, PLATFORM_TOKEN: wrong }, logs);
    try {
      const r = await bot.wx.text('o_gateway_wrong', '我还有几分');
      expect(r.text).toContain('交管服务平台暂时无法访问');
    } finally {
      await bot.stop();
    }
    expect(seen.at(-1)?.authorization).toBe(`Bearer ${wrong}`);
    expect(logs.join('\n')).not.toContain(wrong);
  });
});

const HAS_OPENSSL = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** A throwaway CA, a server certificate for 127.0.0.1 and a client certificate, made with openssl. */
function makeCertificates(dir: string): Record<'caCert' | 'serverCert' | 'serverKey' | 'clientCert' | 'clientKey', string> {
  const ssl = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  };
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  ssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=jiaoguan test gateway CA');
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  ssl('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  ssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '1', '-extfile', 'server.ext');
  ssl('req', ...ec, '-keyout', 'client.key', '-out', 'client.csr', '-subj', '/CN=jiaoguan-bot');
  ssl('x509', '-req', '-in', 'client.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'client.crt', '-days', '1');
  return {
    caCert: join(dir, 'ca.crt'), serverCert: join(dir, 'server.crt'), serverKey: join(dir, 'server.key'),
    clientCert: join(dir, 'client.crt'), clientKey: join(dir, 'client.key'),
  };
}

(HAS_OPENSSL ? describe : describe.skip)('PLATFORM=http over mutual TLS (a throwaway CA made with openssl)', () => {
  let dir: string;
  let files: ReturnType<typeof makeCertificates>;
  let gw: ReturnType<typeof gateway>;
  let front: Server;
  let url: string;
  const clients: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jiaoguan-mtls-'));
    files = makeCertificates(dir);
    gw = gateway();
    // The gateway asks for a client certificate from its CA and refuses the connection without one.
    front = createTlsServer({
      key: readFileSync(files.serverKey), cert: readFileSync(files.serverCert), ca: readFileSync(files.caCert), requestCert: true, rejectUnauthorized: true,
    }, (req, res) => {
      clients.push(String((req.socket as TLSSocket).getPeerCertificate().subject?.CN));
      gw.handle(req, res);
    });
    url = `https://127.0.0.1:${await listen(front)}`;
  });
  afterAll(async () => {
    front.closeAllConnections();
    await new Promise((r) => front.close(r));
    gw.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the bot composed with PLATFORM_CLIENT_CERT, PLATFORM_CLIENT_KEY and PLATFORM_CA reaches the gateway, which sees its certificate', async () => {
    const bot = await startBot({ PLATFORM_URL: url, PLATFORM_CLIENT_CERT: files.clientCert, PLATFORM_CLIENT_KEY: files.clientKey, PLATFORM_CA: files.caCert }, []);
    clients.length = 0;
    try {
      expect((await bot.wx.text('o_gateway_mtls', '我还有几分')).text).toContain('身份证号');
    } finally {
      await bot.stop();
    }
    expect(clients.length).toBeGreaterThanOrEqual(1);
    expect(new Set(clients)).toEqual(new Set(['jiaoguan-bot']));
  });

  it('without the client certificate the gateway refuses the connection: the call is UNAVAILABLE', async () => {
    const ca = readFileSync(files.caCert, 'utf8');
    const withCert = new HttpPlatform({ baseUrl: url, timeoutMs: 3000, tls: { cert: readFileSync(files.clientCert, 'utf8'), key: readFileSync(files.clientKey, 'utf8'), ca } });
    expect(await withCert.identity.getBinding('o_nobody')).toBeNull();
    const withoutCert = new HttpPlatform({ baseUrl: url, timeoutMs: 3000, tls: { ca } });
    await expect(withoutCert.identity.getBinding('o_nobody')).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(withoutCert.identity.getBinding('o_nobody')).rejects.toBeInstanceOf(PlatformError);
  });
});
