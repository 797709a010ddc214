import { createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type Database from 'better-sqlite3';
import { applyMigrations, type Migration } from '../../storage/sqlite/migrate';
import { WECHAT_ERRCODES, type CustomMessage } from '../types';
import { readTemplateSend, type ReceivedTemplate, type SandboxTemplate } from './readTemplateSend';

export type { ReceivedTemplate, SandboxTemplate } from './readTemplateSend';

/** A customer-service or template message as the sandbox WeChat server received it. */
export type ReceivedMessage = (CustomMessage | ReceivedTemplate) & { readonly id: number; readonly touser: string; readonly at: string };

/** WeChat's side of one follower: what the follower set in WeChat, not what the bot recorded. */
export interface FollowerSettings {
  /** 'reject': the follower refused the account's messages in WeChat's settings (→ 43101). */
  readonly notices: 'accept' | 'reject';
  /** The follower blacklisted the account (→ 43019). */
  readonly blocked: boolean;
  /** false: the follower unfollowed (→ 43004). */
  readonly following: boolean;
}

const DEFAULT_FOLLOWER: FollowerSettings = { notices: 'accept', blocked: false, following: true };
/** WeChat's 防重入 window for client_msg_id. */
const DEDUPE_WINDOW_MS = 10 * 60_000;

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

export interface WeChatAnswer { errcode: number; errmsg: string; access_token?: string; expires_in?: number; msgid?: number }

const migrations: readonly Migration[] = [{
  version: 1,
  description: 'sandbox WeChat API: access tokens and received customer-service messages',
  sql: `CREATE TABLE sandbox_wechat_tokens (token TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
    CREATE TABLE sandbox_wechat_messages (
      id INTEGER PRIMARY KEY AUTOINCREMENT, touser TEXT NOT NULL, body TEXT NOT NULL, at TEXT NOT NULL);
    CREATE INDEX sandbox_wechat_messages_touser ON sandbox_wechat_messages (touser, id);`,
}, {
  version: 2,
  description: 'sandbox WeChat API: template sends by client_msg_id (delivered once in 10 minutes) and the followers\' settings',
  sql: `CREATE TABLE sandbox_wechat_template_sends (
      touser TEXT NOT NULL, client_msg_id TEXT NOT NULL, msgid INTEGER NOT NULL, sent_at INTEGER NOT NULL,
      PRIMARY KEY (touser, client_msg_id));
    CREATE TABLE sandbox_wechat_followers (
      openid TEXT PRIMARY KEY, notices TEXT NOT NULL, blocked INTEGER NOT NULL, following INTEGER NOT NULL);`,
}];

const MAX_TEXT_BYTES = 2048;
const TOKEN_TTL_S = 7200;

/**
 * Plays WeChat's API servers for the sandbox and tests: issues access tokens for the configured AppId and
 * secret, accepts customer-service and template messages with WeChat's checks and error codes, and keeps them
 * (in the store) for the messenger page, which listens for new ones. The followers' own settings (unfollowed,
 * blocked, messages refused) are kept too, as WeChat knows them.
 */
export class SandboxWeChatServer {
  private readonly events = new EventEmitter();
  private readonly templates: ReadonlyMap<string, SandboxTemplate>;
  /** Injected failures for the next template sends (tests, benchmarks): in this process only. */
  private faults: { count: number; errcode: number } = { count: 0, errcode: 0 };

  constructor(
    private readonly db: Database.Database,
    private readonly account: { appId: string; appSecret: string },
    private readonly now: () => number = Date.now,
    /** The account's templates (in WeChat, chosen in the admin platform's template library). */
    templates: readonly SandboxTemplate[] = [],
    /**
     * The time a message is stamped with, as the follower's phone shows it (the demo: the sandbox clock, so a reminder
     * sent on the sandbox's day before the exam says that day). Tokens and the client_msg_id window keep `now`: real time.
     */
    private readonly stamp: () => number = now,
  ) {
    this.templates = new Map(templates.map((t) => [t.id, t]));
    applyMigrations(db, 'sandbox-wechat', migrations);
    this.events.setMaxListeners(0);
  }

  /** GET /cgi-bin/token */
  issueToken(grantType: string, appId: string, secret: string): WeChatAnswer {
    if (grantType !== 'client_credential') return { errcode: 40002, errmsg: 'invalid grant_type' };
    if (appId !== this.account.appId) return { errcode: 40013, errmsg: 'invalid appid' };
    if (secret !== this.account.appSecret) return { errcode: 40125, errmsg: 'invalid appsecret' };
    const token = randomBytes(24).toString('base64url');
    // Only compared, never used again: the table keeps its sha256 (the column is named token since migration 1).
    this.db.prepare('INSERT INTO sandbox_wechat_tokens (token, expires_at) VALUES (?, ?)').run(sha256(token), this.now() + TOKEN_TTL_S * 1000);
    return { errcode: 0, errmsg: 'ok', access_token: token, expires_in: TOKEN_TTL_S };
  }

  /** WeChat's answer to a token that is unknown or expired, or undefined when it is valid. */
  private checkToken(accessToken: string): WeChatAnswer | undefined {
    const row = this.db.prepare('SELECT expires_at FROM sandbox_wechat_tokens WHERE token = ?').get(sha256(accessToken)) as { expires_at: number } | undefined;
    if (!row) return { errcode: WECHAT_ERRCODES.invalidCredential, errmsg: 'invalid credential, access_token is invalid or not latest' };
    if (row.expires_at <= this.now()) return { errcode: WECHAT_ERRCODES.accessTokenExpired, errmsg: 'access_token expired' };
    return undefined;
  }

  /** Keeps a message for its follower (the listeners are told by the caller, once it is committed). */
  private store(touser: string, content: CustomMessage | ReceivedTemplate): ReceivedMessage {
    const at = new Date(this.stamp()).toISOString();
    const id = Number(this.db.prepare('INSERT INTO sandbox_wechat_messages (touser, body, at) VALUES (?, ?, ?)')
      .run(touser, JSON.stringify(content), at).lastInsertRowid);
    return { id, touser, at, ...content } as ReceivedMessage;
  }

  /** POST /cgi-bin/message/custom/send?access_token=… */
  receiveCustom(accessToken: string, body: unknown): WeChatAnswer {
    const refused = this.checkToken(accessToken);
    if (refused) return refused;
    const message = readMessage(body);
    if ('errcode' in message) return message;
    const { touser, ...content } = message;
    this.events.emit('message', this.store(touser, content));
    return { errcode: 0, errmsg: 'ok' };
  }

  /**
   * POST /cgi-bin/message/template/send?access_token=…: checks the template and its data, answers a delivered
   * client_msg_id (same follower, within 10 minutes) with its first msgid and no second message, refuses
   * followers who unfollowed (43004), blocked the account (43019) or refused its messages (43101).
   * The msgid is the message's id in the outbox.
   */
  receiveTemplate(accessToken: string, body: unknown): WeChatAnswer {
    const refused = this.checkToken(accessToken);
    if (refused) return refused;
    if (this.faults.count > 0) {
      this.faults.count -= 1;
      return { errcode: this.faults.errcode, errmsg: 'injected failure (sandbox failNextTemplates)' };
    }
    const send = readTemplateSend(body, this.templates);
    if ('errcode' in send) return send;
    const { touser, clientMsgId, message } = send;
    // One transaction holding the write lock: two bot processes sending the same client_msg_id deliver it once.
    const outcome = this.db.transaction((): WeChatAnswer | ReceivedMessage => {
      const now = this.now();
      if (clientMsgId !== undefined) {
        const earlier = this.db.prepare('SELECT msgid, sent_at FROM sandbox_wechat_template_sends WHERE touser = ? AND client_msg_id = ?')
          .get(touser, clientMsgId) as { msgid: number; sent_at: number } | undefined;
        if (earlier && now - earlier.sent_at < DEDUPE_WINDOW_MS) return { errcode: 0, errmsg: 'ok', msgid: earlier.msgid };
      }
      const follower = this.followerSettings(touser);
      if (!follower.following) return { errcode: WECHAT_ERRCODES.notFollowing, errmsg: 'require subscribe' };
      if (follower.blocked) return { errcode: WECHAT_ERRCODES.blacklisted, errmsg: 'user in blacklist' };
      if (follower.notices === 'reject') return { errcode: WECHAT_ERRCODES.refusedByUser, errmsg: 'user refuse to accept the msg' };
      const received = this.store(touser, message);
      if (clientMsgId !== undefined) {
        this.db.prepare(`INSERT INTO sandbox_wechat_template_sends (touser, client_msg_id, msgid, sent_at) VALUES (?, ?, ?, ?)
          ON CONFLICT (touser, client_msg_id) DO UPDATE SET msgid = excluded.msgid, sent_at = excluded.sent_at`)
          .run(touser, clientMsgId, received.id, now);
      }
      return received;
    }).immediate();
    if ('errcode' in outcome) return outcome;
    this.events.emit('message', outcome);
    return { errcode: 0, errmsg: 'ok', msgid: outcome.id };
  }

  /** The next `count` template sends (with a valid token) answer `errcode`, e.g. -1 (system busy) or 45009 (quota). */
  failNextTemplates(count: number, errcode: number): void {
    this.faults = { count: Math.max(0, Math.floor(count)), errcode };
  }

  /** What the follower set in WeChat (a follower never seen: following, not blocked, accepting messages). */
  followerSettings(openid: string): FollowerSettings {
    const row = this.db.prepare('SELECT notices, blocked, following FROM sandbox_wechat_followers WHERE openid = ?')
      .get(openid) as { notices: string; blocked: number; following: number } | undefined;
    if (!row) return DEFAULT_FOLLOWER;
    return { notices: row.notices === 'reject' ? 'reject' : 'accept', blocked: row.blocked === 1, following: row.following === 1 };
  }

  /** Changes what the follower set in WeChat (the settings not given are kept); the settings now. */
  setFollowerSettings(openid: string, change: Partial<FollowerSettings>): FollowerSettings {
    return this.db.transaction((): FollowerSettings => {
      const next = { ...this.followerSettings(openid), ...definedOnly(change) };
      this.db.prepare(`INSERT INTO sandbox_wechat_followers (openid, notices, blocked, following) VALUES (?, ?, ?, ?)
        ON CONFLICT (openid) DO UPDATE SET notices = excluded.notices, blocked = excluded.blocked, following = excluded.following`)
        .run(openid, next.notices, next.blocked ? 1 : 0, next.following ? 1 : 0);
      return next;
    }).immediate();
  }

  /** Messages received for a follower after message `after`, oldest first. */
  messages(openid: string, after = 0): ReceivedMessage[] {
    const rows = this.db.prepare('SELECT id, touser, body, at FROM sandbox_wechat_messages WHERE touser = ? AND id > ? ORDER BY id')
      .all(openid, after) as { id: number; touser: string; body: string; at: string }[];
    return rows.map((r) => ({ id: r.id, touser: r.touser, at: r.at, ...(JSON.parse(r.body) as CustomMessage | ReceivedTemplate) }));
  }

  /** Calls `listener` for every message received from now on; returns the unsubscribe function. */
  subscribe(listener: (m: ReceivedMessage) => void): () => void {
    this.events.on('message', listener);
    return () => this.events.off('message', listener);
  }
}

function definedOnly(change: Partial<FollowerSettings>): Partial<FollowerSettings> {
  return Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) as Partial<FollowerSettings>;
}

