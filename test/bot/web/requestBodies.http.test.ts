import { request } from 'node:http';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wechatSignature } from '../../../bot/channels/wechat/signature';
import { SANDBOX_WECHAT } from '../../../bot/config';
import { capture } from '../../support/capture';
import { AdminClient } from '../admin/adminClient';
import { emulatorMessage, startChannelRecorder } from '../channelRecorder';
import { FakeWeChat, now, startWeChatApp, type WeChatTestApp } from '../wechat/wechatClient';

const ADMIN_PASSWORD = 'tidal quartz lantern 8041';

interface Answer { status: number; text: string; headers: Record<string, string | string[] | undefined>; sent: number }

/**
 * One request over a raw socket, the way curl sends it: the body is written in chunks (as an upload arrives) and
 * writing stops as soon as the server answers, so an early refusal is seen even while the client still sends.
 */
function send(url: string, headers: Record<string, string>, body: Buffer | { chunk: Buffer; times: number }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    let sent = 0;
    const length = Buffer.isBuffer(body) && !headers['transfer-encoding'] ? { 'content-length': String(body.length) } : {};
    const req = request(url, { method: 'POST', headers: { ...length, ...headers } }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode! >= 400) capture('http-errors', `POST ${new URL(url).pathname} ${res.statusCode} ${text}`);
        resolve({ status: res.statusCode!, text, headers: res.headers, sent });
      });
      res.on('error', reject);
    });
    req.on('error', (e) => { if (!answered) reject(e); });
    void (async () => {
      const parts = Buffer.isBuffer(body) ? [body] : Array.from({ length: body.times }, () => body.chunk);
      for (const part of parts) {
        if (answered || req.destroyed) return;
        sent += part.length;
        if (!req.write(part)) await new Promise((r) => { req.once('drain', r); req.once('close', r); setTimeout(r, 200); });
      }
      if (!answered && !req.destroyed) req.end();
    })();
  });
}

/** A multipart upload of one file, as `curl -F f=@big.bin` sends it. */
function multipart(size: number): { headers: Record<string, string>; body: Buffer } {
  const boundary = '------------------------d74496d66958873e';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="f"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.alloc(size, 0x41),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(body.length) }, body };
}

/** A validly signed /api/wechat URL: the refusals below are about the body, not the signature. */
function signedWeChatUrl(base: string): string {
  const timestamp = String(now());
  const nonce = String(Math.floor(Math.random() * 1e9));
  return `${base}/api/wechat?${new URLSearchParams({ timestamp, nonce, signature: wechatSignature(SANDBOX_WECHAT.token, timestamp, nonce), openid: 'x' })}`;
}

const errorCode = (a: Answer): string => (JSON.parse(a.text) as { error: { code: string } }).error.code;

