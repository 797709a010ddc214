import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { compose, type App } from '../../bot/compose';
import { readConfig } from '../../bot/config';
import { createLogger } from '../../bot/logger';
import { createSqliteStores } from '../../integrations/storage/sqlite/createSqliteStores';
import { capture } from '../support/capture';
import { FakeWeChat } from './wechat/wechatClient';

const PASSWORD = 'correct horse 12';
type LogRecord = Record<string, unknown> & { msg?: string };

const modeOf = (path: string): string => (statSync(path).mode & 0o777).toString(8);

/** Every file the bot left in the folder, with its mode. */
function modes(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((name) => [name, modeOf(join(dir, name))]));
}

/** The bot composed on DATA_DIR, listening on 127.0.0.1, its logs kept (and handed to the PII scan). */
async function start(dataDir: string, logs: LogRecord[], overrides: Parameters<typeof compose>[2] = {}): Promise<{ app: App; base: string; stop: () => Promise<void> }> {
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      const line = chunk.toString('utf8');
      logs.push(JSON.parse(line) as LogRecord);
      capture('data-at-rest-logs', line.trimEnd());
      cb();
    },
  });
  const app = compose(readConfig({ DATA_DIR: dataDir, SANDBOX_TODAY: '2026-11-25' }), createLogger('info', sink), overrides);
  await app.ready;
  await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    app,
    base,
    stop: async () => {
      app.server.close();
      app.server.server.closeAllConnections();
      await app.close();
    },
  };
}

/** Signs in over HTTP; the session cookie's token and the CSRF token the console is given. */
async function login(base: string, username: string): Promise<{ token: string; csrf: string; cookie: string }> {
  const res = await fetch(`${base}/api/agent/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const body = (await res.json()) as { csrfToken: string };
  return { token: cookie.split('=')[1], csrf: body.csrfToken, cookie };
}

describe('data at rest: DATA_DIR private, session secrets hashed (real file system)', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'jiaoguan-at-rest-'));
    // The parent as an operator's would be (readable by all), so only the bot's own modes are measured.
    chmodSync(root, 0o755);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('a fresh DATA_DIR is created 0700 and every file in it (database, -wal, -shm) is 0600; the CSRF and session tokens of a signed-in agent are nowhere in the files', async () => {
    const dataDir = join(root, 'data');
    const logs: LogRecord[] = [];
    const bot = await start(dataDir, logs);
    let session;
    try {
      await bot.app.agents.create({ username: 'rest.kefu', password: PASSWORD, displayName: '客服', role: 'agent' });
      session = await login(bot.base, 'rest.kefu');
      // The console's reload asks for the CSRF token again: it is still given (derived, not stored).
      const me = await fetch(`${bot.base}/api/agent/me`, { headers: { cookie: session.cookie } });
      expect(((await me.json()) as { csrfToken: string }).csrfToken).toBe(session.csrf);
      // A change with the token works; a citizen's turn writes state, receipts and transcripts.
      const write = (csrf: string): Promise<Response> => fetch(`${bot.base}/api/agent/handoffs/none/notes`, {
        method: 'POST', headers: { cookie: session!.cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: '{"text":"备注"}',
      });
      expect((await write('wrong')).status).toBe(403);
      expect((await write(session.csrf)).status).not.toBe(403);
      expect((await new FakeWeChat(bot.base).text('o_at_rest', '你好')).status).toBe(200);

      expect(modeOf(dataDir)).toBe('700');
      const files = modes(dataDir);
      expect(Object.keys(files).sort()).toEqual(expect.arrayContaining(['jiaoguan.sqlite', 'jiaoguan.sqlite-shm', 'jiaoguan.sqlite-wal']));
      for (const [name, mode] of Object.entries(files)) expect(`${name} ${mode}`).toBe(`${name} 600`);

      // What someone reading the files would find: neither the CSRF token nor the cookie's session token.
      const bytes = Buffer.concat(readdirSync(dataDir).map((name) => readFileSync(join(dataDir, name))));
      expect(bytes.includes(Buffer.from(session.csrf))).toBe(false);
      expect(bytes.includes(Buffer.from(session.token))).toBe(false);
    } finally {
      await bot.stop();
    }
    expect(logs.filter((l) => String(l.msg).includes('permissions'))).toEqual([]);
  });

  it('with stores of their own (STORE=mongo), the sandbox file beside them is 0600 too', async () => {
    const dataDir = join(root, 'data');
    const stores = createSqliteStores(join(root, 'stores'));
    const bot = await start(dataDir, [], { stores });
    try {
      expect((await new FakeWeChat(bot.base).text('o_sandbox_file', '你好')).status).toBe(200);
      expect(modeOf(dataDir)).toBe('700');
      const files = modes(dataDir);
      expect(files['sandbox.sqlite']).toBe('600');
      for (const [name, mode] of Object.entries(files)) expect(`${name} ${mode}`).toBe(`${name} 600`);
    } finally {
      await bot.stop();
    }
  });

  it('an existing folder 0755 with files 0644 (as earlier versions left them) is tightened, and the log says so', async () => {
    const dataDir = join(root, 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    await createSqliteStores(dataDir).close();
    for (const name of ['jiaoguan.sqlite', 'jiaoguan.sqlite-wal']) {
      closeSync(openSync(join(dataDir, name), 'a'));
      chmodSync(join(dataDir, name), 0o644);
    }
    chmodSync(dataDir, 0o755);
    const logs: LogRecord[] = [];
    const bot = await start(dataDir, logs);
    try {
      expect(modeOf(dataDir)).toBe('700');
      for (const [name, mode] of Object.entries(modes(dataDir))) expect(`${name} ${mode}`).toBe(`${name} 600`);
      const tightened = logs.filter((l) => l.msg === 'tightened the permissions of a data file or folder (other users could read it)');
      expect(tightened).toEqual(expect.arrayContaining([
        expect.objectContaining({ level: 40, path: dataDir, was: '755', now: '700' }),
        expect.objectContaining({ path: join(dataDir, 'jiaoguan.sqlite'), was: '644', now: '600' }),
        expect.objectContaining({ path: join(dataDir, 'jiaoguan.sqlite-wal'), was: '644', now: '600' }),
      ]));
    } finally {
      await bot.stop();
    }
  });
});
