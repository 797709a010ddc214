import { createHash } from 'node:crypto';
import type { Activity, TurnContext } from 'botbuilder';
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
import { TurnRecords, type TurnRecord } from '../../TurnRecords';
import { dedupeKey, readInbound, type WeChatInbound } from './inbound';
import { replyXml } from './replyXml';
import { renderReplies } from './renderReplies';
import { signatureMatches, wechatSignature } from './signature';
import { toActivity } from './toActivity';
import type { WeChatAdapter } from './WeChatAdapter';
import { WeChatCrypto, WeChatCryptoError } from './WeChatCrypto';
import { buildXml, parseXml, textField, XmlError } from './xml';

export interface WeChatWebhookOptions {
  token: string;
  /** Present in safe mode (WECHAT_ENCODING_AES_KEY set). */
  crypto?: WeChatCrypto;
  adapter: WeChatAdapter;
  /** The bot's turn logic (bot.run). */
  logic: (ctx: TurnContext) => Promise<void>;
  receipts: MessageReceipts;
  /** Signed requests seen: one body per timestamp/nonce/signature while it is valid. */
  nonces: WebhookNonces;
  /** The turns' answers saved with the conversation state (bot.turns). */
  turns: TurnRecords;
  rateLimits: RateLimits;
  logger: Logger;
  /** The text a custom-menu key stands for (undefined: not a menu key of ours). */
  menuText: (key: string) => string | undefined;
  /** Wall-clock epoch ms (WeChat's timestamps are real time, whatever the sandbox's date). */
  now?: () => number;
  /** How long a turn may take and still be answered passively (WeChat waits 5 s). */
  replyBudgetMs?: number;
  /** Longest text a citizen may send; longer gets a clear reply and no turn. */
  maxTextChars?: number;
  /** Messages per OpenID per window. */
  rateLimit?: { limit: number; windowMs: number };
  /** Largest request body accepted. */
  maxBodyBytes?: number;
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

/** A WeChat turn's answer as saved with the conversation state: the messages as rendered, the numbered options shown. */
interface WeChatTurnRecord extends TurnRecord {
  readonly messages: CustomMessage[];
  readonly options: string[];
}

/**
 * WeChat's webhook (POST /api/wechat and its GET URL check): signature and freshness, one body per signed
 * request (replays of a signature with another message are refused), safe-mode decryption,
 * de-duplication of WeChat's retries across processes, rate limits per OpenID, the 5-second rule (passive
 * reply in time, else "success" and customer-service messages) and numbered answers to options.
 */
export class WeChatWebhook {
  private readonly now: () => number;
  private readonly budget: number;
  private readonly background = new Set<Promise<void>>();

  constructor(private readonly o: WeChatWebhookOptions) {
    this.now = o.now ?? Date.now;
    this.budget = o.replyBudgetMs ?? 4000;
  }

  /** Turns still running (or delivering) after their HTTP answer. */
  pending(): number {
    return this.background.size;
  }

  /** Resolves when every background turn has finished and delivered. */
  async idle(): Promise<void> {
    while (this.background.size) await Promise.all([...this.background]);
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
    if (Buffer.byteLength(req.body, 'utf8') > (this.o.maxBodyBytes ?? 64 * 1024)) return plain(413, 'message too large');
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
      if (!claim.claimed) {
        // The copy that claimed it died mid-turn (a restart, kill -9). When its turn got as far as saving the state,
        // the answer was saved with it: send that. Otherwise nothing of the turn was saved: run it again.
        const saved = await this.o.turns.find<WeChatTurnRecord>(this.o.adapter.contextFor(toActivity(inbound, this.o.menuText)), key);
        if (saved) {
          this.o.logger.warn({ channel: 'wechat' }, 'WeChat message answered by a stopped process after saving its turn; sending the saved answer');
          await this.saveShownOptions(inbound.openid, saved.options);
          return await this.answer(key, inbound, nonce, saved.messages);
        }
        this.o.logger.warn({ channel: 'wechat' }, 'WeChat message left unfinished by a stopped process; running it again');
      }
      return await this.claimed(key, inbound, nonce, locale);
    } catch (e) {
      // A store failed after the claim: a retry would find the message claimed, so tell the follower now.
      return this.storageFailed(e, inbound, nonce, locale);
    }
  }

