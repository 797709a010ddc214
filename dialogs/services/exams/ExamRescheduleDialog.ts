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
import { todayOf } from '../../shared/today';
import { stillCancellable } from './bookingStatus';
import { EXAM_BOOK_DIALOG, ExamBookDialog } from './ExamBookDialog';
import type { ExamBookOptions } from './ExamBookState';
import { bookingLine } from './examText';
import { activeBookingsFor, readBookingBySubject } from './pickBooking';
import { EXAM_PROMPTS } from './prompts';

export const EXAM_RESCHEDULE_DIALOG = 'examRescheduleDialog';
const MAIN = 'examReschedule.main';

/** What the reschedule flow keeps between turns. */
export interface ExamRescheduleState extends FlowOptions {
  offered?: ExamBooking[];
}

type Step = WaterfallStepContext<ExamRescheduleState>;

/**
 * Moves an exam booking (改约) as one flow: bound identity, the booking (by its subject or the only one), then the booking
 * flow with that booking to replace — new date and slot (a half-day or date said up front is used), confirmation
 * 「取消X，改约Y」 — and the platform books the new slot first and cancels the old one only when that succeeded.
 * Ends with the new ExamBooking, or null (the old booking is then unchanged).
 */
export class ExamRescheduleDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(EXAM_RESCHEDULE_DIALOG);
    this.addDialog(new BindingDialog(deps));
    this.addDialog(new ExamBookDialog(deps));
    this.addDialog(new AskPrompt(EXAM_PROMPTS.reschedulePick, deps, { read: readBookingBySubject(() => todayOf(deps.clock)) }));
    this.addDialog(new WaterfallDialog<ExamRescheduleState>(MAIN, [
      ensureBoundStep<ExamRescheduleState>(deps), this.pick.bind(this), this.move.bind(this), this.finish.bind(this),
    ]));
    this.initialDialogId = MAIN;
  }

  private async pick(step: Step): Promise<DialogTurnResult> {
    const binding = boundResult(step);
    if (!binding) return step.endDialog(null);
    const ctx = step.context;
    const found = await activeBookingsFor(ctx, this.deps, binding.idNumber, step.options, 'exam.reschedule.none');
    if (!found) return step.endDialog(null);
    const { active, named } = found;
    step.options.offered = active;
    if (named) return step.next({ value: named.booking.bookingId, index: named.index, score: 1 });
    const today = todayOf(this.deps.clock);
    return ask(step, EXAM_PROMPTS.reschedulePick, {
      prompt: msg(ctx, 'exam.reschedule.pick'), retryPrompt: msg(ctx, 'exam.cancel.badPick'),
      choices: active.map((b) => ({ value: bookingLine(ctx, b, today) })),
      validations: { subjects: active.map((b) => b.subject) },
    });
  }

  private async move(step: Step): Promise<DialogTurnResult> {
    if (isRedirect(step.result)) return step.endDialog(null);
    const booking = (step.options.offered ?? [])[(step.result as FoundChoice).index];
    if (!booking) return step.endDialog(null);
    if (!stillCancellable(booking, this.deps.clock)) {
      await step.context.sendActivity(msg(step.context, 'exam.reschedule.tooLate'));
      await step.context.sendActivity(msg(step.context, 'exam.cancel.tooLateHelp'));
      return step.endDialog(null);
    }
    // The first message's date or half-day (「改到下周一下午」) carries over; its subject names the booking, not a new one.
    return step.beginDialog(EXAM_BOOK_DIALOG, { text: step.options.text, replacing: booking } satisfies ExamBookOptions);
  }

  private async finish(step: Step): Promise<DialogTurnResult> {
    return step.endDialog((step.result as ExamBooking | null | undefined) ?? null);
  }
}
