import { SANDBOX_WECHAT } from '../../bot/config';
import { wechatSignature } from '../../bot/channels/wechat/signature';
import { buildXml, parseXml, textField } from '../../bot/channels/wechat/xml';

const ACCOUNT = 'gh_jiaoguan_sandbox';

/** Whether the bot is up; clients wait here (as WeChat's retry timer would) while it is down. */
export class BotGate {
  private upNow = true;
  private waiters: Array<() => void> = [];

  get isUp(): boolean {
    return this.upNow;
  }

  down(): void {
    this.upNow = false;
  }

  up(): void {
    this.upNow = true;
    const w = this.waiters;
    this.waiters = [];
    for (const resolve of w) resolve();
  }

  async waitUp(): Promise<void> {
    if (this.upNow) return;
    await new Promise<void>((r) => this.waiters.push(r));
  }
}

/** A passive reply: the text of the XML reply, '' for "success" (the answer comes by customer-service message, or not at all). */
export interface WireReply {
  status: number;
  text: string;
}

/** One text message exactly as WeChat's servers post it: signed query, XML body, MsgId and CreateTime fixed per message. */
export interface WireMessage {
  openid: string;
  content: string;
  msgId: string;
  createTime: number;
}

/** Plays WeChat's servers against the bot's webhook. Network errors propagate (the caller retries with the same MsgId). */
export class WeChatWire {
  private static nextId = 6_000_000_000_000_000_000n + BigInt(Date.now()) * 1000n;

  constructor(readonly base: string) {}

  newMsgId(): string {
    WeChatWire.nextId += 1n;
    return String(WeChatWire.nextId);
  }

  /** Posts the message; rejects on a network error or when no answer came within `timeoutMs` (WeChat then retries). */
  async post(m: WireMessage, timeoutMs: number): Promise<WireReply> {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = String(Math.floor(Math.random() * 1e9));
    const q = new URLSearchParams({ signature: wechatSignature(SANDBOX_WECHAT.token, timestamp, nonce), timestamp, nonce, openid: m.openid });
    const body = buildXml({
      ToUserName: ACCOUNT, FromUserName: m.openid, CreateTime: m.createTime, MsgType: 'text', Content: m.content, MsgId: m.msgId,
    });
    const res = await fetch(`${this.base}/api/wechat?${q}`, {
      method: 'POST', headers: { 'content-type': 'text/xml' }, body, signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    if (!text.startsWith('<xml>')) return { status: res.status, text: '' };
    return { status: res.status, text: textField(parseXml(text).fields, 'Content') };
  }

  /** Customer-service messages the sandbox WeChat API received for the follower after message id `after`. */
  async customMessages(openid: string, after: number): Promise<Array<{ id: number; text: string }>> {
    const res = await fetch(`${this.base}/sandbox/wechat/messages?openid=${encodeURIComponent(openid)}&after=${after}`);
    const body = (await res.json()) as { messages: Array<{ id: number; text?: { content?: string }; news?: unknown }> };
    return body.messages.map((m) => ({ id: m.id, text: m.text?.content ?? JSON.stringify(m.news ?? '') }));
  }

  /** The newest SMS code in the sandbox outbox of a phone. */
  async smsCode(phone: string): Promise<string> {
    const res = await fetch(`${this.base}/sandbox/sms?phone=${phone}`);
    const body = (await res.json()) as { messages: Array<{ params: { code?: string } }> };
    return body.messages[0]?.params.code ?? '';
  }
}