  /** A message this process claimed: rate limit, length limit, then the turn. */
  private async claimed(key: string, inbound: WeChatInbound, nonce: string, locale: () => Locale): Promise<WebhookResponse> {
    const limit = this.o.rateLimit ?? { limit: 30, windowMs: 60_000 };
    const decision = await this.o.rateLimits.hit(`wechat:${inbound.openid}`, this.now(), limit.windowMs, limit.limit);
    if (!decision.allowed) {
      this.o.logger.warn({ channel: 'wechat', count: decision.count }, 'WeChat follower over the message rate limit');
      return this.answerNow(key, inbound, nonce, translate(locale(), 'wechat.rateLimited', { seconds: Math.ceil(decision.retryAfterMs / 1000) }));
    }
    const maxChars = this.o.maxTextChars ?? 1000;
    if (inbound.kind === 'text' && Array.from(inbound.content).length > maxChars) {
      return this.answerNow(key, inbound, nonce, translate(locale(), 'wechat.tooLong', { max: maxChars }));
    }
    return this.runTurn(key, inbound, nonce);
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

  private async answerNow(key: string, m: WeChatInbound, nonce: string, text: string): Promise<WebhookResponse> {
    const xml = replyXml({ msgtype: 'text', text: { content: text } }, m.openid, m.account, Math.floor(this.now() / 1000));
    await this.o.receipts.completeReplied(key, xml);
    return this.xml(xml, nonce);
  }

  private async runTurn(key: string, m: WeChatInbound, nonce: string): Promise<WebhookResponse> {
    const { adapter } = this.o;
    const activity: Partial<Activity> = toActivity(m, this.o.menuText);
    const previousOptions = await adapter.loadOptions(m.openid);
    const picked = /^\s*(\d{1,2})\s*$/.exec(activity.text ?? '');
    const option = picked ? previousOptions[Number(picked[1]) - 1] : undefined;
    if (option !== undefined) activity.text = option;

    // The turn's answer is saved with its state (JiaoguanBot.run), in the same write: see handle().
    const record = (): WeChatTurnRecord => ({ key, ...renderReplies(outbox.peek(), outbox.locale()) });
    const { outbox, done } = adapter.startTurn(activity, (ctx) => {
      TurnRecords.recordWith(ctx, record);
      return this.o.logic(ctx);
    });
    const finished = done.then(() => true, (err: unknown) => {
      this.o.logger.error({ err, channel: 'wechat' }, 'WeChat turn failed');
      return true;
    });
    let timer: NodeJS.Timeout | undefined;
    const inTime = await Promise.race([finished, new Promise<false>((r) => { timer = setTimeout(() => r(false), this.budget); })]);
    clearTimeout(timer);
    const saveOptions = async (shown: string[] | undefined): Promise<void> => {
      if (outbox.replaced) return;
      const next = shown ?? [];
      if (next.join('\u0000') === previousOptions.join('\u0000')) return;
      await this.saveShownOptions(m.openid, next);
    };

    if (inTime) {
      const rendered = renderReplies(outbox.take(), outbox.locale());
      await saveOptions(rendered.options.length ? rendered.options : undefined);
      return this.answer(key, m, nonce, rendered.messages);
    }
    // Over budget: answer now, deliver the rest through the customer-service API when the turn ends.
    await this.o.receipts.defer(key);
    this.o.logger.info({ channel: 'wechat', budgetMs: this.budget }, 'WeChat turn over the passive-reply budget; replying by customer-service message');
    this.inBackground((async () => {
      await outbox.goDirect();
      await finished;
      await outbox.goDirect();
      await saveOptions(outbox.shownOptions);
    })());
    return SUCCESS;
  }

  /** A finished turn's messages: the first as the passive reply (recorded on the receipt), the rest by customer-service message. */
  private async answer(key: string, m: WeChatInbound, nonce: string, messages: readonly CustomMessage[]): Promise<WebhookResponse> {
    const [first, ...rest] = messages;
    if (!first) {
      await this.o.receipts.completeReplied(key, '');
      return SUCCESS;
    }
    const xml = replyXml(first, m.openid, m.account, Math.floor(this.now() / 1000));
    if (await this.o.receipts.completeReplied(key, xml)) {
      this.inBackground(this.o.adapter.sendAll(m.openid, rest));
      return this.xml(xml, nonce);
    }
    this.inBackground(this.o.adapter.sendAll(m.openid, messages));
    return SUCCESS;
  }

  /** Remembers the numbered options shown; not worth losing the replies over (a number then reaches the dialog as typed). */
  private async saveShownOptions(openid: string, options: string[]): Promise<void> {
    await this.o.adapter.saveOptions(openid, options).catch((err: unknown) => {
      this.o.logger.warn({ err, channel: 'wechat', code: storageFaultOf(err)?.code }, 'could not remember the numbered options shown');
    });
  }

  private inBackground(work: Promise<void>): void {
    const tracked = work.catch((err: unknown) => {
      this.o.logger.error({ err, channel: 'wechat' }, 'WeChat background delivery failed');
    }).finally(() => this.background.delete(tracked));
    this.background.add(tracked);
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
