import type { Middleware, Storage, TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import type { MessageReceipts } from '../../../integrations/storage/messageReceipts';
import type { SharedTokens } from '../../../integrations/storage/sharedTokens';
import type { RateLimits } from '../../../integrations/storage/rateLimits';
import type { WebhookNonces } from '../../../integrations/storage/webhookNonces';
import { WeChatApiClient } from '../../../integrations/wechat/WeChatApiClient';
import { translate } from '../../../dialogs/i18n/catalog';
import type { WeChatConfig } from '../../config';
import type { Logger } from '../../logger';
import type { TurnRecords } from '../../TurnRecords';
import type { CitizenDelivery } from '../CitizenDelivery';
import { MENU_KEYS } from './menuKeys';
import { WECHAT_CHANNEL_ID } from './toActivity';
import { BackgroundWork } from './BackgroundWork';
import { NumberedOptions } from './NumberedOptions';
import { WeChatAdapter } from './WeChatAdapter';
import { WeChatCrypto } from './WeChatCrypto';
import { WeChatTurn, type WeChatTurnDeps } from './WeChatTurn';
import { WeChatWebhook } from './WeChatWebhook';
import { wechatRoutes } from './wechatRoutes';

export interface WeChatChannelDeps {
  storage: Storage;
  receipts: MessageReceipts;
  nonces: WebhookNonces;
  /** The bot's turn records (bot.turns): a WeChat turn's answer is saved with its state. */
  turns: TurnRecords;
  tokens: SharedTokens;
  rateLimits: RateLimits;
  /** Messages per OpenID per minute (CITIZEN_RATE_PER_MINUTE). */
  ratePerMinute: number;
  logger: Logger;
  logic: (ctx: TurnContext) => Promise<void>;
  middleware: readonly Middleware[];
  onTurnError: (ctx: TurnContext, error: Error) => Promise<void>;
  /** WeChat's API base URL (a function when it is this server's own sandbox, known after listen). */
  apiUrl: string | (() => string);
  /** Where the channel registers how agents' messages reach its citizens. */
  delivery: CitizenDelivery;
  /** The custom menu's CLICK keys → the message a click stands for (default: the service index's, menuKeys.ts). */
  menuKeys?: Readonly<Record<string, string>>;
}

export interface WeChatChannel {
  webhook: WeChatWebhook;
  adapter: WeChatAdapter;
  routes: (server: Server) => void;
  /** Stops the housekeeping timer. */
  stop(): void;
}

const RECEIPT_TTL_MS = 24 * 3600_000;

/** Builds the WeChat channel from its configuration: stores, API client, adapter, the turns, webhook and routes. */
export function wechatChannel(config: WeChatConfig, deps: WeChatChannelDeps): WeChatChannel {
  const { receipts } = deps;
  const menuKeys = deps.menuKeys ?? MENU_KEYS;
  const api = new WeChatApiClient({
    baseUrl: deps.apiUrl, appId: config.appId, appSecret: config.appSecret, tokens: deps.tokens,
  });
  // An agent's message (continueConversation) is a turn without a request to answer: WeChatTurn renders it too.
  const adapter = new WeChatAdapter(api, deps.logger, (ctx) => WeChatTurn.proactive(turns, ctx));
  adapter.use(...deps.middleware);
  adapter.onTurnError = deps.onTurnError;
  deps.delivery.register(WECHAT_CHANNEL_ID, (reference, logic) => adapter.continueConversation(reference, logic));
  const turns: WeChatTurnDeps = {
    adapter,
    logic: deps.logic,
    options: new NumberedOptions(deps.storage),
    records: deps.turns,
    menuText: (key) => (Object.hasOwn(menuKeys, key) ? translate('zh-CN', menuKeys[key]) : undefined),
    budgetMs: config.replyBudgetMs,
    background: new BackgroundWork(deps.logger),
    logger: deps.logger,
  };
  const webhook = new WeChatWebhook({
    token: config.token,
    crypto: config.encodingAesKey ? new WeChatCrypto(config.token, config.encodingAesKey, config.appId) : undefined,
    turn: (message, key, channel) => new WeChatTurn(turns, message, key, channel),
    background: turns.background,
    receipts,
    nonces: deps.nonces,
    rateLimits: deps.rateLimits,
    logger: deps.logger,
    replyBudgetMs: config.replyBudgetMs,
    ratePerMinute: deps.ratePerMinute,
  });
  const prune = (): void => {
    receipts.prune(Date.now() - RECEIPT_TTL_MS).catch((err: unknown) => deps.logger.warn({ err }, 'pruning WeChat receipts failed'));
    deps.nonces.prune(Date.now()).catch((err: unknown) => deps.logger.warn({ err }, 'pruning WeChat nonces failed'));
  };
  const timer = setInterval(prune, 3600_000);
  timer.unref();
  prune();
  return { webhook, adapter, routes: wechatRoutes(webhook), stop: () => clearInterval(timer) };
}
