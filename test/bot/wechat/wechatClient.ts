import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compose, type App, type ComposeOverrides } from '../../../bot/compose';
import { readConfig, SANDBOX_WECHAT } from '../../../bot/config';
import { capture } from '../../support/capture';
import { testLogger } from '../../support/captureLogger';
import { wechatSignature } from '../../../bot/channels/wechat/signature';
import type { WeChatCrypto } from '../../../bot/channels/wechat/WeChatCrypto';
import { buildXml, parseXml, textField, type XmlOutRecord } from '../../../bot/channels/wechat/xml';

export const ACCOUNT = 'gh_jiaoguan_sandbox';
let msgIds = 7_000_000_000_000_000_000n;

export interface Posted {
  status: number;
  body: string;
  /** The passive reply's text ('' for "success" or news). */
  text: string;
}

export interface WeChatTestApp {
  app: App;
  base: string;
  close(): Promise<void>;
}

/** The bot on the sandbox with the WeChat channel, listening on a free port, its data in a temp folder. */
export async function startWeChatApp(env: Record<string, string> = {}, overrides: ComposeOverrides = {}): Promise<WeChatTestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'jiaoguan-wechat-'));
  const app = compose(readConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', SANDBOX_TODAY: '2026-11-25', ...env }), testLogger(), overrides);
  await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    app,
    base,
    close: async () => {
      app.server.close();
      app.server.server.closeAllConnections();
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Plays WeChat's servers: builds real message XML, signs (and in safe mode encrypts) it, posts it. */
export class FakeWeChat {
  constructor(
    private readonly base: string,
    private readonly token: string = SANDBOX_WECHAT.token,
    private readonly crypto?: WeChatCrypto,
  ) {}

  nextMsgId(): string {
    msgIds += 1n;
    return String(msgIds);
  }

  text(openid: string, content: string, msgId = this.nextMsgId()): Promise<Posted> {
    return this.message(openid, { MsgType: 'text', Content: content, MsgId: msgId });
  }

  event(openid: string, event: string, eventKey?: string, createTime = now()): Promise<Posted> {
    return this.message(openid, { MsgType: 'event', Event: event, ...(eventKey === undefined ? {} : { EventKey: eventKey }) }, createTime);
  }

  message(openid: string, fields: XmlOutRecord, createTime = now()): Promise<Posted> {
    return this.postXml(buildXml({ ToUserName: ACCOUNT, FromUserName: openid, CreateTime: createTime, ...fields }));
  }

  /** Posts a body with a valid signature (override any query parameter to forge one). */
  async postXml(xml: string, query: Record<string, string> = {}): Promise<Posted> {
    const timestamp = query.timestamp ?? String(now());
    const nonce = query.nonce ?? String(Math.floor(Math.random() * 1e9));
    const q: Record<string, string> = { timestamp, nonce, signature: wechatSignature(this.token, timestamp, nonce), openid: 'x' };
    let body = xml;
    if (this.crypto) {
      const encrypted = this.crypto.encrypt(xml);
      q.encrypt_type = 'aes';
      q.msg_signature = this.crypto.sign(timestamp, nonce, encrypted);
      body = buildXml({ ToUserName: ACCOUNT, Encrypt: encrypted });
    }
    Object.assign(q, query);
    const res = await fetch(`${this.base}/api/wechat?${new URLSearchParams(q)}`, {
      method: 'POST', headers: { 'content-type': 'text/xml' }, body,
    });
    const text = await res.text();
    if (res.status >= 400) capture('http-errors', `POST /api/wechat ${res.status} ${text}`);
    return { status: res.status, body: text, text: this.replyText(text) };
  }

  /** The Content of a passive reply (decrypted in safe mode); '' when there is none. */
  replyText(body: string): string {
    if (!body.startsWith('<xml>')) return '';
    let fields = parseXml(body).fields;
    if (this.crypto) fields = parseXml(this.crypto.decrypt(textField(fields, 'Encrypt'))).fields;
    return typeof fields.Content === 'string' ? fields.Content : '';
  }
}

export function now(): number {
  return Math.floor(Date.now() / 1000);
}

export interface CustomSent { id: number; msgtype: string; text?: { content: string } }

/** Customer-service messages the sandbox WeChat API received for a follower. */
export async function customMessages(base: string, openid: string): Promise<CustomSent[]> {
  const res = await fetch(`${base}/sandbox/wechat/messages?openid=${encodeURIComponent(openid)}`);
  return ((await res.json()) as { messages: CustomSent[] }).messages;
}

export async function smsCode(base: string, phone: string): Promise<string> {
  const res = await fetch(`${base}/sandbox/sms?phone=${phone}`);
  const body = (await res.json()) as { messages: Array<{ params: { code: string } }> };
  return body.messages[0].params.code;
}

/** Binds a follower to a persona through the channel, starting with `request` (a service needing identity). */
export async function bindThrough(wx: FakeWeChat, base: string, openid: string, request: string, who: { idNumber: string; name: string; phone: string }): Promise<Posted> {
  await wx.text(openid, request);
  await wx.text(openid, who.idNumber);
  await wx.text(openid, who.name);
  return wx.text(openid, await smsCode(base, who.phone));
}
