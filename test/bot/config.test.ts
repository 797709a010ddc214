import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, readConfig } from '../../bot/config';

describe('readConfig', () => {
  it('runs on the embedded defaults with no environment', () => {
    const c = readConfig({});
    expect(c).toMatchObject({ port: 3978, store: 'sqlite', platform: 'sandbox', logLevel: 'info' });
    expect(c.dataDir).toMatch(/data$/);
    expect(c.workers).toBe(1);
  });

  it('WORKERS=auto means one bot process per CPU', () => {
    expect(readConfig({ WORKERS: 'auto' }).workers).toBeGreaterThanOrEqual(1);
    expect(readConfig({ WORKERS: '3' }).workers).toBe(3);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be a port number'],
    [{ STORE: 'redis' }, 'STORE must be "sqlite" or "mongo"'],
    [{ STORE: 'mongo' }, 'STORE=mongo needs MONGODB_URI'],
    [{ PLATFORM: 'http' }, 'PLATFORM=http needs PLATFORM_URL'],
    [{ SANDBOX_TODAY: '2026-13-45' }, 'SANDBOX_TODAY must be a date'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of'],
    [{ MicrosoftAppId: 'abc' }, 'MicrosoftAppPassword is not'],
    [{ WORKERS: '0' }, 'WORKERS must be "auto" or a number of processes from 1 to 64'],
    [{ WORKERS: 'many' }, 'WORKERS must be'],
  ])('fails fast on %j, naming the problem', (env, message) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(message);
  });

  it.each([
    [{}, 'demo', 'anonymous'],
    [{ MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw' }, 'demo', 'authenticated'],
    [{ PLATFORM: 'http', PLATFORM_URL: 'http://127.0.0.1:9', WECHAT_TOKEN: 'tok123', WECHAT_APP_ID: 'wx1', WECHAT_APP_SECRET: 's' }, 'deployment', 'closed'],
    [{ MODE: 'deployment', PLATFORM: 'http', PLATFORM_URL: 'http://127.0.0.1:9', MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw' }, 'deployment', 'authenticated'],
  ])('decides demo or deployment once: %j is a %s with Bot Framework %s', (env, mode, botFramework) => {
    expect(readConfig(env)).toMatchObject({ mode, botFramework, host: mode === 'demo' ? '127.0.0.1' : '0.0.0.0' });
  });

  it.each([
    [{ WECHAT_TOKEN: 'tok123', WECHAT_APP_ID: 'wx1', WECHAT_APP_SECRET: 's' }, 'never runs the sandbox platform'],
    [{ WECHAT_API_URL: 'https://api.weixin.qq.com' }, 'WECHAT_API_URL set'],
    [{ NODE_ENV: 'production' }, 'NODE_ENV=production'],
    [{ MODE: 'deployment', PLATFORM: 'http', PLATFORM_URL: 'http://127.0.0.1:9', SANDBOX_TODAY: '2026-11-25', MicrosoftAppId: 'a', MicrosoftAppPassword: 'p' }, 'SANDBOX_TODAY is a demo-only setting'],
    [{ PLATFORM: 'http', PLATFORM_URL: 'http://127.0.0.1:9' }, 'a deployment needs a channel'],
    [{ MODE: 'demo', WECHAT_TOKEN: 'tok123' }, 'MODE=demo cannot be used with WECHAT_TOKEN set'],
    [{ MODE: 'staging' }, 'MODE must be "demo" or "deployment"'],
    [{ CITIZEN_RATE_PER_MINUTE: '0' }, 'CITIZEN_RATE_PER_MINUTE must be a positive integer'],
    [{ HOST: 'every interface' }, 'HOST must be an IP address or a host name'],
  ])('a deployment refuses sandbox settings: %j', (env, message) => {
    expect(() => readConfig(env)).toThrow(message);
  });

  it('reports every problem at once', () => {
    expect(() => readConfig({ PORT: '0', STORE: 'x', LOG_LEVEL: 'y' })).toThrow(/PORT[\s\S]*STORE[\s\S]*LOG_LEVEL/);
  });
});

describe('readConfig: TRUST_PROXY', () => {
  it('trusts no proxy by default, and reads a comma-separated list of addresses, CIDR ranges and "loopback"', () => {
    expect(readConfig({}).trustProxy).toEqual([]);
    expect(readConfig({ TRUST_PROXY: ' 10.0.0.5, 172.16.0.0/12,loopback , fd00::/8,::1 ' }).trustProxy)
      .toEqual(['10.0.0.5', '172.16.0.0/12', 'loopback', 'fd00::/8', '::1']);
  });

  it.each(['proxy.example', '10.0.0.0/33', '10.0.0.1/8/1', '300.1.1.1', 'fd00::/129', '*'])('refuses "%s", naming TRUST_PROXY', (entry) => {
    expect(() => readConfig({ TRUST_PROXY: `127.0.0.1,${entry}` })).toThrow(ConfigError);
    expect(() => readConfig({ TRUST_PROXY: `127.0.0.1,${entry}` })).toThrow(`TRUST_PROXY must list proxy IP addresses, CIDR ranges (such as 10.0.0.0/8) or "loopback", separated by commas; "${entry}" is none of these`);
  });
});

describe('readConfig: the traffic platform gateway\'s credentials (PLATFORM=http)', () => {
  const TOKEN = 'gw-token-0123456789abcdef';
  /** A deployment with a channel, so that only the gateway settings are judged. */
  const deployment = (env: Record<string, string>): Record<string, string> => ({
    PLATFORM: 'http', WECHAT_TOKEN: 'tok123', WECHAT_APP_ID: 'wx1', WECHAT_APP_SECRET: 's', ...env,
  });
  let dir: string;
  const file = (name: string, content: string): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'jiaoguan-gateway-config-')); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the bearer token from PLATFORM_TOKEN or from the file PLATFORM_TOKEN_FILE (trailing newline dropped)', () => {
    expect(readConfig(deployment({ PLATFORM_URL: 'https://gw.example', PLATFORM_TOKEN: TOKEN })).platformAuth).toEqual({ token: TOKEN });
    const tokenFile = file('token', `${TOKEN}\n`);
    expect(readConfig(deployment({ PLATFORM_URL: 'https://gw.example', PLATFORM_TOKEN_FILE: tokenFile })).platformAuth).toEqual({ token: TOKEN });
  });

  it('reads the client certificate, key and CA files for mutual TLS', () => {
    const cert = file('client.crt', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const key = file('client.key', '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n');
    const ca = file('ca.crt', '-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n');
    expect(readConfig(deployment({ PLATFORM_URL: 'https://gw.example', PLATFORM_CLIENT_CERT: cert, PLATFORM_CLIENT_KEY: key, PLATFORM_CA: ca })).platformAuth).toEqual({
      tls: { cert: expect.stringContaining('MIIB'), key: expect.stringContaining('MIIE'), ca: expect.stringContaining('MIIC') },
    });
  });

  it('a gateway on this machine may go without credentials, over plain http too (local gateway testing)', () => {
    expect(readConfig(deployment({ PLATFORM_URL: 'http://127.0.0.1:3979' })).platformAuth).toEqual({});
    expect(readConfig(deployment({ PLATFORM_URL: 'http://localhost:3979' })).platformAuth).toEqual({});
    expect(readConfig(deployment({ PLATFORM_URL: 'http://gw.internal', PLATFORM_TOKEN: TOKEN, PLATFORM_ALLOW_HTTP: 'true' })).platformAuth).toEqual({ token: TOKEN });
  });

  it.each<[string, Record<string, string>, string]>([
    ['no credential for a remote gateway', { PLATFORM_URL: 'https://gw.example' }, 'PLATFORM=http needs a credential for the gateway: PLATFORM_TOKEN or PLATFORM_TOKEN_FILE (bearer token) and/or PLATFORM_CLIENT_CERT and PLATFORM_CLIENT_KEY'],
    ['plain http:// to another machine', { PLATFORM_URL: 'http://gw.example', PLATFORM_TOKEN: TOKEN }, 'PLATFORM_URL uses plain http:// to gw.example'],
    ['PLATFORM_ALLOW_HTTP other than true/false', { PLATFORM_URL: 'https://gw.example', PLATFORM_TOKEN: TOKEN, PLATFORM_ALLOW_HTTP: 'yes' }, 'PLATFORM_ALLOW_HTTP must be "true" or "false"'],
    ['both PLATFORM_TOKEN and PLATFORM_TOKEN_FILE', { PLATFORM_URL: 'https://gw.example', PLATFORM_TOKEN: TOKEN, PLATFORM_TOKEN_FILE: '/nowhere' }, 'set PLATFORM_TOKEN or PLATFORM_TOKEN_FILE, not both'],
    ['an unreadable PLATFORM_TOKEN_FILE', { PLATFORM_URL: 'https://gw.example', PLATFORM_TOKEN_FILE: '/nowhere/token' }, 'PLATFORM_TOKEN_FILE: cannot read the file "/nowhere/token" (ENOENT)'],
    ['a token with a space', { PLATFORM_URL: 'https://gw.example', PLATFORM_TOKEN: 'two words-0123456789' }, 'PLATFORM_TOKEN must be a bearer token'],
    ['a short token', { PLATFORM_URL: 'https://gw.example', PLATFORM_TOKEN: 'short' }, 'PLATFORM_TOKEN must have at least 16 characters'],
    ['a certificate without its key', { PLATFORM_URL: 'https://gw.example', PLATFORM_CLIENT_CERT: '/nowhere/c.crt' }, 'mutual TLS needs both PLATFORM_CLIENT_CERT and PLATFORM_CLIENT_KEY'],
    ['an unreadable PLATFORM_CLIENT_KEY', { PLATFORM_URL: 'https://gw.example', PLATFORM_CLIENT_CERT: '/nowhere/c.crt', PLATFORM_CLIENT_KEY: '/nowhere/c.key' }, 'PLATFORM_CLIENT_KEY: cannot read the file "/nowhere/c.key"'],
    ['an unreadable PLATFORM_CA', { PLATFORM_URL: 'https://gw.example', PLATFORM_TOKEN: TOKEN, PLATFORM_CA: '/nowhere/ca.crt' }, 'PLATFORM_CA: cannot read the file "/nowhere/ca.crt"'],
    ['a client certificate over plain http', { PLATFORM_URL: 'http://127.0.0.1:3979', PLATFORM_CLIENT_CERT: '/nowhere/c.crt', PLATFORM_CLIENT_KEY: '/nowhere/c.key' }, 'need an https:// PLATFORM_URL'],
  ])('refuses %s, naming the variable', (_label, env, message) => {
    expect(() => readConfig(deployment(env))).toThrow(ConfigError);
    expect(() => readConfig(deployment(env))).toThrow(message);
  });

  it('never repeats a token in its messages, even a malformed one', () => {
    const secret = 'leaky token-with-a-space-0123456789';
    let message = '';
    try {
      readConfig(deployment({ PLATFORM_URL: 'http://gw.example', PLATFORM_TOKEN: secret }));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('PLATFORM_TOKEN must be a bearer token');
    expect(message).not.toContain('leaky');
  });

  it('the gateway settings are refused with the sandbox platform', () => {
    expect(() => readConfig({ PLATFORM_TOKEN: TOKEN })).toThrow('PLATFORM_TOKEN only applies to PLATFORM=http');
  });
});
