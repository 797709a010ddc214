import { citizenRefusal } from '../citizenLimits';
import { createHash } from 'node:crypto';
import type { MessageReceipts } from '../../../integrations/storage/messageReceipts';
import type { RateLimits } from '../../../integrations/storage/rateLimits';
import type { WebhookNonces } from '../../../integrations/storage/webhookNonces';
import type { CustomMessage } from '../../../integrations/wechat/types';
import { chooseLocale } from '../../../dialogs/i18n/chooseLocale';
import type { Locale } from '../../../dialogs/i18n/Locale';
import { storageFaultOf } from '../../../integrations/storage/storageFaultOf';
import { translate } from '../../../dialogs/i18n/catalog';
import type { Logger } from '../../logger';
import { withLogContext } from '../../logContext';
import type { BackgroundWork } from './BackgroundWork';
import { dedupeKey, readInbound, type WeChatInbound } from './inbound';
import { replyXml } from './replyXml';
import { signatureMatches, wechatSignature } from './signature';
import { WeChatCrypto, WeChatCryptoError } from './WeChatCrypto';
import type { WeChatAnswer, WeChatReplyChannel, WeChatTurn } from './WeChatTurn';
import { buildXml, parseXml, textField, XmlError } from './xml';

export interface WeChatWebhookOptions {
  token: string;
  /** Present in safe mode (WECHAT_ENCODING_AES_KEY set). */
  crypto?: WeChatCrypto;
  /** The turn of a message this process claimed, answering through `channel`. */
  turn: (message: WeChatInbound, key: string, channel: WeChatReplyChannel) => WeChatTurn;
  /** The turns' work after their HTTP answer (counted by pending(), awaited by idle()). */
  background: BackgroundWork;
  receipts: MessageReceipts;
  /** Signed requests seen: one body per timestamp/nonce/signature while it is valid. */
  nonces: WebhookNonces;
  rateLimits: RateLimits;
  logger: Logger;
  /** Wall-clock epoch ms (WeChat's timestamps are real time, whatever the sandbox's date). */
  now?: () => number;
  /** How long a turn may take and still be answered passively (WeChat waits 5 s): a retry waits this long for the first copy. */
  replyBudgetMs: number;
  /** Messages per OpenID per minute (the citizens' rate). */
  ratePerMinute: number;
}

export interface WebhookRequest {
  query: Readonly<Record<string, unknown>>;
  body: string;
}

export interface WebhookResponse {
  status: number;
  body: string;
  contentType: 'text/plain; charset=utf-8' | 'application/xml; charset=utf-8';
}

const MAX_SKEW_S = 300;
/** A claim still "processing" this long after the reply budget belongs to a process that stopped (a live one defers at the budget). */
const ORPHAN_MARGIN_MS = 1500;
const plain = (status: number, body: string): WebhookResponse => ({ status, body, contentType: 'text/plain; charset=utf-8' });
const SUCCESS = plain(200, 'success');
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * WeChat's webhook (POST /api/wechat and its GET URL check), HTTP concerns only: signature and freshness, one body
 * per signed request (replays of a signature with another message are refused), safe-mode decryption and
 * encryption, de-duplication of WeChat's retries across processes (claim, retry answers, orphaned claims), rate and
 * length limits, the storage apology. A message it claimed becomes a WeChatTurn, handed this request as its reply
 * channel; the webhook awaits the turn's one answer and sends it.
 */
export class WeChatWebhook {
  private readonly now: () => number;
  private readonly budget: number;

  constructor(private readonly o: WeChatWebhookOptions) {
    this.now = o.now ?? Date.now;
    this.budget = o.replyBudgetMs;
  }

  /** Turns still running (or delivering) after their HTTP answer. */
  pending(): number {
    return this.o.background.pending();
  }

  /** Resolves when every background turn has finished and delivered. */
  idle(): Promise<void> {
    return this.o.background.idle();
  }

  /** GET: WeChat's URL check. Safe mode may send the echostr encrypted (msg_signature covers it). */
  verify(query: WebhookRequest['query']): WebhookResponse {
    const q = strings(query);
    const bad = this.checkRequest(q);
    if (bad) return bad;
    const echostr = q.echostr ?? '';
    if (this.o.crypto && q.msg_signature) {
      if (!signatureMatches(this.o.crypto.sign(q.timestamp ?? '', q.nonce ?? '', echostr), q.msg_signature)) return plain(403, 'bad msg_signature');
      try {
        return plain(200, this.o.crypto.decrypt(echostr));
      } catch (e) {
        return plain(403, (e as Error).message);
      }
    }
    return plain(200, echostr);
  }

