import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { compose, type App } from '../../bot/compose';
import { readConfig } from '../../bot/config';
import { createLogger } from '../../bot/logger';
import { translate } from '../../dialogs/i18n/catalog';
import { createSqliteStores, type SqliteStores } from '../../integrations/storage/sqlite/createSqliteStores';
import { openSqlite } from '../../integrations/storage/sqlite/openSqlite';
import { SqliteStorage } from '../../integrations/storage/sqlite/SqliteStorage';
import { writeHealthOf } from '../../integrations/storage/sqlite/sqliteHealth';
import { LI_NA } from '../integrations/platform/fixtures';
import { AgentClient } from './handoff/agentClient';
import { capture } from '../support/capture';
import { FakeWeChat } from './wechat/wechatClient';
import { fillUp } from '../support/fillUp';

const PASSWORD = 'correct horse 12';
type LogRecord = Record<string, unknown> & { msg?: string; code?: string; store?: string };

/**
 * The bot-state file, with small (512-byte) pages: every conversation's state then spills onto overflow pages,
 * so any change of it needs new pages, and a full file refuses it whatever the state's exact size.
 */
function openStateFile(file: string): Database.Database {
  const create = new Database(file);
  create.pragma('page_size = 512');
  create.exec('CREATE TABLE page_size_set (x)');
  create.close();
  const db = openSqlite(file);
  expect(db.pragma('page_size', { simple: true })).toBe(512);
  return db;
}

/** A second connection holding the write lock (BEGIN EXCLUSIVE) on the file until released. */
function lock(file: string): () => void {
  const other = new Database(file);
  other.exec('BEGIN EXCLUSIVE');
  return () => {
    other.exec('COMMIT');
    other.close();
  };
}

