import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { TranscriptStore } from '../integrations/storage/transcripts';
import { maskCitizenMessage } from '../integrations/privacy/maskCitizenMessage';
import { sensitiveInputOf } from '../dialogs/shared/sensitiveInput';

/**
 * Records every citizen message and bot reply of a conversation (the store masks PII before writing; a
 * citizen's verification code or VIN suffix is recorded as ******, the name typed at binding as 李*).
 * The citizen's message is written just before the turn's first reply (or at its end), once the dialog has
 * said what it is (dialogs/shared/sensitiveInput).
 */
export class TranscriptMiddleware implements Middleware {
  constructor(private readonly transcripts: TranscriptStore, private readonly now: () => Date = () => new Date()) {}

  async onTurn(ctx: TurnContext, next: () => Promise<void>): Promise<void> {
    const conversationId = ctx.activity.conversation?.id ?? 'unknown';
    const channelId = ctx.activity.channelId ?? 'unknown';
    const said = ctx.activity.type === ActivityTypes.Message ? ctx.activity.text : undefined;
    const at = this.now().toISOString();
    let userLine: Promise<void> | undefined;
    const recordUser = (): Promise<void> => {
      userLine ??= said
        ? this.transcripts.append({ conversationId, channelId, from: 'user', text: maskCitizenMessage(said, sensitiveInputOf(ctx)), timestamp: at })
        : Promise.resolve();
      return userLine;
    };
    ctx.onSendActivities(async (_ctx, activities, send) => {
      // The citizen's line comes first (the handoff reads the transcript while sending).
      await recordUser();
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
    try {
      await next();
    } finally {
      await recordUser();
    }
  }
}