  /** POST: one WeChat message or event. */
  async receive(req: WebhookRequest): Promise<WebhookResponse> {
    const q = strings(req.query);
    const bad = this.checkRequest(q);
    if (bad) return bad;
    let inbound: WeChatInbound;
    let message: string;
    try {
      message = this.openEnvelope(req.body, q);
      inbound = readInbound(parseXml(message).fields);
    } catch (e) {
      if (e instanceof WeChatCryptoError) return plain(e.code === 'WECHAT_DECRYPT_FAILED' ? 400 : 403, e.message);
      if (e instanceof XmlError) return plain(400, e.message);
      throw e;
    }
    if (await this.replayed(q, message)) {
      this.o.logger.warn({ channel: 'wechat' }, 'WeChat signature replayed with another message body; refused');
      return plain(403, 'this signature was already used for another message');
    }
    // Every line logged from here on names the follower's conversation (as the turn's middleware does).
    return withLogContext({ conversationId: `wechat:${inbound.openid}` }, () => this.handle(inbound, q));
  }

  /**
   * Whether this signed request (timestamp, nonce, signature) was already seen with another message while it is
   * still valid: plain mode's signature does not cover the body, so a captured query must not carry another message.
   * WeChat's own retries resend the same message and pass. `message` is the body in plain mode and the decrypted
   * message in safe mode (a retry encrypted afresh is the same message). The record lasts while the timestamp is accepted.
   */
  private async replayed(q: Record<string, string | undefined>, message: string): Promise<boolean> {
    const timestamp = q.timestamp ?? '';
    const key = sha256(`${timestamp}\n${q.nonce ?? ''}\n${(q.signature ?? '').toLowerCase()}`);
    // Kept a minute past the last second its timestamp is accepted: clocks of other processes (and MongoDB's TTL monitor) may differ a little.
    const expiresAt = (Number(timestamp) + MAX_SKEW_S + 60) * 1000;
    return (await this.o.nonces.check(key, sha256(message), this.now(), expiresAt)) === 'conflict';
  }

  private async handle(inbound: WeChatInbound, q: Record<string, string | undefined>): Promise<WebhookResponse> {
    const nonce = q.nonce ?? '';
    const key = dedupeKey(inbound);
    // When the receipts store fails here nothing is recorded: the request is answered 503 (answerStorageFault)
    // and WeChat sends the message again, never a "success" for a message that was dropped.
    const claim = await this.o.receipts.claim(key, this.now());
    if (!claim.claimed) {
      const answer = await this.answerRetry(key, nonce);
      if (answer) return answer;
    }

    // Only the refusals and the storage apology need a language before the turn runs (an entity extraction).
    const locale = (): Locale => (inbound.kind === 'text' ? chooseLocale(inbound.content, undefined) : 'zh-CN');
    try {
      const channel = this.replyChannel(key, inbound);
      const turn = this.o.turn(inbound, key, channel);
      // Reclaimed from a copy that died mid-turn (a restart, kill -9): its saved answer, when it saved one.
      const replayed = claim.claimed ? undefined : await turn.replay();
      if (replayed) return this.respond(replayed, nonce);
      const refusal = await this.refusal(inbound, locale);
      return this.respond(refusal ? await channel.passive(refusal) : await turn.run(), nonce);
    } catch (e) {
      // A store failed after the claim: a retry would find the message claimed, so tell the follower now.
      return this.storageFailed(e, inbound, nonce, locale);
    }
  }

  /** The limits of a message this process claimed: a refusal over the rate limit or the length limit, else nothing. */
  private async refusal(inbound: WeChatInbound, locale: () => Locale): Promise<CustomMessage | undefined> {
    const text = (content: string): CustomMessage => ({ msgtype: 'text', text: { content } });
    const content = inbound.kind === 'text' ? inbound.content : '';
    const refusal = await citizenRefusal(this.o.rateLimits, `wechat:${inbound.openid}`, content, this.now(), this.o.ratePerMinute);
    if (!refusal) return undefined;
    if (refusal.key === 'channel.rateLimited') this.o.logger.warn({ channel: 'wechat', count: refusal.count }, 'WeChat follower over the message rate limit');
    return text(translate(locale(), refusal.key, refusal.params));
  }