describe('storage faults through the running bot (real SQLite failures)', () => {
  let dir: string;
  let app: App;
  let base: string;
  let wx: FakeWeChat;
  let main: SqliteStores;
  let stateDb: Database.Database;
  const logs: LogRecord[] = [];
  const logged = (msg: string): LogRecord[] => logs.filter((l) => l.msg === msg);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jiaoguan-faults-'));
    // Bot state in a file of its own, so the test can fill exactly the state store.
    main = createSqliteStores(dir);
    stateDb = openStateFile(join(dir, 'state.sqlite'));
    // Kept for the assertions, and handed to issue 8's PII scan like every test's logs.
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        const line = chunk.toString('utf8');
        logs.push(JSON.parse(line) as LogRecord);
        capture('storage-fault-logs', line.trimEnd());
        cb();
      },
    });
    app = compose(readConfig({ DATA_DIR: dir, SANDBOX_TODAY: '2026-11-25' }), createLogger('info', sink), {
      // Readiness watches the writes of the file the tests fill for a citizen's turn (one file in production).
      stores: { ...main, storage: new SqliteStorage(stateDb), health: writeHealthOf(stateDb) },
    });
    await app.ready;
    await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    wx = new FakeWeChat(base);
    // Lock waits are short here (the bot's default is 5 s) so a locked database fails fast.
    main.db.pragma('busy_timeout = 100');
    stateDb.pragma('busy_timeout = 100');
  });
  afterAll(async () => {
    app.server.close();
    app.server.server.closeAllConnections();
    await app.close();
    stateDb.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('state store full: the citizen gets only the storage apology, the log names the store and code, and the earlier step is kept', async () => {
    const openid = 'o_full_state';
    expect((await wx.text(openid, '我还有几分')).text).toContain('身份证号');
    const free = fillUp(stateDb);
    let failed;
    try {
      failed = await wx.text(openid, LI_NA.idNumber);
    } finally {
      free();
    }
    // Only the apology: the name question that the unsaved turn asked is not shown as if the step had worked.
    expect(failed.status).toBe(200);
    expect(failed.text).toBe(translate('zh-CN', 'main.storageError'));
    expect(failed.text).not.toContain('姓名');

    const record = logged('turn failed: storage unavailable').at(-1);
    expect(record).toMatchObject({ level: 50, store: 'Bot state', code: 'STORAGE_FULL', channelId: 'wechat', err: { code: 'STORAGE_FULL' } });
    expect(JSON.stringify(logs)).not.toContain(LI_NA.idNumber);

    // Space is back: the conversation is still at the ID-number question, and goes on from there.
    expect((await wx.text(openid, LI_NA.idNumber)).text).toContain('姓名');
    expect((await wx.text(openid, LI_NA.name)).text).toContain('138****5678');
  });

  it('agent API while the database is locked: 503 with { error: { code, message } }, logged with the code; fine again afterwards', async () => {
    await app.agents.create({ username: 'lock.kefu', password: PASSWORD, displayName: '锁客服', role: 'agent' });
    const agent = new AgentClient(base);
    expect((await agent.login('lock.kefu', PASSWORD)).status).toBe(200);
    const release = lock(main.file);
    let read;
    let write;
    try {
      read = await agent.get<{ error: { code: string; message: string } }>('/api/agent/queue');
      write = await agent.post<{ error: { code: string; message: string } }>('/api/agent/handoffs/h1/notes', { text: '备注' });
    } finally {
      release();
    }
    for (const r of [read, write]) {
      capture('http-errors', `agent API ${r.status} ${JSON.stringify(r.body)}`);
      expect(r.status).toBe(503);
      expect(r.body).toEqual({ error: { code: 'STORAGE_LOCKED', message: expect.stringMatching(/^The bot's storage is unavailable: the database stayed locked .*Nothing was saved/) } });
    }
    expect(logged('request failed: storage unavailable').at(-1)).toMatchObject({ level: 50, code: 'STORAGE_LOCKED', store: expect.any(String), path: '/api/agent/handoffs/h1/notes' });
    expect((await agent.get('/api/agent/queue')).status).toBe(200);
  });

  it('admin API while the disk is full: 503 STORAGE_FULL, nothing saved; the same request works once space is freed', async () => {
    await app.agents.create({ username: 'full.admin', password: PASSWORD, displayName: '管理员', role: 'admin' });
    const admin = new AgentClient(base);
    expect((await admin.login('full.admin', PASSWORD)).status).toBe(200);
    const intent = { name: 'faq.storage_full', description: '磁盘满测试', answers: { 'zh-CN': Array.from({ length: 10 }, (_, i) => `${i}${'长'.repeat(999)}`) } };
    const free = fillUp(main.db);
    let refused;
    try {
      refused = await admin.post<{ error: { code: string; message: string } }>('/api/admin/intents', intent);
    } finally {
      free();
    }
    capture('http-errors', `POST /api/admin/intents ${refused.status} ${JSON.stringify(refused.body)}`);
    expect(refused.status).toBe(503);
    expect(refused.body).toEqual({ error: { code: 'STORAGE_FULL', message: expect.stringMatching(/^The bot's storage is unavailable: the disk holding the database .* is full/) } });
    expect(logged('request failed: storage unavailable').at(-1)).toMatchObject({ code: 'STORAGE_FULL', path: '/api/admin/intents' });
    expect((await admin.get<{ intents: Array<{ name: string }> }>('/api/admin/intents')).body.intents.map((i) => i.name)).not.toContain(intent.name);
    expect((await admin.post('/api/admin/intents', intent)).status).toBe(201);
  });

  it('WeChat while the receipts store is locked: 503 (WeChat sends it again), never "success"; the retry is handled', async () => {
    const openid = 'o_locked_receipts';
    const msgId = wx.nextMsgId();
    const release = lock(main.file);
    let refused;
    try {
      refused = await wx.text(openid, '你好', msgId);
    } finally {
      release();
    }
    expect(refused.status).toBe(503);
    expect(refused.body).not.toBe('success');
    // The first write for a message is the memory of its signed request, then its receipt: neither was made.
    expect(logged('request failed: storage unavailable').at(-1)).toMatchObject({ code: 'STORAGE_LOCKED', store: 'Webhook nonces', path: '/api/wechat' });
    // WeChat's retry of the same message (same MsgId) is processed as a first delivery.
    const retried = await wx.text(openid, '你好', msgId);
    expect(retried.status).toBe(200);
    expect(retried.text).toContain('我是交管助手');
  });

  it('/readyz on a full disk: 503 STORAGE_FULL after a citizen\'s turn failed to write, 200 again once a write succeeds', async () => {
    const readyz = async (): Promise<{ status: number; body: Record<string, unknown> }> => {
      const r = await fetch(`${base}/readyz`);
      return { status: r.status, body: (await r.json()) as Record<string, unknown> };
    };
    const openid = 'o_full_readyz';
    expect((await wx.text(openid, '我还有几分')).text).toContain('身份证号');
    expect(await readyz()).toMatchObject({ status: 200, body: { status: 'ready', store: 'ok' } });
    const free = fillUp(stateDb);
    let refused;
    let whileFull;
    try {
      refused = await wx.text(openid, LI_NA.idNumber);
      // Reads still work on a full disk: readiness must not be a read probe only.
      whileFull = await readyz();
    } finally {
      free();
    }
    expect(refused.text).toBe(translate('zh-CN', 'main.storageError'));
    capture('http-errors', `GET /readyz ${whileFull.status} ${JSON.stringify(whileFull.body)}`);
    expect(whileFull).toMatchObject({ status: 503, body: { status: 'unavailable', store: 'STORAGE_FULL', failedStore: 'Bot state' } });
    // Space freed but nothing written yet: still unavailable (nothing has shown the writes work again).
    expect((await readyz()).status).toBe(503);
    expect((await wx.text(openid, LI_NA.idNumber)).text).toContain('姓名');
    expect(await readyz()).toMatchObject({ status: 200, body: { status: 'ready', store: 'ok' } });
  });
});
