import {
  ComponentDialog, WaterfallDialog, type DialogTurnResult, type FoundChoice, type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { ExamBooking } from '../../../integrations/platform/types';
import type { DialogDeps } from '../../DialogDeps';
import { BindingDialog } from '../../identity/BindingDialog';
import { boundResult, ensureBoundStep } from '../../identity/ensureBound';
import { msg } from '../../i18n/turnLocale';
import { ask, AskPrompt } from '../../prompts/AskPrompt';
import { isRedirect } from '../../prompts/PromptDefinition';
import type { FlowOptions } from '../../shared/FlowOptions';
import { runPlatform } from '../../shared/runPlatform';
import { todayOf } from '../../shared/today';
import { stillCancellable } from './bookingStatus';
import { activeBookingsFor, readBookingBySubject } from './pickBooking';
import { EXAM_PROMPTS } from './prompts';
import { bookingLine, lastCancelDay, ruleMessage, showDate, showSubject } from './examText';

export const EXAM_CANCEL_DIALOG = 'examCancelDialog';
const MAIN = 'examCancel.main';
const CONFIRM_LOOP = 'examCancel.confirm';

/** What the cancel flow keeps between turns. */
export interface ExamCancelState {
  idNumber?: string;
  /** The active bookings offered in the pick question. */
  offered?: ExamBooking[];
  booking?: ExamBooking;
  retry?: boolean;
}

type MainStep = WaterfallStepContext<ExamCancelState & FlowOptions>;
type Step = WaterfallStepContext<ExamCancelState>;

/**
 * Cancels an exam booking: bound identity, the booking (pre-filled when an exam_subject entity matches exactly
 * one active booking, or when there is only one), confirmation, cancellation, summary. Past the deadline
 * (24:00 the day before the exam) it explains why it cannot and points to a person. Accepts FlowOptions;
 * ends with the cancelled ExamBooking, or null.
 */
export class ExamCancelDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(EXAM_CANCEL_DIALOG);
    this.addDialog(new BindingDialog(deps));
    this.addDialog(new AskPrompt(EXAM_PROMPTS.cancelPick, deps, { read: readBookingBySubject(() => todayOf(deps.clock)) }));
    this.addDialog(new AskPrompt(EXAM_PROMPTS.cancelConfirm, deps));
    this.addDialog(new WaterfallDialog<ExamCancelState & FlowOptions>(MAIN, [
      ensureBoundStep<ExamCancelState & FlowOptions>(deps), this.pick.bind(this), this.afterPick.bind(this),
    ]));
    this.addDialog(new WaterfallDialog<ExamCancelState>(CONFIRM_LOOP, [this.askConfirm.bind(this), this.cancel.bind(this)]));
    this.initialDialogId = MAIN;
  }

  private async pick(step: MainStep): Promise<DialogTurnResult> {
    const binding = boundResult(step);
    if (!binding) return step.endDialog(null);
    const ctx = step.context;
    const found = await activeBookingsFor(ctx, this.deps, binding.idNumber, step.options, 'exam.cancel.none');
    if (!found) return step.endDialog(null);
    const { active, named, subject } = found;
    step.options.idNumber = binding.idNumber;
    step.options.offered = active;
    if (named) return step.next({ value: named.booking.bookingId, index: named.index, score: 1 });
    if (subject) {
      await ctx.sendActivity(msg(ctx, 'exam.cancel.noneForSubject', { subject: showSubject(ctx, Number(subject) as ExamBooking['subject']) }));
    }
    const today = todayOf(this.deps.clock);
    return ask(step, EXAM_PROMPTS.cancelPick, {
      prompt: msg(ctx, 'exam.cancel.pick'), retryPrompt: msg(ctx, 'exam.cancel.badPick'),
      choices: active.map((b) => ({ value: bookingLine(ctx, b, today) })),
      validations: { subjects: active.map((b) => b.subject) },
    });
  }

  private async afterPick(step: MainStep): Promise<DialogTurnResult> {
    if (isRedirect(step.result)) return step.endDialog(null);
    const found = step.result as FoundChoice;
    const booking = (step.options.offered ?? [])[found.index];
    if (!booking) return step.endDialog(null);
    return step.replaceDialog(CONFIRM_LOOP, { idNumber: step.options.idNumber, booking } satisfies ExamCancelState);
  }

  private async askConfirm(step: Step): Promise<DialogTurnResult> {
    const { booking, retry } = step.options;
    const ctx = step.context;
    if (!booking) return step.endDialog(null);
    const today = todayOf(this.deps.clock);
    if (!stillCancellable(booking, this.deps.clock)) {
      await ctx.sendActivity(ruleMessage(ctx, {
        code: 'CANCEL_TOO_LATE',
        details: { deadline: booking.cancellableUntil, lastCancelDate: lastCancelDay(booking.cancellableUntil), examDate: booking.date },
      }));
      await ctx.sendActivity(msg(ctx, 'exam.cancel.tooLateHelp'));
      return step.endDialog(null);
    }
    const summary = msg(ctx, 'exam.cancel.confirm', {
      booking: bookingLine(ctx, booking, today),
      lastCancelDate: showDate(ctx, lastCancelDay(booking.cancellableUntil), today),
    });
    return ask(step, EXAM_PROMPTS.cancelConfirm, {
      prompt: retry ? `${msg(ctx, 'exam.confirmRetry')}\n${summary}` : summary,
      doneSoFar: msg(ctx, 'exam.cancel.keptNote'),
    });
  }

  private async cancel(step: Step): Promise<DialogTurnResult> {
    const { idNumber, booking } = step.options;
    const ctx = step.context;
    if (step.result !== true || !idNumber || !booking) {
      await ctx.sendActivity(msg(ctx, 'exam.cancel.kept'));
      return step.endDialog(null);
    }
    const cancelled = await runPlatform(ctx, () => this.deps.platform.exams.cancel(idNumber, booking.bookingId));
    if (cancelled.ok) {
      await ctx.sendActivity(msg(ctx, 'exam.cancel.done', { booking: bookingLine(ctx, cancelled.value, todayOf(this.deps.clock)) }));
      return step.endDialog(cancelled.value);
    }
    if (cancelled.error.code === 'CANCEL_TOO_LATE') await ctx.sendActivity(msg(ctx, 'exam.cancel.tooLateHelp'));
    else if (cancelled.error.retryable) return step.replaceDialog(CONFIRM_LOOP, { ...step.options, retry: true });
    return step.endDialog(null);
  }
}