  /** This request as the turn's way out: the passive reply, recorded on the message's receipt, or giving it up. */
  private replyChannel(key: string, m: WeChatInbound): WeChatReplyChannel {
    return {
      passive: async (message) => {
        const xml = message ? replyXml(message, m.openid, m.account, Math.floor(this.now() / 1000)) : '';
        return (await this.o.receipts.completeReplied(key, xml)) && xml ? { kind: 'passive', xml } : { kind: 'success' };
      },
      defer: async () => {
        await this.o.receipts.defer(key);
      },
    };
  }

  private respond(answer: WeChatAnswer, nonce: string): WebhookResponse {
    return answer.kind === 'passive' ? this.xml(answer.xml, nonce) : SUCCESS;
  }

  /** The storage apology as the passive reply (a storage fault), logged with the store and the code; other errors are rethrown. */
  private storageFailed(e: unknown, m: WeChatInbound, nonce: string, locale: () => Locale): WebhookResponse {
    const fault = storageFaultOf(e);
    if (!fault) throw e;
    this.o.logger.error({ err: e, channel: 'wechat', store: fault.store, code: fault.code }, 'WeChat message not handled: storage unavailable');
    const xml = replyXml({ msgtype: 'text', text: { content: translate(locale(), 'main.storageError') } }, m.openid, m.account, Math.floor(this.now() / 1000));
    return this.xml(xml, nonce);
  }

  /** 401 when the signature parameters are missing, 403 when they are wrong or stale. */
  private checkRequest(q: Record<string, string | undefined>): WebhookResponse | undefined {
    const { signature, timestamp, nonce } = q;
    if (!signature || !timestamp || !nonce) return plain(401, 'signature, timestamp and nonce are required');
    if (!/^\d{1,12}$/.test(timestamp) || Math.abs(this.now() / 1000 - Number(timestamp)) > MAX_SKEW_S) {
      return plain(403, 'timestamp is more than 5 minutes off');
    }
    if (!signatureMatches(wechatSignature(this.o.token, timestamp, nonce), signature)) return plain(403, 'bad signature');
    return undefined;
  }

  /** The message's XML: the body itself in plain mode, the decrypted Encrypt field in safe mode. */
  private openEnvelope(body: string, q: Record<string, string | undefined>): string {
    const { crypto } = this.o;
    if (!crypto) return body;
    const encrypted = textField(parseXml(body).fields, 'Encrypt');
    if (!encrypted) throw new XmlError('safe mode is on: the message has no Encrypt field');
    if (!signatureMatches(crypto.sign(q.timestamp ?? '', q.nonce ?? '', encrypted), q.msg_signature)) {
      throw new WeChatCryptoError('WECHAT_BAD_SIGNATURE', 'bad msg_signature');
    }
    return crypto.decrypt(encrypted);
  }

  /**
   * A retry of a message another copy claimed: the same passive reply, or "success" when it went another way.
   * Undefined when the claim was orphaned (still "processing" well past the budget, at which a live process
   * defers it) and this retry took it over: the caller runs the turn.
   */
  private async answerRetry(key: string, nonce: string): Promise<WebhookResponse | undefined> {
    const deadline = this.now() + this.budget;
    for (;;) {
      const receipt = await this.o.receipts.read(key);
      if (!receipt || receipt.status === 'deferred') return SUCCESS;
      if (receipt.status === 'replied') return receipt.reply ? this.xml(receipt.reply, nonce) : SUCCESS;
      const orphanedBefore = this.now() - this.budget - ORPHAN_MARGIN_MS;
      if (receipt.createdAt < orphanedBefore && (await this.o.receipts.reclaim(key, orphanedBefore, this.now()))) return undefined;
      if (this.now() >= deadline) {
        // The first copy is still running: it will deliver through the customer-service API instead.
        if (await this.o.receipts.defer(key)) return SUCCESS;
        continue;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** An XML answer, encrypted and signed in safe mode. */
  private xml(xml: string, nonce: string): WebhookResponse {
    const { crypto } = this.o;
    if (!crypto) return { status: 200, body: xml, contentType: 'application/xml; charset=utf-8' };
    const timestamp = String(Math.floor(this.now() / 1000));
    const encrypted = crypto.encrypt(xml);
    const body = buildXml({ Encrypt: encrypted, MsgSignature: crypto.sign(timestamp, nonce, encrypted), TimeStamp: Number(timestamp), Nonce: nonce });
    return { status: 200, body, contentType: 'application/xml; charset=utf-8' };
  }
}

function strings(query: WebhookRequest['query']): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(query ?? {})) out[k] = typeof v === 'string' ? v : undefined;
  return out;
}