/** The message, or WeChat's answer to a body it refuses (codes from WeChat's global return-code table). */
function readMessage(body: unknown): (CustomMessage & { touser: string }) | WeChatAnswer {
  const refuse = (errcode: number, errmsg: string): WeChatAnswer => ({ errcode, errmsg });
  if (!body || typeof body !== 'object') return refuse(44002, 'empty post data');
  const b = body as Record<string, unknown>;
  if (typeof b.touser !== 'string' || !b.touser) return refuse(40003, 'invalid openid');
  if (b.msgtype === 'text') {
    const content = (b.text as { content?: unknown } | undefined)?.content;
    if (typeof content !== 'string' || !content) return refuse(44003, 'empty news data');
    if (Buffer.byteLength(content, 'utf8') > MAX_TEXT_BYTES) return refuse(45002, 'content size out of limit');
    return { touser: b.touser, msgtype: 'text', text: { content } };
  }
  if (b.msgtype === 'news') {
    const articles: unknown = (b.news as { articles?: unknown } | undefined)?.articles;
    if (!Array.isArray(articles) || articles.length === 0) return refuse(44003, 'empty news data');
    if (articles.length > 1) return refuse(45008, 'article size out of limit');
    const a: unknown = articles[0];
    if (!a || typeof a !== 'object') return refuse(44003, 'empty news data');
    const field = (name: string): string => {
      const v = (a as Record<string, unknown>)[name];
      return typeof v === 'string' ? v : '';
    };
    return { touser: b.touser, msgtype: 'news', news: { articles: [{ title: field('title'), description: field('description'), url: field('url'), picurl: field('picurl') }] } };
  }
  return refuse(40008, 'invalid message type');
}
