import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Payment, PenaltyDecision } from '../../../integrations/platform/types';
import type { DialogDeps } from '../../DialogDeps';
import { formatDate, formatMoney } from '../../i18n/format';
import { localeOf, msg } from '../../i18n/turnLocale';
import { ask, AskPrompt } from '../../prompts/AskPrompt';
import { isRedirect } from '../../prompts/PromptDefinition';
import { runPlatform } from '../../shared/runPlatform';
import { todayOf } from '../../shared/today';
import { readDecisionNumber } from './fineInput';
import { decisionSummary, paymentParams } from './fineText';
import { newIdempotencyKey } from '../../shared/idempotencyKey';
import { FINES_PROMPTS } from './prompts';

export const DECISION_PAY_DIALOG = 'finePay.decision';
const MAIN_WATERFALL = 'finePay.decision.main';
/** Unknown decision numbers tolerated before the flow gives up and points to a person. */
const MAX_LOOKUPS = 3;

/** What paying a decision has collected (dialog state, so it survives turns and restarts). */
export interface DecisionPayState {
  decisionNumber?: string;
  /** Lookups that found no decision so far. */
  misses?: number;
  /** Idempotency key of the payment of `keyFor`, created when the citizen is asked to confirm. */
  payKey?: string;
  keyFor?: string;
  amountDueFen?: number;
  overdue?: boolean;
  dueOn?: string;
  /**
   * The citizen already agreed to pay this much now (「现在就缴纳…150.00元吗？」「是」 after handling): when the
   * platform's amount is the same, it is paid without asking again.
   */
  agreedFen?: number;
}

/**
 * Pays a penalty decision: number (pre-filled or asked, 15–16 digits), the platform's figures (fine, issued and
 * due dates, late days, late fee, total), confirmation, payment with an idempotency key kept in dialog state,
 * receipt. Ends with the Payment, or null when nothing was paid. Needs no bound identity.
 */
export class DecisionPayDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(DECISION_PAY_DIALOG);
    const number = (_ctx: unknown, text: string): string | undefined => readDecisionNumber(text, todayOf(this.deps.clock));
    this.addDialog(new AskPrompt(FINES_PROMPTS.payNumber, deps, { read: number }));
    // A decision number at the confirmation: the citizen means that decision (never a yes to the one shown).
    this.addDialog(new AskPrompt(FINES_PROMPTS.payConfirm, deps, {
      slots: (ctx, text) => {
        const dn = number(ctx, text);
        return dn ? { decisionNumber: dn } : undefined;
      },
    }));
    this.addDialog(new WaterfallDialog(MAIN_WATERFALL, [
      this.askNumber.bind(this),
      this.showDecision.bind(this),
      this.pay.bind(this),
    ]));
    this.initialDialogId = MAIN_WATERFALL;
  }

  private async askNumber(step: WaterfallStepContext<DecisionPayState>): Promise<DialogTurnResult> {
    if (step.options.decisionNumber) return step.next();
    return ask(step, FINES_PROMPTS.payNumber, {
      prompt: msg(step.context, step.options.misses ? 'fine.pay.askNumberAgain' : 'fine.pay.askNumber'),
      retryPrompt: msg(step.context, 'fine.pay.badNumber'),
    });
  }

  private async showDecision(step: WaterfallStepContext<DecisionPayState>): Promise<DialogTurnResult> {
    const state = step.options;
    const today = todayOf(this.deps.clock);
    const dn = state.decisionNumber ?? readDecisionNumber(typeof step.result === 'string' ? step.result : '', today) ?? '';
    state.decisionNumber = dn;
    const found = await runPlatform(step.context, () => this.deps.platform.violations.decision(dn));
    if (!found.ok) {
      if (found.error.code !== 'NOT_FOUND') return step.endDialog(null);
      const misses = (state.misses ?? 0) + 1;
      if (misses >= MAX_LOOKUPS) {
        await step.context.sendActivity(msg(step.context, 'fine.pay.giveUp'));
        return step.endDialog(null);
      }
      return step.replaceDialog(MAIN_WATERFALL, { misses });
    }
    const d: PenaltyDecision = found.value;
    const locale = localeOf(step.context);
    if (d.status === 'paid' && d.payment) {
      await step.context.sendActivity(msg(step.context, 'fine.pay.alreadyPaid', paymentParams(locale, d.payment)));
      return step.endDialog(d.payment);
    }
    if (state.keyFor !== dn || !state.payKey) {
      state.payKey = newIdempotencyKey('pay');
      state.keyFor = dn;
    }
    state.amountDueFen = d.amountDueFen;
    state.overdue = d.lateDays > 0;
    state.dueOn = d.dueOn;
    const total = formatMoney(locale, d.amountDueFen);
    const summary = decisionSummary(locale, d, today.slice(0, 4));
    if (state.agreedFen === d.amountDueFen) {
      await step.context.sendActivity(summary);
      return step.next(true);
    }
    return ask(step, FINES_PROMPTS.payConfirm, {
      prompt: `${summary}\n${msg(step.context, 'fine.pay.confirm', { total, decisionNumber: dn })}`,
      retryPrompt: msg(step.context, 'fine.pay.confirmRetry', { total, decisionNumber: dn }),
    });
  }

  private async pay(step: WaterfallStepContext<DecisionPayState>): Promise<DialogTurnResult> {
    const state = step.options;
    const dn = state.decisionNumber ?? '';
    const locale = localeOf(step.context);
    const named = isRedirect(step.result) && step.result.redirect === 'correct' ? step.result.slots.decisionNumber : undefined;
    if (named) {
      // A decision number at the confirmation: show that decision and ask about it by its number (the same one: ask again).
      const again: DecisionPayState = named === dn ? { decisionNumber: dn, payKey: state.payKey, keyFor: state.keyFor } : { decisionNumber: named };
      return step.replaceDialog(MAIN_WATERFALL, again);
    }
    if (step.result !== true) {
      await step.context.sendActivity(state.overdue
        ? msg(step.context, 'fine.pay.notPaidOverdue', { decisionNumber: dn })
        : msg(step.context, 'fine.pay.notPaid', { decisionNumber: dn, due: formatDate(locale, state.dueOn ?? '') }));
      return step.endDialog(null);
    }
    const key = state.payKey ?? newIdempotencyKey('pay');
    const paid = await runPlatform(step.context, () => this.deps.platform.violations.pay(dn, state.amountDueFen ?? 0, key));
    if (!paid.ok) {
      // The amount changed since it was shown (e.g. midnight passed): show the new figures and ask again.
      if (paid.error.code === 'AMOUNT_MISMATCH') {
        return step.replaceDialog(MAIN_WATERFALL, { decisionNumber: dn, payKey: key, keyFor: dn });
      }
      return step.endDialog(null);
    }
    const payment: Payment = paid.value;
    await step.context.sendActivity(msg(step.context, payment.replayed ? 'fine.pay.replayed' : 'fine.pay.receipt', paymentParams(locale, payment)));
    return step.endDialog(payment);
  }
}
