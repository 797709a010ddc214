import { errorMessage } from '../errorMessage';
import type { SharedTokens } from '../storage/sharedTokens';
import { WECHAT_ERRCODES, WeChatApiError, type CustomMessage, type TemplateMessage, type WeChatApi } from './types';

export interface WeChatApiClientOptions {
  /** https://api.weixin.qq.com in production; the sandbox or a test server otherwise (a function when known only after listen). */
  baseUrl: string | (() => string);
  appId: string;
  appSecret: string;
  /** Where the access token is cached and shared with the other bot processes. */
  tokens: SharedTokens;
  now?: () => number;
  /** Identifies this process in the refresh lease. */
  holder?: string;
  timeoutMs?: number;
  /** Attempts for "system busy" and network failures. */
  attempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Refresh this long before WeChat's expiry (tokens live 7,200 s). */
const REFRESH_MARGIN_MS = 5 * 60_000;
const LEASE_MS = 15_000;
const TOKEN_ERRORS: ReadonlySet<number> = new Set([
  WECHAT_ERRCODES.invalidCredential, WECHAT_ERRCODES.invalidAccessToken, WECHAT_ERRCODES.accessTokenExpired,
]);

interface WeChatReply { errcode?: number; errmsg?: string; access_token?: string; expires_in?: number; msgid?: number | string }

/**
 * The WeChat official-account API over HTTP: the access token is fetched once for all processes (a lease
 * in the store decides who refreshes), cached until shortly before it expires, and refreshed when WeChat
 * says it is invalid; "system busy" and network failures are retried with backoff.
 */
export class WeChatApiClient implements WeChatApi {
  private readonly now: () => number;
  private readonly holder: string;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: WeChatApiClientOptions) {
    this.now = options.now ?? Date.now;
    this.holder = options.holder ?? `pid-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  private get tokenName(): string {
    return `wechat:${this.options.appId}`;
  }

  private base(): string {
    const b = typeof this.options.baseUrl === 'function' ? this.options.baseUrl() : this.options.baseUrl;
    return b.replace(/\/+$/, '');
  }

  /** A valid access token, from the shared cache or freshly fetched. */
  async accessToken(): Promise<string> {
    // Waiting for another process's refresh is measured in real time, whatever clock is injected.
    const deadline = Date.now() + LEASE_MS;
    for (;;) {
      const cached = await this.options.tokens.read(this.tokenName);
      const now = this.now();
      if (cached?.value && (cached.expiresAt ?? 0) - now > REFRESH_MARGIN_MS) return cached.value;
      if (await this.options.tokens.tryLease(this.tokenName, this.holder, now, LEASE_MS)) {
        try {
          return await this.fetchToken();
        } catch (err) {
          await this.options.tokens.releaseLease(this.tokenName, this.holder);
          throw err;
        }
      }
      // Another process is refreshing: the current token stays valid until it expires.
      if (cached?.value && (cached.expiresAt ?? 0) > now) return cached.value;
      if (Date.now() > deadline) throw new WeChatApiError(undefined, 'WeChat access token: another process holds the refresh lease and produced no token', true);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  private async fetchToken(): Promise<string> {
    const { appId, appSecret } = this.options;
    const url = `${this.base()}/cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(appId)}&secret=${encodeURIComponent(appSecret)}`;
    const reply = await this.call('token', url, undefined);
    if (!reply.access_token || !reply.expires_in) {
      throw new WeChatApiError(reply.errcode, `WeChat token: ${reply.errcode ?? '?'} ${reply.errmsg ?? 'no access_token in the answer'}`, false);
    }
    await this.options.tokens.save(this.tokenName, reply.access_token, this.now() + reply.expires_in * 1000);
    return reply.access_token;
  }

  async sendCustomMessage(openid: string, message: CustomMessage): Promise<void> {
    await this.send('message/custom/send', { touser: openid, ...message });
  }

  async sendTemplateMessage(openid: string, message: TemplateMessage): Promise<{ msgid: number | string }> {
    const reply = await this.send('message/template/send', { touser: openid, ...message });
    return { msgid: reply.msgid ?? '' };
  }

  /**
   * POSTs to /cgi-bin/<api>?access_token=…: a token WeChat calls invalid or expired is dropped from the shared
   * cache and the call made once more with a fresh one; any other errcode is thrown.
   */
  private async send(api: string, message: object): Promise<WeChatReply> {
    const body = JSON.stringify(message);
    for (let tokenTry = 0; ; tokenTry += 1) {
      const token = await this.accessToken();
      const reply = await this.call(api, `${this.base()}/cgi-bin/${api}?access_token=${encodeURIComponent(token)}`, body);
      const code = reply.errcode ?? 0;
      if (code === 0) return reply;
      if (TOKEN_ERRORS.has(code) && tokenTry === 0) {
        await this.options.tokens.invalidate(this.tokenName, token);
        continue;
      }
      throw new WeChatApiError(code, `WeChat ${api}: ${code} ${reply.errmsg ?? ''}`.trim(), false);
    }
  }

  /** One API call with timeout and retries for system busy (-1) and network failures. */
  private async call(what: string, url: string, body: string | undefined): Promise<WeChatReply> {
    const attempts = this.options.attempts ?? 3;
    let last: WeChatApiError | undefined;
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      if (attempt > 1) await this.sleep(200 * 2 ** (attempt - 2));
      try {
        const res = await fetch(url, {
          method: body === undefined ? 'GET' : 'POST',
          headers: body === undefined ? undefined : { 'content-type': 'application/json; charset=utf-8' },
          body,
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
        });
        if (res.status >= 500) throw new Error(`HTTP ${res.status}`);
        const reply = (await res.json()) as WeChatReply;
        if (reply.errcode === WECHAT_ERRCODES.systemBusy) {
          last = new WeChatApiError(-1, `WeChat ${what}: system busy`, true);
          continue;
        }
        return reply;
      } catch (cause) {
        last = new WeChatApiError(undefined, `WeChat ${what}: ${errorMessage(cause)}`, true, { cause });
      }
    }
    throw last ?? new WeChatApiError(undefined, `WeChat ${what}: no attempt made`, true);
  }
}
