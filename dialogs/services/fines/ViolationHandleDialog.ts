import {
  ComponentDialog, WaterfallDialog,
  type Choice, type DialogTurnResult, type FoundChoice, type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { PenaltyDecision, Violation } from '../../../integrations/platform/types';
import type { DialogDeps } from '../../DialogDeps';
import { BindingDialog } from '../../identity/BindingDialog';
import { boundResult, ensureBoundStep } from '../../identity/ensureBound';
import { formatDate, formatMoney } from '../../i18n/format';
import { localeOf, msg } from '../../i18n/turnLocale';
import { ask, AskPrompt } from '../../prompts/AskPrompt';
import { isRedirect } from '../../prompts/PromptDefinition';
import { channelUserId } from '../../shared/channelUserId';
import { runPlatform } from '../../shared/runPlatform';
import { todayOf } from '../../shared/today';
import { decisionLabel, kindText, pointsText, refusalText, violationChoices } from './fineText';
import { newIdempotencyKey } from '../../shared/idempotencyKey';
import { decisionsOf } from './decisions';
import { FINES_PROMPTS } from './prompts';

export const VIOLATION_HANDLE_DIALOG = 'finePay.handle';
const MAIN_WATERFALL = 'finePay.handle.main';

/** What handling a violation has collected (dialog state). */
export interface ViolationHandleState {
  /** Only violations and decisions of this plate are offered. */
  plate?: string;
  /** A violation chosen before the flow started (from a lookup): no list is shown. */
  violationId?: string;
  /** Violations already explained as not handleable online in this conversation. */
  skip?: string[];
  chosen?: string;
  /** Idempotency key of the handling of `chosen`, created when the citizen is asked to confirm. */
  handleKey?: string;
  decisionNumber?: string;
  /** What the new decision asks to be paid (shown when offering to pay it now). */
  amountFen?: number;
}

/**
 * How the handling flow ended: a decision the citizen wants to pay now (`handled`: issued by this handling), a
 * decision issued now and not to be paid now, or nothing more to do.
 */
export type ViolationHandleResult = { payDecision: string; agreedFen?: number; handled?: true } | { handledUnpaid: string } | null;

type Item = { kind: 'violation'; id: string } | { kind: 'decision'; decisionNumber: string } | { kind: 'later' };
/** Kept in the waterfall's values between listing and the answer. */
interface ItemValues {
  items?: Item[];
}

/**
 * Handles an unprocessed violation online (simple procedure): ensure bound, list the citizen's unprocessed
 * violations and unpaid decisions (of one plate when given), explain one that needs a counter, confirm (fine,
 * points), handle with an idempotency key, show the decision and offer to pay it now.
 */
export class ViolationHandleDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(VIOLATION_HANDLE_DIALOG);
    this.addDialog(new BindingDialog(deps));
    this.addDialog(new AskPrompt(FINES_PROMPTS.handleItem, deps));
    this.addDialog(new AskPrompt(FINES_PROMPTS.handleConfirm, deps));
    this.addDialog(new AskPrompt(FINES_PROMPTS.handlePayNow, deps));
    this.addDialog(new WaterfallDialog(MAIN_WATERFALL, [
      ensureBoundStep<ViolationHandleState>(deps),
      this.listItems.bind(this),
      this.confirmItem.bind(this),
      this.handle.bind(this),
      this.payNow.bind(this),
    ]));
    this.initialDialogId = MAIN_WATERFALL;
  }

  /**
   * The bound citizen's ID number, read from the platform each time rather than kept in conversation state;
   * undefined when the platform failed (the citizen has been told, with the offer of a person).
   */
  private async boundIdNumber(step: WaterfallStepContext<ViolationHandleState>): Promise<string | undefined> {
    const found = await runPlatform(step.context, () => this.deps.platform.identity.getBinding(channelUserId(step.context)));
    return found.ok ? found.value?.idNumber ?? '' : undefined;
  }

  private async unpaidDecisions(violations: readonly Violation[]): Promise<PenaltyDecision[]> {
    return [...(await decisionsOf(this.deps.platform, violations)).values()].filter((d) => d.status === 'unpaid');
  }

  private async listItems(step: WaterfallStepContext<ViolationHandleState>): Promise<DialogTurnResult> {
    const state = step.options;
    const binding = boundResult(step);
    if (!binding) return step.endDialog(null);
    const listed = await runPlatform(step.context, () => this.deps.platform.violations.byOwner(binding.idNumber));
    if (!listed.ok) return step.endDialog(null);
    const mine = listed.value.filter((v) => !state.plate || v.plate === state.plate);
    const open = mine.filter((v) => v.status === 'unprocessed' && !(state.skip ?? []).includes(v.violationId));
    const unpaid = await this.unpaidDecisions(mine);
    if (state.violationId) {
      const wanted = state.violationId;
      state.violationId = undefined;
      if (open.some((v) => v.violationId === wanted)) return step.next({ kind: 'violation', id: wanted } satisfies Item);
      await step.context.sendActivity(msg(step.context, 'fine.handle.notYours'));
    }
    if (open.length === 0 && unpaid.length === 0) {
      // After a refusal that was just explained, there is nothing more to say.
      if (state.skip?.length) return step.endDialog(null);
      await step.context.sendActivity(state.plate
        ? msg(step.context, 'fine.handle.nothingPlate', { plate: state.plate })
        : msg(step.context, 'fine.handle.nothing'));
      return step.endDialog(null);
    }
    if (open.length === 1 && unpaid.length === 0 && !state.skip?.length) {
      return step.next({ kind: 'violation', id: open[0]?.violationId ?? '' } satisfies Item);
    }
    const locale = localeOf(step.context);
    const thisYear = todayOf(this.deps.clock).slice(0, 4);
    const items: Item[] = [
      ...open.map((v): Item => ({ kind: 'violation', id: v.violationId })),
      ...unpaid.map((d): Item => ({ kind: 'decision', decisionNumber: d.decisionNumber })),
      { kind: 'later' },
    ];
    const choices: Choice[] = [
      ...violationChoices(locale, open, thisYear),
      ...unpaid.map((d) => ({ value: decisionLabel(locale, d) })),
      { value: msg(step.context, 'fine.handle.later'), synonyms: msg(step.context, 'fine.handle.laterSynonyms').split('|') },
    ];
    (step.values as ItemValues).items = items;
    let prompt = msg(step.context, 'fine.handle.ask');
    if (state.skip?.length) prompt = msg(step.context, 'fine.handle.askAgain');
    else if (state.plate) prompt = msg(step.context, 'fine.handle.askPlate', { plate: state.plate });
    return ask(step, FINES_PROMPTS.handleItem, { prompt, retryPrompt: msg(step.context, 'fine.handle.retry'), choices });
  }

  private async confirmItem(step: WaterfallStepContext<ViolationHandleState>): Promise<DialogTurnResult> {
    const state = step.options;
    const found = step.result as FoundChoice | Item | undefined;
    const item: Item | undefined = !found || isRedirect(found) ? undefined : 'kind' in found ? found : (step.values as ItemValues).items?.[found.index];
    if (!item || item.kind === 'later') {
      await step.context.sendActivity(msg(step.context, 'fine.handle.dropped'));
      return step.endDialog(null);
    }
    if (item.kind === 'decision') return step.endDialog({ payDecision: item.decisionNumber } satisfies ViolationHandleResult);
    const idNumber = await this.boundIdNumber(step);
    if (idNumber === undefined) return step.endDialog(null);
    const listed = await runPlatform(step.context, () => this.deps.platform.violations.byOwner(idNumber));
    if (!listed.ok) return step.endDialog(null);
    const v = listed.value.find((x) => x.violationId === item.id);
    if (!v || v.status !== 'unprocessed') return step.replaceDialog(MAIN_WATERFALL, { ...state, violationId: undefined });
    const locale = localeOf(step.context);
    if (!v.onlineHandling?.allowed) {
      const reason = v.onlineHandling?.reason;
      await step.context.sendActivity(reason ? refusalText(locale, reason) : msg(step.context, 'error.NOT_SIMPLE_PROCEDURE'));
      await step.context.sendActivity(msg(step.context, 'fine.handle.needPerson'));
      return step.replaceDialog(MAIN_WATERFALL, { plate: state.plate, skip: [...(state.skip ?? []), v.violationId] });
    }
    if (state.chosen !== v.violationId || !state.handleKey) {
      state.chosen = v.violationId;
      state.handleKey = newIdempotencyKey('handle');
    }
    return ask(step, FINES_PROMPTS.handleConfirm, {
      prompt: msg(step.context, 'fine.handle.confirm', {
        date: formatDate(locale, v.occurredOn, todayOf(this.deps.clock).slice(0, 4)),
        plate: v.plate,
        place: v.location,
        what: kindText(locale, v.kind),
        fine: formatMoney(locale, v.fineFen),
        points: pointsText(locale, v.points),
      }),
      retryPrompt: msg(step.context, 'fine.handle.confirmRetry'),
    });
  }

  private async handle(step: WaterfallStepContext<ViolationHandleState>): Promise<DialogTurnResult> {
    const state = step.options;
    // 「返回上一步」: the list again.
    if (isRedirect(step.result) && step.result.redirect === 'back') {
      return step.replaceDialog(MAIN_WATERFALL, { plate: state.plate, skip: state.skip } satisfies ViolationHandleState);
    }
    if (step.result !== true) {
      await step.context.sendActivity(msg(step.context, 'fine.handle.notDone'));
      return step.endDialog(null);
    }
    const key = state.handleKey ?? newIdempotencyKey('handle');
    const idNumber = await this.boundIdNumber(step);
    if (idNumber === undefined) return step.endDialog(null);
    const handled = await runPlatform(step.context, () => this.deps.platform.violations.handle(idNumber, state.chosen ?? '', key));
    if (!handled.ok) {
      const { code, details } = handled.error;
      if (code === 'NOT_SIMPLE_PROCEDURE') await step.context.sendActivity(msg(step.context, 'fine.handle.needPerson'));
      if (code !== 'ALREADY_HANDLED' || typeof details.decisionNumber !== 'string') return step.endDialog(null);
      state.decisionNumber = details.decisionNumber;
    } else {
      const d = handled.value;
      const locale = localeOf(step.context);
      state.decisionNumber = d.decisionNumber;
      state.amountFen = d.amountDueFen;
      await step.context.sendActivity(msg(step.context, 'fine.handle.done', {
        decisionNumber: d.decisionNumber,
        fine: formatMoney(locale, d.fineFen),
        points: pointsText(locale, d.points),
        due: formatDate(locale, d.dueOn, todayOf(this.deps.clock).slice(0, 4)),
      }));
    }
    const locale = localeOf(step.context);
    return ask(step, FINES_PROMPTS.handlePayNow, {
      prompt: state.amountFen === undefined
        ? msg(step.context, 'fine.handle.payNow')
        : msg(step.context, 'fine.handle.payNowAmount', { amount: formatMoney(locale, state.amountFen) }),
      doneSoFar: msg(step.context, 'fine.handle.doneSoFar', { decisionNumber: state.decisionNumber ?? '' }),
      retryPrompt: msg(step.context, 'fine.handle.payNowRetry'),
    });
  }

  private async payNow(step: WaterfallStepContext<ViolationHandleState>): Promise<DialogTurnResult> {
    const dn = step.options.decisionNumber ?? '';
    if (step.result === true) {
      return step.endDialog({ payDecision: dn, agreedFen: step.options.amountFen, handled: true } satisfies ViolationHandleResult);
    }
    await step.context.sendActivity(msg(step.context, 'fine.handle.payLater', { decisionNumber: dn }));
    return step.endDialog({ handledUnpaid: dn } satisfies ViolationHandleResult);
  }
}
