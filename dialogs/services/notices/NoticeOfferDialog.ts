import type { TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { DialogDeps } from '../../DialogDeps';
import { msg } from '../../i18n/turnLocale';
import { ask, AskPrompt } from '../../prompts/AskPrompt';
import { consentStates } from './consentStates';
import { reachable } from './NoticeSettingsDialog';
import { NOTICE_OFFERS, type NoticeOfferId } from './offers';
import { readReminderAnswer } from './reminderAnswers';

export const NOTICE_OFFER_DIALOG = 'notices.offerDialog';
const MAIN = 'notices.offer.main';

/** What a flow passes when it begins the offer: which one, and the parameters of its texts ({date}, {decisionNumber}). */
export interface NoticeOfferOptions {
  offer: NoticeOfferId;
  params?: Record<string, string>;
}

/**
 * Whether to ask this offer now: notices are wired, reach this citizen (a WeChat follower) and the offer's first topic
 * was never answered (on already: nothing to ask; a no before: not asked again). A store that cannot be read means
 * not asking (the flow's outcome is what matters here).
 */
export async function offersNotices(deps: DialogDeps, ctx: TurnContext, offer: NoticeOfferId): Promise<boolean> {
  const at = reachable(deps, ctx);
  if (!at) return false;
  try {
    return (await consentStates(at.notices, at.citizen))[NOTICE_OFFERS[offer].topics[0]] === 'unset';
  } catch {
    return false;
  }
}

/**
 * The consent question at the natural moment (offers.ts: after an exam booking, a handled but unpaid violation, a
 * reserved plate, a bound owner's lookup): yes turns on the offer's topics (and says so), no records the ones not
 * already on as not wanted and says how to turn them on later. 「提醒我」「不用提醒」 are read in the question's own
 * words, the rest by the act model; a side question in between is answered and the question comes back (the prompt
 * layer). Ends with null.
 */
export class NoticeOfferDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(NOTICE_OFFER_DIALOG);
    for (const offer of Object.values(NOTICE_OFFERS)) {
      this.addDialog(new AskPrompt(offer.prompt, deps, { read: (_ctx, text) => readReminderAnswer(text) }));
    }
    this.addDialog(new WaterfallDialog(MAIN, [this.ask.bind(this), this.answered.bind(this)]));
    this.initialDialogId = MAIN;
  }

  private async ask(step: WaterfallStepContext<NoticeOfferOptions>): Promise<DialogTurnResult> {
    const ctx = step.context;
    const { offer, params } = step.options;
    const { prompt, messages } = NOTICE_OFFERS[offer];
    return ask(step, prompt, { prompt: msg(ctx, messages.ask, params), doneSoFar: msg(ctx, messages.doneSoFar, params) });
  }

  private async answered(step: WaterfallStepContext<NoticeOfferOptions>): Promise<DialogTurnResult> {
    const ctx = step.context;
    const { topics, messages } = NOTICE_OFFERS[step.options.offer];
    const at = reachable(this.deps, ctx);
    if (!at) return step.endDialog(null);
    const yes = step.result === true;
    try {
      const states = await consentStates(at.notices, at.citizen);
      // A no never turns off what the citizen turned on elsewhere (the result notice, say).
      const changing = yes ? topics : topics.filter((t) => states[t] !== 'granted');
      if (changing.length) await at.notices.set(at.citizen, changing, yes ? 'granted' : 'revoked');
    } catch {
      await ctx.sendActivity(msg(ctx, 'notices.saveFailed'));
      return step.endDialog(null);
    }
    await ctx.sendActivity(msg(ctx, yes ? messages.yes : messages.no, step.options.params));
    return step.endDialog(null);
  }
}
