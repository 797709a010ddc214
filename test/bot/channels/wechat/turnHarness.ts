import { ConversationState, MemoryStorage, type TurnContext } from 'botbuilder';
import type { CustomMessage } from '../../../../integrations/wechat/types';
import { BackgroundWork } from '../../../../bot/channels/wechat/BackgroundWork';
import type { WeChatInbound } from '../../../../bot/channels/wechat/inbound';
import { NumberedOptions } from '../../../../bot/channels/wechat/NumberedOptions';
import { WeChatAdapter } from '../../../../bot/channels/wechat/WeChatAdapter';
import { WeChatTurn, type WeChatAnswer, type WeChatReplyChannel, type WeChatTurnDeps } from '../../../../bot/channels/wechat/WeChatTurn';
import { TurnRecords } from '../../../../bot/TurnRecords';
import { testLogger } from '../../../support/captureLogger';

export const OPENID = 'o_turn_test';

/** A text message from the test follower. */
export const textMessage = (content: string, msgId: string): WeChatInbound =>
  ({ kind: 'text', content, account: 'gh_test', openid: OPENID, createTime: 1_764_000_000, msgId });

/** The request side of one message as the webhook plays it: what was offered as the passive reply, how often it was deferred. */
export class FakeRequest implements WeChatReplyChannel {
  readonly offered: Array<CustomMessage | undefined> = [];
  deferred = 0;
  /** False: a retry was told "success" meanwhile, the request cannot carry the reply. */
  constructor(private readonly canCarry = true) {}

  async passive(message: CustomMessage | undefined): Promise<WeChatAnswer> {
    this.offered.push(message);
    return message && this.canCarry ? { kind: 'passive', xml: JSON.stringify(message) } : { kind: 'success' };
  }

  async defer(): Promise<void> {
    this.deferred += 1;
  }
}

/**
 * The WeChat turn's surroundings in memory: a WeChat API that records customer-service messages, the adapter, the
 * option memory, and a bot whose logic is the test's, saved as JiaoguanBot.run saves it (turn record in the same write).
 */
export function turnHarness(logic: (ctx: TurnContext) => Promise<void>, budgetMs = 2000) {
  const storage = new MemoryStorage();
  const conversationState = new ConversationState(storage);
  const records = new TurnRecords(conversationState);
  const sent: CustomMessage[] = [];
  const api = {
    sendCustomMessage: async (_openid: string, m: CustomMessage): Promise<void> => { sent.push(m); },
    sendTemplateMessage: (): Promise<never> => Promise.reject(new Error('a turn sends no template message')),
  };
  const logger = testLogger();
  const adapter = new WeChatAdapter(api, logger, (ctx) => WeChatTurn.proactive(deps, ctx));
  let runs = 0;
  const deps: WeChatTurnDeps = {
    adapter,
    logic: async (ctx) => {
      runs += 1;
      await logic(ctx);
      await records.store(ctx);
      await conversationState.saveChanges(ctx, false);
    },
    options: new NumberedOptions(storage),
    records,
    menuText: () => undefined,
    budgetMs,
    background: new BackgroundWork(logger),
    logger,
  };
  return {
    deps,
    adapter,
    /** Customer-service messages sent, as text (news: "news"). */
    sentTexts: (): string[] => sent.map((m) => (m.msgtype === 'text' ? m.text.content : m.msgtype)),
    runs: (): number => runs,
    turn: (message: WeChatInbound, key: string, request: WeChatReplyChannel) => new WeChatTurn(deps, message, key, request),
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
