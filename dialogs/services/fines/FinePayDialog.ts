import {
  ComponentDialog, WaterfallDialog,
  type DialogTurnResult, type FoundChoice, type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { DialogDeps } from '../../DialogDeps';
import { msg } from '../../i18n/turnLocale';
import { entityValue, type FlowOptions } from '../../shared/FlowOptions';
import { DECISION_PAY_DIALOG, DecisionPayDialog, type DecisionPayState } from './DecisionPayDialog';
import { VIOLATION_HANDLE_DIALOG, ViolationHandleDialog, type ViolationHandleResult, type ViolationHandleState } from './ViolationHandleDialog';
import { ask, AskPrompt } from '../../prompts/AskPrompt';
import { isRedirect } from '../../prompts/PromptDefinition';
import { FINES_PROMPTS } from './prompts';
import { isOtherProvince } from './fineInput';
import { NOTICE_OFFER_DIALOG, NoticeOfferDialog, offersNotices, type NoticeOfferOptions } from '../notices/NoticeOfferDialog';

export const FINE_PAY_DIALOG = 'finePayDialog';
const MAIN_WATERFALL = 'finePay.main';

export type FinePayPath = 'pay' | 'handle';

/**
 * Options of FinePayDialog: the entities of the citizen's message (decision_number → pay that decision;
 * plate_number → handle that plate's violations), or an explicit path, e.g. from a violation lookup.
 */
export interface FinePayOptions extends FlowOptions {
  path?: FinePayPath;
  /** Handle this violation (skips the list). */
  violationId?: string;
  /** Pay this decision (skips asking for the number). */
  decisionNumber?: string;
}

const PATHS: readonly FinePayPath[] = ['handle', 'pay'];

function isPayRequest(r: unknown): r is Extract<ViolationHandleResult, { payDecision: string }> {
  return typeof r === 'object' && r !== null && 'payDecision' in r && typeof r.payDecision === 'string';
}

function isHandledUnpaid(r: unknown): r is Extract<ViolationHandleResult, { handledUnpaid: string }> {
  return typeof r === 'object' && r !== null && 'handledUnpaid' in r && typeof r.handledUnpaid === 'string';
}

/** Kept in the waterfall's values: the decision this flow's handling issued (offered a deadline reminder when left unpaid). */
interface PayValues {
  handled?: string;
}

/**
 * Fines: (a) pay a penalty decision by its number, with the late fee the platform computes; (b) handle an
 * unprocessed violation online (simple procedure) and then, if the citizen wishes, pay the new decision.
 * Ends with the Payment made, or null.
 */
export class FinePayDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(FINE_PAY_DIALOG);
    this.addDialog(new AskPrompt(FINES_PROMPTS.payPath, deps));
    this.addDialog(new DecisionPayDialog(deps));
    this.addDialog(new ViolationHandleDialog(deps));
    this.addDialog(new NoticeOfferDialog(deps));
    this.addDialog(new WaterfallDialog(MAIN_WATERFALL, [
      this.choosePath.bind(this),
      this.startPath.bind(this),
      this.afterPath.bind(this),
      this.offerReminder.bind(this),
      this.finish.bind(this),
    ]));
    this.initialDialogId = MAIN_WATERFALL;
  }

  private async choosePath(step: WaterfallStepContext<FinePayOptions>): Promise<DialogTurnResult> {
    const o = step.options;
    if (o.decisionNumber || entityValue(o, 'decision_number') || o.path === 'pay') return step.next('pay');
    const plate = entityValue(o, 'plate_number');
    if (plate && isOtherProvince(plate) && !o.violationId) {
      await step.context.sendActivity(msg(step.context, 'fine.query.otherProvince', { plate }));
      return step.endDialog(null);
    }
    if (o.path === 'handle' || o.violationId || plate) return step.next('handle');
    return ask(step, FINES_PROMPTS.payPath, {
      prompt: msg(step.context, 'fine.path.ask'),
      retryPrompt: msg(step.context, 'fine.path.retry'),
      choices: [{ value: msg(step.context, 'fine.path.handle') }, { value: msg(step.context, 'fine.path.pay') }],
    });
  }

  private async startPath(step: WaterfallStepContext<FinePayOptions>): Promise<DialogTurnResult> {
    const o = step.options;
    if (isRedirect(step.result)) return step.replaceDialog(MAIN_WATERFALL, {});
    const path = typeof step.result === 'string' ? step.result : PATHS[(step.result as FoundChoice).index];
    if (path === 'pay') {
      const decisionNumber = o.decisionNumber ?? entityValue(o, 'decision_number');
      return step.beginDialog(DECISION_PAY_DIALOG, { decisionNumber } satisfies DecisionPayState);
    }
    return step.beginDialog(VIOLATION_HANDLE_DIALOG, {
      plate: entityValue(o, 'plate_number'), violationId: o.violationId,
    } satisfies ViolationHandleState);
  }

  private async afterPath(step: WaterfallStepContext<FinePayOptions>): Promise<DialogTurnResult> {
    const values = step.values as PayValues;
    if (isPayRequest(step.result)) {
      const { payDecision, agreedFen, handled } = step.result;
      if (handled) values.handled = payDecision;
      return step.beginDialog(DECISION_PAY_DIALOG, { decisionNumber: payDecision, agreedFen } satisfies DecisionPayState);
    }
    if (isHandledUnpaid(step.result)) {
      values.handled = step.result.handledUnpaid;
      return step.next(null);
    }
    return step.next(step.result);
  }

  /**
   * A violation handled in this flow whose decision was not paid (「先不缴」, or no at the payment): 「要在开始加处罚款前
   * 三天提醒你缴款吗？」 when notices reach the citizen and the fine deadline was never answered. The flow's result is kept.
   */
  private async offerReminder(step: WaterfallStepContext<FinePayOptions>): Promise<DialogTurnResult> {
    const decisionNumber = (step.values as PayValues).handled;
    const result: unknown = step.result ?? null;
    (step.values as { result?: unknown }).result = result;
    if (!decisionNumber || result !== null || step.options.sideTrip || !(await offersNotices(this.deps, step.context, 'fine'))) return step.next(result);
    return step.beginDialog(NOTICE_OFFER_DIALOG, { offer: 'fine', params: { decisionNumber } } satisfies NoticeOfferOptions);
  }

  private async finish(step: WaterfallStepContext<FinePayOptions>): Promise<DialogTurnResult> {
    return step.endDialog((step.values as { result?: unknown }).result ?? null);
  }
}
