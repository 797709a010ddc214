import { ActivityTypes, CardFactory, type Activity, type CardAction, type HeroCard, type Middleware, type TurnContext } from 'botbuilder';
import type { TranscriptStore } from '../integrations/storage/transcripts';
import { maskCitizenMessage } from '../integrations/privacy/maskCitizenMessage';
import { sensitiveInputOf } from '../dialogs/shared/sensitiveInput';

/**
 * Records every citizen message and bot reply of a conversation (the store masks PII before writing; a
 * citizen's verification code or VIN suffix is recorded as ******, the name typed at binding as 李*).
 * The citizen's message is written just before the turn's first reply (or at its end), once the dialog has
 * said what it is (dialogs/shared/sensitiveInput). A bot line that offered choices keeps their titles (`options`), so an
 * agent sees what the citizen could tap.
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
          const options = from === 'bot' ? choicesOf(a) : [];
          await this.transcripts.append({
            conversationId, channelId, from, text: a.text, ...(options.length ? { options } : {}), timestamp: this.now().toISOString(),
          });
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

/** Button types that answer for the citizen (an openUrl button opens a page instead). */
const ANSWERS: ReadonlySet<string> = new Set(['imBack', 'postBack', 'messageBack']);

/**
 * The choices a reply offered, as the citizen sees them: its suggested actions, then the answering buttons of its
 * hero or thumbnail cards (the WeChat renderer lists the same ones as a numbered list).
 */
function choicesOf(a: Partial<Activity>): string[] {
  const actions: CardAction[] = [...(a.suggestedActions?.actions ?? [])];
  for (const att of a.attachments ?? []) {
    if (att.contentType !== CardFactory.contentTypes.heroCard && att.contentType !== CardFactory.contentTypes.thumbnailCard) continue;
    actions.push(...((att.content as HeroCard | undefined)?.buttons ?? []).filter((b) => ANSWERS.has(b.type)));
  }
  return actions.map((b) => b.title || String(b.value ?? '')).filter((t) => t.trim() !== '');
}
