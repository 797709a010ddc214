/**
 * WeChat official-account API: the customer-service (客服) messages the bot sends outside a passive reply, and
 * the template messages (模板消息) of the notices a citizen subscribed to.
 */
export interface NewsArticle {
  readonly title: string;
  readonly description: string;
  readonly url: string;
  readonly picurl: string;
}

export type CustomMessage =
  | { readonly msgtype: 'text'; readonly text: { readonly content: string } }
  | { readonly msgtype: 'news'; readonly news: { readonly articles: readonly NewsArticle[] } };

/** A template message (POST /cgi-bin/message/template/send), without its `touser`. */
export interface TemplateMessage {
  readonly template_id: string;
  /** Opened when the follower taps the message (in the demo `/chat/reply?say=<word>`: the one-tap next step). */
  readonly url?: string;
  /** WeChat's 防重入 id: the same follower and client_msg_id within 10 minutes is delivered once. */
  readonly client_msg_id: string;
  /** One entry per field of the template, by its key. */
  readonly data: Readonly<Record<string, { readonly value: string }>>;
}

export interface WeChatApi {
  /** Sends a customer-service message to a follower. @throws WeChatApiError */
  sendCustomMessage(openid: string, message: CustomMessage): Promise<void>;
  /**
   * Sends a template message to a follower; a repeat of a delivered `client_msg_id` within 10 minutes answers
   * the first delivery's msgid. @throws WeChatApiError (see isRefusal for the codes that mean the citizen refused)
   */
  sendTemplateMessage(openid: string, message: TemplateMessage): Promise<{ msgid: number | string }>;
}

/** Error codes of WeChat's API the bot handles by name. */
export const WECHAT_ERRCODES = {
  systemBusy: -1,
  invalidCredential: 40001,
  invalidAccessToken: 40014,
  accessTokenExpired: 42001,
  apiQuotaReached: 45009,
  /** The follower has not written in the last 48 hours: customer-service messages are not allowed. */
  replyWindowClosed: 45015,
  /** Too many customer-service messages since the follower last wrote. */
  replyCountLimit: 45047,
  /** Template message to someone who does not follow the account (require subscribe). */
  notFollowing: 43004,
  /** The follower blacklisted the account. */
  blacklisted: 43019,
  /** The follower refused the account's messages in WeChat's settings (user refuse to accept the msg). */
  refusedByUser: 43101,
  /** No such template_id. */
  invalidTemplate: 40037,
  /** A request argument is invalid (for templates: the data's keys or values). */
  invalidArgument: 47003,
} as const;

const REFUSALS: ReadonlySet<number> = new Set([WECHAT_ERRCODES.notFollowing, WECHAT_ERRCODES.blacklisted, WECHAT_ERRCODES.refusedByUser]);

/**
 * The citizen, not the system, said no (not following, blacklisted the account, refused messages): record it as
 * the citizen's consent refused and never retry.
 */
export function isRefusal(errcode: number | undefined): boolean {
  return errcode !== undefined && REFUSALS.has(errcode);
}

/** A WeChat API call that failed; `errcode` is WeChat's (0 never), or undefined for transport failures. */
export class WeChatApiError extends Error {
  constructor(
    readonly errcode: number | undefined,
    message: string,
    /** Worth trying again later (system busy, network). */
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'WeChatApiError';
  }
}
