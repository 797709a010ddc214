import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { DialogDeps } from '../../DialogDeps';
import { BindingDialog } from '../../identity/BindingDialog';
import { boundResult, ensureBoundStep } from '../../identity/ensureBound';
import { msg } from '../../i18n/turnLocale';
import { ask, AskPrompt } from '../../prompts/AskPrompt';
import type { FlowOptions } from '../../shared/FlowOptions';
import { runPlatform } from '../../shared/runPlatform';
import { bookingList, sortBookings, stillCancellable } from './bookingStatus';
import { EXAM_BOOK_DIALOG, ExamBookDialog } from './ExamBookDialog';
import { EXAM_PROMPTS } from './prompts';

export const EXAM_QUERY_DIALOG = 'examQueryDialog';
const MAIN = 'examQuery.main';
/** How many past bookings (cancelled, passed, failed) are shown. */
const HISTORY_SHOWN = 5;

/**
 * Lists the citizen's exam bookings: active ones first (subject, centre, date, session, cancellable until),
 * then recent history. With no active booking it offers to book one (ExamBookDialog). Accepts FlowOptions;
 * ends with the new ExamBooking when the citizen booked from here, otherwise with no result.
 */
export class ExamQueryDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(EXAM_QUERY_DIALOG);
    this.addDialog(new BindingDialog(deps));
    this.addDialog(new ExamBookDialog(deps));
    this.addDialog(new AskPrompt(EXAM_PROMPTS.bookNow, deps));
    this.addDialog(new WaterfallDialog<FlowOptions>(MAIN, [
      ensureBoundStep<FlowOptions>(deps), this.list.bind(this), this.offerBooking.bind(this), this.finish.bind(this),
    ]));
    this.initialDialogId = MAIN;
  }

  private async list(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    const binding = boundResult(step);
    if (!binding) return step.endDialog(null);
    const ctx = step.context;
    const listed = await runPlatform(ctx, () => this.deps.platform.exams.listBookings(binding.idNumber));
    if (!listed.ok) return step.endDialog(null);
    const { active, history } = sortBookings(listed.value);
    const recent = history.slice(0, HISTORY_SHOWN);
    if (active.length > 0) {
      const parts = [msg(ctx, 'exam.query.active', { list: bookingList(ctx, active, this.deps.clock) })];
      if (recent.length > 0) parts.push(msg(ctx, 'exam.query.history', { list: bookingList(ctx, recent, this.deps.clock) }));
      if (active.some((b) => stillCancellable(b, this.deps.clock))) parts.push(msg(ctx, 'exam.query.cancelHint'));
      await ctx.sendActivity(parts.join('\n\n'));
      return step.endDialog();
    }
    if (recent.length > 0) await ctx.sendActivity(msg(ctx, 'exam.query.history', { list: bookingList(ctx, recent, this.deps.clock) }));
    // Asked in the middle of another flow (booking one, say): answered, and that flow goes on.
    if (step.options.sideTrip) {
      await ctx.sendActivity(msg(ctx, 'exam.query.noneActive'));
      return step.endDialog();
    }
    return ask(step, EXAM_PROMPTS.bookNow, { prompt: msg(ctx, 'exam.query.none') });
  }

  private async offerBooking(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    if (step.result === true) return step.beginDialog(EXAM_BOOK_DIALOG, {} satisfies FlowOptions);
    await step.context.sendActivity(msg(step.context, 'exam.query.notBooking'));
    return step.endDialog();
  }

  private async finish(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    return step.endDialog(step.result);
  }
}