/** Issue 13, "Uploads fill the disk": every body is refused or read in memory by its route's rule; nothing reaches the disk. */
describe('request bodies: content types, size caps, nothing written to the temp folder', () => {
  let t: WeChatTestApp;
  let uploads: string;
  let savedTmp: string | undefined;

  beforeAll(async () => {
    t = await startWeChatApp();
    await t.app.ready;
    await t.app.agents.create({ username: 'kaiwen.lu', password: ADMIN_PASSWORD, displayName: '陆凯文', role: 'admin' });
    // The app's temp folder (formidable wrote uploads to os.tmpdir(), which reads TMPDIR on every call).
    uploads = mkdtempSync(join(tmpdir(), 'jiaoguan-uploads-'));
    savedTmp = process.env.TMPDIR;
    process.env.TMPDIR = uploads;
  });

  afterAll(async () => {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
    if (uploads) rmSync(uploads, { recursive: true, force: true });
    await t?.close();
  });

  it('refuses multipart uploads with 415 on every route (login, WeChat, Bot Framework, admin, sandbox) and writes no file', async () => {
    const upload = multipart(100 * 1024);
    for (const path of ['/api/agent/login', '/api/messages', '/api/admin/import', '/api/admin/intents', '/sandbox/wechat/cgi-bin/message/custom/send?access_token=x']) {
      const r = await send(`${t.base}${path}`, upload.headers, upload.body);
      expect({ path, status: r.status }).toEqual({ path, status: 415 });
      expect(errorCode(r)).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(r.text).toContain('multipart/form-data');
    }
    const wechat = await send(signedWeChatUrl(t.base), upload.headers, upload.body);
    expect(wechat.status).toBe(415);
    expect(wechat.headers['content-type']).toMatch(/^text\/plain/);
    expect(wechat.text).toContain('multipart/form-data is not accepted');
    await new Promise((r) => setTimeout(r, 200));
    expect(readdirSync(uploads)).toEqual([]);
  });

  it('refuses a large upload before reading it: the answer comes while the client is still sending', async () => {
    const { headers } = multipart(0);
    const r = await send(`${t.base}/api/agent/login`, { 'content-type': headers['content-type'], 'transfer-encoding': 'chunked' }, { chunk: Buffer.alloc(64 * 1024, 0x41), times: 3200 });
    expect(r.status).toBe(415);
    expect(r.sent).toBeLessThan(200 * 1024 * 1024);
    expect(readdirSync(uploads)).toEqual([]);
  });

  it('refuses other content types with 415: forms, text, files, compressed or non-UTF-8 bodies, JSON to the WeChat webhook', async () => {
    const login = `${t.base}/api/agent/login`;
    const json = Buffer.from(JSON.stringify({ username: 'kaiwen.lu', password: ADMIN_PASSWORD }));
    const refused: Array<Record<string, string>> = [
      { 'content-type': 'application/x-www-form-urlencoded' },
      { 'content-type': 'text/plain' },
      { 'content-type': 'application/octet-stream' },
      {},
      { 'content-type': 'application/json; charset=gbk' },
      { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    ];
    for (const headers of refused) {
      const r = await send(login, headers, json);
      expect({ headers, status: r.status }).toEqual({ headers, status: 415 });
      expect(errorCode(r)).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    const xmlAsJson = await send(signedWeChatUrl(t.base), { 'content-type': 'application/json' }, Buffer.from('{"xml":1}'));
    expect(xmlAsJson.status).toBe(415);
    expect(xmlAsJson.text).toContain('application/json is not accepted');
  });

  it('caps every body: 413 for a declared or streamed body above the route limit, and the bot keeps answering', async () => {
    const big = (n: number): Buffer => Buffer.from(JSON.stringify({ username: 'x', password: 'y'.repeat(n) }));
    const login = await send(`${t.base}/api/agent/login`, { 'content-type': 'application/json' }, big(20 * 1024));
    expect(login.status).toBe(413);
    expect(errorCode(login)).toBe('BODY_TOO_LARGE');
    const messages = await send(`${t.base}/api/messages`, { 'content-type': 'application/json' }, big(300 * 1024));
    expect(messages.status).toBe(413);
    const wechat = await send(signedWeChatUrl(t.base), { 'content-type': 'text/xml' }, Buffer.alloc(70 * 1024, 0x20));
    expect(wechat.status).toBe(413);
    expect(wechat.text).toContain('too large');
    // Streamed without a length: reading stops at the limit, long before the client has sent everything.
    const streamed = await send(`${t.base}/api/agent/login`, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, { chunk: Buffer.alloc(64 * 1024, 0x20), times: 3200 });
    expect(streamed.status).toBe(413);
    expect(streamed.sent).toBeLessThan(200 * 1024 * 1024);
    expect(readdirSync(uploads)).toEqual([]);
    expect((await new FakeWeChat(t.base).text('o_after_bodies', '你好')).text).toContain('我是交管助手');
  });

  it('answers malformed JSON and invalid UTF-8 with a clear 400', async () => {
    const bad = await send(`${t.base}/api/agent/login`, { 'content-type': 'application/json' }, Buffer.from('{"username":'));
    expect(bad.status).toBe(400);
    expect(errorCode(bad)).toBe('MALFORMED_JSON');
    expect(JSON.parse(bad.text).error.message).toMatch(/^request body is not valid JSON/);
    const latin1 = await send(`${t.base}/api/agent/login`, { 'content-type': 'application/json' }, Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]));
    expect(latin1.status).toBe(400);
    expect(errorCode(latin1)).toBe('BODY_NOT_UTF8');
  });

  it('still serves the normal flows: JSON login and admin calls, a corpus import above 64 KiB, Bot Framework, WeChat XML as it is sent', async () => {
    const admin = new AdminClient(t.base);
    expect(await admin.login('kaiwen.lu', ADMIN_PASSWORD)).toBe(200);
    const exported = await admin.get<{ files: Record<string, { data: Array<Record<string, unknown>> }> }>('/api/admin/export');
    expect(exported.status).toBe(200);
    expect(JSON.stringify({ files: exported.body.files }).length).toBeGreaterThan(64 * 1024);
    expect((await admin.post('/api/admin/import', { files: exported.body.files })).status).toBe(200);
    expect((await admin.post('/api/admin/test', { text: '查违章', locale: 'zh-CN' })).status).toBeLessThan(300);
    // The consoles post no body for some actions: no Content-Type needed then.
    const logout = await send(`${t.base}/api/agent/logout`, {}, Buffer.alloc(0));
    expect(logout.status).toBeLessThan(500);

    const recorder = await startChannelRecorder();
    try {
      const bf = await send(`${t.base}/api/messages`, { 'content-type': 'application/json; charset=utf-8' }, Buffer.from(JSON.stringify(emulatorMessage(recorder.url, 'conv-bodies', '你好'))));
      expect(bf.status).toBe(200);
      expect((await recorder.waitFor(1))[0].activity.text).toContain('我是交管助手');
    } finally {
      await recorder.close();
    }

    const xml = (openid: string): Buffer => Buffer.from(`<xml><ToUserName><![CDATA[gh_jiaoguan_sandbox]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName><CreateTime>${now()}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content><MsgId>${Date.now()}${Math.floor(Math.random() * 1000)}</MsgId></xml>`);
    const asSent: Array<Record<string, string>> = [
      { 'content-type': 'text/xml' }, { 'content-type': 'text/xml; charset=utf-8' }, { 'content-type': 'application/xml' }, { 'content-type': 'text/plain;charset=UTF-8' }, {},
    ];
    for (const [i, headers] of asSent.entries()) {
      const r = await send(signedWeChatUrl(t.base), headers, xml(`o_bodies_${i}`));
      expect({ headers, status: r.status }).toEqual({ headers, status: 200 });
      expect(r.text).toContain('我是交管助手');
    }
  });
});
