import { createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type Database from 'better-sqlite3';
import { applyMigrations, type Migration } from '../../storage/sqlite/migrate';
import { WECHAT_ERRCODES, type CustomMessage } from '../types';

/** A customer-service message as the sandbox WeChat server received it. */
export type ReceivedMessage = CustomMessage & { readonly id: number; readonly touser: string; readonly at: string };

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

export interface WeChatAnswer { errcode: number; errmsg: string; access_token?: string; expires_in?: number }

const migrations: readonly Migration[] = [{
  version: 1,
  description: 'sandbox WeChat API: access tokens and received customer-service messages',
  sql: `CREATE TABLE sandbox_wechat_tokens (token TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
    CREATE TABLE sandbox_wechat_messages (
      id INTEGER PRIMARY KEY AUTOINCREMENT, touser TEXT NOT NULL, body TEXT NOT NULL, at TEXT NOT NULL);
    CREATE INDEX sandbox_wechat_messages_touser ON sandbox_wechat_messages (touser, id);`,
}];

const MAX_TEXT_BYTES = 2048;
const TOKEN_TTL_S = 7200;

/**
 * Plays WeChat's API servers for the sandbox and tests: issues access tokens for the configured AppId and
 * secret, accepts customer-service messages with WeChat's checks and error codes, and keeps them (in the
 * store) for the messenger page, which listens for new ones.
 */
export class SandboxWeChatServer {
  private readonly events = new EventEmitter();

  constructor(
    private readonly db: Database.Database,
    private readonly account: { appId: string; appSecret: string },
    private readonly now: () => number = Date.now,
  ) {
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

  /** POST /cgi-bin/message/custom/send?access_token=… */
  receiveCustom(accessToken: string, body: unknown): WeChatAnswer {
    const row = this.db.prepare('SELECT expires_at FROM sandbox_wechat_tokens WHERE token = ?').get(sha256(accessToken)) as { expires_at: number } | undefined;
    if (!row) return { errcode: WECHAT_ERRCODES.invalidCredential, errmsg: 'invalid credential, access_token is invalid or not latest' };
    if (row.expires_at <= this.now()) return { errcode: WECHAT_ERRCODES.accessTokenExpired, errmsg: 'access_token expired' };
    const message = readMessage(body);
    if ('errcode' in message) return message;
    const at = new Date(this.now()).toISOString();
    const { touser, ...content } = message;
    const id = Number(this.db.prepare('INSERT INTO sandbox_wechat_messages (touser, body, at) VALUES (?, ?, ?)')
      .run(touser, JSON.stringify(content), at).lastInsertRowid);
    this.events.emit('message', { id, touser, at, ...content } as ReceivedMessage);
    return { errcode: 0, errmsg: 'ok' };
  }

  /** Messages received for a follower after message `after`, oldest first. */
  messages(openid: string, after = 0): ReceivedMessage[] {
    const rows = this.db.prepare('SELECT id, touser, body, at FROM sandbox_wechat_messages WHERE touser = ? AND id > ? ORDER BY id')
      .all(openid, after) as { id: number; touser: string; body: string; at: string }[];
    return rows.map((r) => ({ id: r.id, touser: r.touser, at: r.at, ...(JSON.parse(r.body) as CustomMessage) }));
  }

  /** Calls `listener` for every message received from now on; returns the unsubscribe function. */
  subscribe(listener: (m: ReceivedMessage) => void): () => void {
    this.events.on('message', listener);
    return () => this.events.off('message', listener);
  }
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
