import type { Storage, TurnContext } from 'botbuilder';
import type { HandoffRecord } from '../../../integrations/storage/handoffs';
import { maskBareCode } from '../../../integrations/privacy/maskBareCode';
import { maskPii } from '../../../integrations/privacy/maskPii';
import { localeOf, msg } from '../../../dialogs/i18n/turnLocale';
import { serviceButtons } from '../../../dialogs/main/menu';
import type { RequestReader } from './newRequest';
import { ratingQuestion } from './ratingQuestion';
import { readRating, saysSkip, type Score } from './readRating';

/** What the rating needs of the handoffs (HandoffService): the conversation's last handoff, and recording once. */
export interface RatingPort {
  latestFor(conversationKey: string): Promise<HandoffRecord | undefined>;
  /** false: not asked, or already rated. */
  rate(record: HandoffRecord, score: Score): Promise<boolean>;
  /** false: not rated, or already commented. */
  commentRating(record: HandoffRecord, comment: string): Promise<boolean>;
}

/** The rating question (and then the comment step) lapses this long after it was asked (after the score was given). */
export const RATING_OFFER_MS = 30 * 60_000;

/** How the rating of one handoff went beyond what its record says; in the shared storage, so any bot process reads it. */
interface Progress { failures: number; done: boolean }

/**
 * The citizen's answers after a conversation with an agent ended and they were asked to rate it (the handoff's
 * ratingAskedAt): a score (digit, stars, words), then an optional comment, both recorded once with the handoff and
 * masked. A refusal ends it with a short reply; a new request or a question goes to the bot and ends it too; an answer
 * that is none of these is asked once more with an example, then let through (the citizen is never held here).
 */
export class RatingFollowUp {
  /** Tells a new request from an answer (the NLU's; until given, nothing is taken for a request). */
  requests: RequestReader = () => false;

  constructor(
    private readonly ratings: RatingPort,
    private readonly storage: Storage,
    private readonly now: () => number,
    private readonly menu: readonly string[],
  ) {}

  /** Answers the message when it belongs to the rating of the conversation's last handoff; false: the bot takes it. */
  async answer(ctx: TurnContext, conversationKey: string): Promise<boolean> {
    const text = (ctx.activity.text ?? '').trim();
    if (!text) return false;
    const record = await this.ratings.latestFor(conversationKey);
    if (!record?.ratingAskedAt) return false;
    const since = record.rating?.at ?? record.ratingAskedAt;
    if (this.now() - since > RATING_OFFER_MS) return false;
    const progress = await this.progress(record.id);
    // Ended (rated and commented, refused, or the citizen moved on): whatever comes now is the bot's.
    if (progress.done || record.rating?.comment !== undefined) return false;
    return record.rating ? this.comment(ctx, record, text) : this.rating(ctx, record, text, progress);
  }

  private async rating(ctx: TurnContext, record: HandoffRecord, text: string, progress: Progress): Promise<boolean> {
    const a = readRating(text);
    if (a?.kind === 'skip') return this.close(ctx, record, msg(ctx, 'handoff.rating.skipped'));
    if (a?.kind === 'score' && !a.remark) return this.score(ctx, record, a.score);
    // 「帮我约科目二」, 「我扣了几分？」: the citizen moved on; the offer ends and the bot answers.
    if (this.requests(ctx, text)) return this.letGo(record);
    if (a?.kind === 'score') return this.score(ctx, record, a.score, text);
    if (progress.failures >= 1) return this.letGo(record);
    await this.save(record.id, { failures: progress.failures + 1, done: false });
    await ctx.sendActivity(ratingQuestion(localeOf(ctx), { retry: true }));
    return true;
  }

  /** Records the score; with a remark in the same message (「不满意，等了半小时」) that is the comment. */
  private async score(ctx: TurnContext, record: HandoffRecord, score: Score, remark?: string): Promise<boolean> {
    if (!(await this.ratings.rate(record, score))) return this.alreadyRated(ctx, record);
    if (remark === undefined) {
      await ctx.sendActivity(msg(ctx, 'handoff.rating.askComment', { score }));
      return true;
    }
    await this.ratings.commentRating(record, masked(remark));
    return this.close(ctx, record, msg(ctx, 'handoff.rating.savedWithComment', { score }));
  }

  private async comment(ctx: TurnContext, record: HandoffRecord, text: string): Promise<boolean> {
    if (saysSkip(text)) return this.close(ctx, record, msg(ctx, 'handoff.rating.commentSkipped'));
    const a = readRating(text);
    if (a?.kind === 'score' && !a.remark) return this.alreadyRated(ctx, record);
    if (this.requests(ctx, text)) return this.letGo(record);
    const saved = await this.ratings.commentRating(record, masked(text));
    return this.close(ctx, record, msg(ctx, saved ? 'handoff.rating.commentSaved' : 'handoff.rating.alreadyCommented'));
  }

  private async alreadyRated(ctx: TurnContext, record: HandoffRecord): Promise<boolean> {
    // The record read at the start of the turn may predate a score another process just recorded.
    const rating = record.rating ?? (await this.ratings.latestFor(record.conversationKey))?.rating;
    if (!rating) return this.letGo(record);
    return this.close(ctx, record, msg(ctx, 'handoff.rating.alreadyRated', { score: rating.score }));
  }

  /** Ends the rating with a reply and the way back to the services. */
  private async close(ctx: TurnContext, record: HandoffRecord, text: string): Promise<boolean> {
    await this.save(record.id, { failures: 0, done: true });
    await ctx.sendActivity(serviceButtons(ctx, `${text}${msg(ctx, 'handoff.rating.more')}${msg(ctx, 'main.menuPrompt')}`, this.menu));
    return true;
  }

  /** The citizen started a new conversation (the messenger's 「清空」): a rating asked before is no longer answered. */
  async withdraw(conversationKey: string): Promise<void> {
    const record = await this.ratings.latestFor(conversationKey);
    if (record?.ratingAskedAt !== undefined && !(await this.progress(record.id)).done) await this.letGo(record);
  }

  /** Ends the rating silently: the message is the bot's. */
  private async letGo(record: HandoffRecord): Promise<boolean> {
    await this.save(record.id, { failures: 0, done: true });
    return false;
  }

  private async progress(handoffId: string): Promise<Progress> {
    const stored = (await this.storage.read([progressKey(handoffId)]))[progressKey(handoffId)] as Partial<Progress> | undefined;
    return { failures: stored?.failures ?? 0, done: stored?.done ?? false };
  }

  private async save(handoffId: string, progress: Progress): Promise<void> {
    await this.storage.write({ [progressKey(handoffId)]: { ...progress, eTag: '*' } });
  }
}

function progressKey(handoffId: string): string {
  return `handoff/rating/${handoffId}`;
}

/** As every citizen text an agent may read: codes hidden, ID numbers, phones, plates and VINs masked. */
function masked(text: string): string {
  return maskPii(maskBareCode(text));
}
