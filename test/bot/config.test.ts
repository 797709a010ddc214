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
