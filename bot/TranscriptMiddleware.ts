import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { TranscriptStore } from '../integrations/storage/transcripts';
import { maskBareCode } from '../integrations/privacy/maskBareCode';

/**
 * Records every citizen message and bot reply of a conversation (the store masks PII before writing; a
 * citizen's bare verification code or VIN suffix is recorded as ******).
 */
export class TranscriptMiddleware implements Middleware {
  constructor(private readonly transcripts: TranscriptStore, private readonly now: () => Date = () => new Date()) {}

  async onTurn(ctx: TurnContext, next: () => Promise<void>): Promise<void> {
    const conversationId = ctx.activity.conversation?.id ?? 'unknown';
    const channelId = ctx.activity.channelId ?? 'unknown';
    if (ctx.activity.type === ActivityTypes.Message && ctx.activity.text) {
      await this.transcripts.append({ conversationId, channelId, from: 'user', text: maskBareCode(ctx.activity.text), timestamp: this.now().toISOString() });
    }
    ctx.onSendActivities(async (_ctx, activities, send) => {
      // Logged after sending: later handlers may add replies (the handoff's queue message) or drop some.
      const sent = await send();
      for (const a of activities) {
        if (a.type === ActivityTypes.Message && a.text) {
          // An agent's message (handoff) is sent by the bot on the agent's behalf and marked as such.
          const from = (a.channelData as { agent?: unknown } | undefined)?.agent === true ? 'agent' : 'bot';
          await this.transcripts.append({ conversationId, channelId, from, text: a.text, timestamp: this.now().toISOString() });
        }
      }
      return sent;
    });
    await next();
  }
}
