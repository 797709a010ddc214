import { MessageFactory } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { maskCitizenMessage } from '../../../integrations/privacy/maskCitizenMessage';
import type { DialogDeps } from '../../DialogDeps';
import { localeOf, msg } from '../../i18n/turnLocale';
import type { FlowOptions } from '../../shared/FlowOptions';
import { sensitiveInputOf } from '../../shared/sensitiveInput';
import { cardText, excerpt } from './answerText';
import { ownCase } from './ownCase';

export const KNOWLEDGE_DIALOG = 'knowledge.answerDialog';
const MAIN_WATERFALL = 'knowledge.answer.main';

/** Recorded in the misunderstood inbox for the questions no card answered (admins turn groups of them into cards). */
export const UNANSWERED_INTENT = 'knowledge.question';

/**
 * A question about a rule: the card that answers it with its source, or the article when only the law text does,
 * or an honest referral (never a guess); a question about the citizen's own case is offered the transaction
 * afterwards (not during a side trip: the interrupted flow resumes instead). Ends with null: nothing was done.
 */
export class KnowledgeAnswerDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(KNOWLEDGE_DIALOG);
    this.addDialog(new WaterfallDialog(MAIN_WATERFALL, [this.answer.bind(this)]));
    this.initialDialogId = MAIN_WATERFALL;
  }

  private async answer(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    const ctx = step.context;
    const text = (step.options.text ?? ctx.activity.text ?? '').trim();
    const locale = localeOf(ctx);
    const knowledge = this.deps.knowledge;
    const urgent = knowledge.urgent(text);
    if (urgent) {
      this.deps.observe?.knowledgeAnswered('safety', urgent.topic);
      await ctx.sendActivity(cardText(ctx, knowledge, urgent));
      return step.endDialog(null);
    }
    const found = knowledge.answer(text, locale);
    if (found.kind === 'card') {
      const { card } = found.match;
      this.deps.observe?.knowledgeAnswered(card.kind === 'answer' ? 'card' : card.kind, card.topic);
      const reply = cardText(ctx, knowledge, card);
      const offer = card.offer && !step.options.sideTrip && ownCase(text) ? card.offer : undefined;
      if (offer) {
        const service = msg(ctx, `main.service.${offer}`);
        await ctx.sendActivity(MessageFactory.suggestedActions([service], `${reply}\n${msg(ctx, 'knowledge.offer', { service })}`));
      } else await ctx.sendActivity(reply);
      return step.endDialog(null);
    }
    if (found.kind === 'article') {
      const { citation, text: article } = found.match;
      this.deps.observe?.knowledgeAnswered('article', citation.law);
      await ctx.sendActivity(`${msg(ctx, 'knowledge.article', { citation: knowledge.cite([citation], locale), text: excerpt(article) })}\n${msg(ctx, 'knowledge.articleNote')}`);
      return step.endDialog(null);
    }
    this.deps.observe?.knowledgeAnswered('referred', found.nearby[0]?.card.topic ?? 'none');
    void this.deps.inbox?.record({
      text: maskCitizenMessage(text, sensitiveInputOf(ctx)), locale, intent: UNANSWERED_INTENT,
      score: found.nearby[0]?.confidence ?? 0, at: this.deps.clock.now().getTime(),
    });
    const refer = msg(ctx, 'knowledge.refer');
    if (found.nearby.length && !step.options.sideTrip) {
      await ctx.sendActivity(MessageFactory.suggestedActions(found.nearby.map((m) => m.card.title[locale]), `${refer}\n${msg(ctx, 'knowledge.nearby')}`));
    } else await ctx.sendActivity(refer);
    return step.endDialog(null);
  }
}
