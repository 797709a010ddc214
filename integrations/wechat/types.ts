/** WeChat official-account API: the customer-service (客服) messages the bot sends outside a passive reply. */
export interface NewsArticle {
  readonly title: string;
  readonly description: string;
  readonly url: string;
  readonly picurl: string;
}

export type CustomMessage =
  | { readonly msgtype: 'text'; readonly text: { readonly content: string } }
  | { readonly msgtype: 'news'; readonly news: { readonly articles: readonly NewsArticle[] } };

export interface WeChatApi {
  /** Sends a customer-service message to a follower. @throws WeChatApiError */
  sendCustomMessage(openid: string, message: CustomMessage): Promise<void>;
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
} as const;

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
