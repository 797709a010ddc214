import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { WeChatAdapter } from '../channels/wechat/WeChatAdapter';
import { WECHAT_CHANNEL_ID } from '../channels/wechat/toActivity';

/**
 * Reaches a citizen outside a turn of theirs (an agent's message, the bot greeting back), through the channel
 * the conversation came from: WeChat customer-service messages, or Bot Framework proactive messages with the
 * stored conversation reference. Any bot process can deliver; the citizen's webhook may be on another one.
 */
export class CitizenDelivery {
  constructor(
    private readonly cloud: CloudAdapter,
    private readonly botAppId: string,
    /** The WeChat adapter, when the channel is configured (built after this). */
    private readonly wechat: () => WeChatAdapter | undefined = () => undefined,
  ) {}

  async send(reference: Partial<ConversationReference>, logic: (ctx: TurnContext) => Promise<void>): Promise<void> {
    if (reference.channelId === WECHAT_CHANNEL_ID) {
      const wechat = this.wechat();
      if (!wechat) throw new Error('a WeChat conversation, but the WeChat channel is not configured');
      await wechat.continueConversation(reference, logic);
      return;
    }
    await this.cloud.continueConversationAsync(this.botAppId, reference, logic);
  }
}
