import Database from 'better-sqlite3';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SqliteSharedTokens } from '../../../integrations/storage/sqlite/SqliteSharedTokens';
import { WeChatApiClient } from '../../../integrations/wechat/WeChatApiClient';
import { WeChatApiError } from '../../../integrations/wechat/types';

interface FakeApi {
  url: string;
  tokenCalls: number;
  sends: Array<{ token: string; body: unknown }>;
  /** errcodes the next send calls answer with, in order (then 0). */
  sendErrors: number[];
  status: number;
  close(): Promise<void>;
}

/** A stand-in for api.weixin.qq.com: numbered tokens, scripted errors for message/custom/send. */
async function fakeApi(): Promise<FakeApi> {
  const api: Omit<FakeApi, 'url' | 'close'> = { tokenCalls: 0, sends: [], sendErrors: [], status: 200 };
  const read = async (req: IncomingMessage): Promise<string> => {
    let s = '';
    for await (const chunk of req) s += String(chunk);
    return s;
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const u = new URL(req.url ?? '/', 'http://x');
      res.setHeader('content-type', 'application/json');
      if (api.status !== 200) {
        res.statusCode = api.status;
        res.end('{}');
      } else if (u.pathname === '/cgi-bin/token') {
        api.tokenCalls += 1;
        res.end(JSON.stringify(u.searchParams.get('secret') === 'right'
          ? { access_token: `TOKEN-${api.tokenCalls}`, expires_in: 7200 }
          : { errcode: 40125, errmsg: 'invalid appsecret' }));
      } else {
        const body: unknown = JSON.parse(await read(req));
        api.sends.push({ token: u.searchParams.get('access_token') ?? '', body });
        const errcode = api.sendErrors.shift() ?? 0;
        res.end(JSON.stringify({ errcode, errmsg: errcode ? 'scripted' : 'ok' }));
      }
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return Object.assign(api, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  });
}

describe('WeChatApiClient: access token shared through the store, errors by WeChat errcode', () => {
  let api: FakeApi;
  let db: Database.Database;
  let clock: number;
  const client = (secret = 'right') => new WeChatApiClient({
    baseUrl: api.url, appId: 'wx1', appSecret: secret, tokens: new SqliteSharedTokens(db), now: () => clock, sleep: async () => undefined,
  });
  const text = { msgtype: 'text', text: { content: '你好' } } as const;

  beforeEach(async () => {
    api = await fakeApi();
    db = new Database(':memory:');
    clock = Date.parse('2026-11-25T02:00:00Z');
  });
  afterEach(async () => {
    db.close();
    await api.close();
  });

  it('fetches the token once for every client (process) sharing the store, and sends with it', async () => {
    const a = client();
    const b = client();
    await a.sendCustomMessage('o1', text);
    await b.sendCustomMessage('o2', text);
    await Promise.all([a.sendCustomMessage('o3', text), b.sendCustomMessage('o4', text)]);
    expect(api.tokenCalls).toBe(1);
    expect(api.sends.map((s) => s.token)).toEqual(['TOKEN-1', 'TOKEN-1', 'TOKEN-1', 'TOKEN-1']);
    expect(api.sends[0].body).toEqual({ touser: 'o1', msgtype: 'text', text: { content: '你好' } });
  });

  it('refreshes the token shortly before it expires', async () => {
    const a = client();
    await a.sendCustomMessage('o1', text);
    clock += 7200_000 - 4 * 60_000;
    await a.sendCustomMessage('o1', text);
    expect(api.tokenCalls).toBe(2);
    expect(api.sends.map((s) => s.token)).toEqual(['TOKEN-1', 'TOKEN-2']);
  });

  it('when WeChat says the token is invalid (40001), fetches a new one and sends once more', async () => {
    api.sendErrors = [40001];
    await client().sendCustomMessage('o1', text);
    expect(api.sends.map((s) => s.token)).toEqual(['TOKEN-1', 'TOKEN-2']);
  });

  it.each([
    [45015, 'the 48-hour window is closed'],
    [45047, 'too many messages since the citizen wrote'],
    [45009, 'the daily API quota is used up'],
  ])('errcode %i (%s) is reported with its code and not retried', async (errcode) => {
    api.sendErrors = [errcode];
    const err = await client().sendCustomMessage('o1', text).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeChatApiError);
    expect(err).toMatchObject({ errcode, retryable: false });
    expect(api.sends).toHaveLength(1);
    expect((err as Error).message).not.toContain('TOKEN-');
  });

  it('retries "system busy" (-1) with backoff, then succeeds', async () => {
    api.sendErrors = [-1, -1];
    await client().sendCustomMessage('o1', text);
    expect(api.sends).toHaveLength(3);
  });

  it('a server error after every attempt is a retryable WeChatApiError, and a wrong secret a clear one', async () => {
    api.status = 502;
    await expect(client().sendCustomMessage('o1', text)).rejects.toMatchObject({ retryable: true, message: expect.stringContaining('HTTP 502') });
    api.status = 200;
    await expect(client('wrong').sendCustomMessage('o1', text)).rejects.toThrow('WeChat token: 40125 invalid appsecret');
  });
});
