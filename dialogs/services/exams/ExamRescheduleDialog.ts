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
import { entityValue, type FlowOptions } from '../../shared/FlowOptions';
import { runPlatform } from '../../shared/runPlatform';
import { todayOf } from '../../shared/today';
import { sortBookings, stillCancellable } from './bookingStatus';
import { EXAM_BOOK_DIALOG, ExamBookDialog } from './ExamBookDialog';
import type { ExamBookOptions } from './ExamBookState';
import { examSlotsSaid } from './examSlotsSaid';
import { bookingLine } from './examText';
import { bookingsNamed, readBookingBySubject } from './pickBooking';
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
    const listed = await runPlatform(ctx, () => this.deps.platform.exams.listBookings(binding.idNumber));
    if (!listed.ok) return step.endDialog(null);
    const { active } = sortBookings(listed.value);
    if (active.length === 0) {
      await ctx.sendActivity(msg(ctx, 'exam.reschedule.none'));
      return step.endDialog(null);
    }
    const o = step.options;
    o.offered = active;
    const subject = o.text ? examSlotsSaid(o.text, todayOf(this.deps.clock)).exam_subject : entityValue(o, 'exam_subject');
    const matching = bookingsNamed(active, subject);
    if (matching.length === 1 && matching[0]) return step.next({ value: matching[0].bookingId, index: active.indexOf(matching[0]), score: 1 });
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
