import type { ConversationReference, TurnContext } from 'botbuilder';

/** How one channel reaches a citizen outside a turn of theirs: runs `logic` in a proactive turn on the conversation. */
export type Deliver = (reference: Partial<ConversationReference>, logic: (ctx: TurnContext) => Promise<void>) => Promise<void>;

/** A conversation of a channel that no channel of this process registered a delivery for. */
export class UnknownChannelError extends Error {
  readonly code = 'CHANNEL_NOT_REGISTERED' as const;
}

/**
 * Reaches a citizen outside a turn of theirs (an agent's message, the bot greeting back) through the channel the
 * conversation came from: a registry of channels. Each channel registers, where it is built, how to reach a
 * citizen on it (WeChat: customer-service messages); the Bot Framework adapter registers as the default for Bot
 * Framework references (those with a serviceUrl: Emulator, Web Chat, Teams…, whatever their channel id).
 * Any bot process can deliver; the citizen's webhook may be on another one. A conversation of a channel this
 * process has no delivery for fails with an UnknownChannelError naming it.
 */
export class CitizenDelivery {
  private readonly channels = new Map<string, Deliver>();
  private botFramework: Deliver | undefined;

  /** Registers how to reach citizens of `channelId` (once per channel). */
  register(channelId: string, deliver: Deliver): void {
    if (this.channels.has(channelId)) throw new Error(`a delivery for channel "${channelId}" is already registered`);
    this.channels.set(channelId, deliver);
  }

  /** Registers the default for Bot Framework references (once): the CloudAdapter's proactive messages. */
  registerBotFramework(deliver: Deliver): void {
    if (this.botFramework) throw new Error('a delivery for Bot Framework conversations is already registered');
    this.botFramework = deliver;
  }

  /** @throws UnknownChannelError when no registered channel reaches the conversation of `reference`. */
  async send(reference: Partial<ConversationReference>, logic: (ctx: TurnContext) => Promise<void>): Promise<void> {
    const channelId = reference.channelId ?? '';
    const deliver = this.channels.get(channelId) ?? (reference.serviceUrl ? this.botFramework : undefined);
    if (!deliver) {
      const known = [...this.channels.keys(), ...(this.botFramework ? ['Bot Framework (any channel with a serviceUrl)'] : [])];
      throw new UnknownChannelError(`no delivery for channel "${channelId}" in this process (registered: ${known.join(', ') || 'none'}); is the channel configured?`);
    }
    await deliver(reference, logic);
  }
}
