import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { TranscriptStore } from '../integrations/storage/transcripts';

/** Records every citizen message and bot reply of a conversation (the store masks PII before writing). */
export class TranscriptMiddleware implements Middleware {
  constructor(private readonly transcripts: TranscriptStore, private readonly now: () => Date = () => new Date()) {}

  async onTurn(ctx: TurnContext, next: () => Promise<void>): Promise<void> {
    const conversationId = ctx.activity.conversation?.id ?? 'unknown';
    const channelId = ctx.activity.channelId ?? 'unknown';
    if (ctx.activity.type === ActivityTypes.Message && ctx.activity.text) {
      await this.transcripts.append({ conversationId, channelId, from: 'user', text: ctx.activity.text, timestamp: this.now().toISOString() });
    }
    ctx.onSendActivities(async (_ctx, activities, send) => {
      for (const a of activities) {
        if (a.type === ActivityTypes.Message && a.text) {
          await this.transcripts.append({ conversationId, channelId, from: 'bot', text: a.text, timestamp: this.now().toISOString() });
        }
      }
      return send();
    });
    await next();
  }
}
