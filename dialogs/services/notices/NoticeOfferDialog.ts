import type { TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { DialogDeps } from '../../DialogDeps';
import { msg } from '../../i18n/turnLocale';
import { ask, AskPrompt } from '../../prompts/AskPrompt';
import { consentStates } from './consentStates';
import type { NoticeTopicId } from './NoticeTopic';
import { reachable } from './NoticeSettingsDialog';
import { NOTICE_PROMPTS } from './prompts';
import { readReminderAnswer } from './reminderAnswers';

export const NOTICE_OFFER_DIALOG = 'notices.offerDialog';
const MAIN = 'notices.offer.main';

/** The topics offered after a booking: asked when the first is not on yet; yes turns on all of them. */
const EXAM_TOPICS: readonly NoticeTopicId[] = ['exam-reminder', 'exam-result'];

/**
 * Whether to ask 「需要考前一天提醒你吗？」 now: notices are wired, reach this citizen (a WeChat follower) and the exam reminder
 * is not on already. A store that cannot be read means not asking (the booking is what matters here).
 */
export async function offersExamNotices(deps: DialogDeps, ctx: TurnContext): Promise<boolean> {
  const at = reachable(deps, ctx);
  if (!at) return false;
  try {
    return (await consentStates(at.notices, at.citizen))['exam-reminder'] !== 'granted';
  } catch {
    return false;
  }
}

/**
 * The consent question at the natural moment, after an exam is booked or moved: yes turns on the exam reminder and the
 * result notice (and says so), no records them as not wanted (the ones not already on) and says how to turn them on
 * later. A side question in between is answered and the question comes back (the prompt layer). Ends with null.
 */
export class NoticeOfferDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(NOTICE_OFFER_DIALOG);
    this.addDialog(new AskPrompt(NOTICE_PROMPTS.examOffer, deps, { read: (_ctx, text) => readReminderAnswer(text) }));
    this.addDialog(new WaterfallDialog(MAIN, [this.ask.bind(this), this.answered.bind(this)]));
    this.initialDialogId = MAIN;
  }

  private async ask(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const ctx = step.context;
    return ask(step, NOTICE_PROMPTS.examOffer, { prompt: msg(ctx, 'notices.offer.exam.ask'), doneSoFar: msg(ctx, 'notices.offer.exam.doneSoFar') });
  }

  private async answered(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const ctx = step.context;
    const at = reachable(this.deps, ctx);
    if (!at) return step.endDialog(null);
    const yes = step.result === true;
    try {
      const states = await consentStates(at.notices, at.citizen);
      // A no never turns off what the citizen turned on elsewhere (the result notice, say).
      const topics = yes ? EXAM_TOPICS : EXAM_TOPICS.filter((t) => states[t] !== 'granted');
      if (topics.length) await at.notices.set(at.citizen, topics, yes ? 'granted' : 'revoked');
    } catch {
      await ctx.sendActivity(msg(ctx, 'notices.saveFailed'));
      return step.endDialog(null);
    }
    await ctx.sendActivity(msg(ctx, yes ? 'notices.offer.exam.yes' : 'notices.offer.exam.no'));
    return step.endDialog(null);
  }
}
