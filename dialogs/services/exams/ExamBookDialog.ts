import {
  ComponentDialog, WaterfallDialog, type Choice, type DialogTurnResult, type FoundChoice, type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { PlatformErrorCode } from '../../../integrations/platform/errors';
import type { ExamBooking, ExamSubject } from '../../../integrations/platform/types';
import type { DialogDeps } from '../../DialogDeps';
import { BindingDialog } from '../../identity/BindingDialog';
import { boundResult, ensureBoundStep } from '../../identity/ensureBound';
import { msg } from '../../i18n/turnLocale';
import { YesNoPrompt } from '../../prompts/YesNoPrompt';
import { entityValue, type FlowOptions } from '../../shared/FlowOptions';
import { runPlatform } from '../../shared/runPlatform';
import { todayOf } from '../../shared/today';
import type { ExamBookState } from './ExamBookState';
import { choiceOptions, entityIn, examChoicePrompt, freeAnswer } from './examChoicePrompt';
import { bookableDates, openSlots } from './examSlots';
import { lastCancelDay, ruleMessage, showDate, showSubject, showWhen } from './examText';
import { slotChoices, subjectChoices, subjectOf } from './examChoices';
import { newIdempotencyKey } from '../../shared/idempotencyKey';

export const EXAM_BOOK_DIALOG = 'examBookDialog';
const MAIN = 'examBook.main';
const DATE_LOOP = 'examBook.date';
const SLOT_LOOP = 'examBook.slot';
const CONFIRM_LOOP = 'examBook.confirm';
const SUBJECT_PROMPT = 'examBook.subjectPrompt';
const DATE_PROMPT = 'examBook.datePrompt';
const SLOT_PROMPT = 'examBook.slotPrompt';
const CONFIRM_PROMPT = 'examBook.confirmPrompt';

/** Rules that no other date can satisfy: explained, and the flow ends. */
const DATE_INDEPENDENT: ReadonlySet<PlatformErrorCode> = new Set<PlatformErrorCode>([
  'NOT_REGISTERED', 'ALREADY_PASSED', 'EXAM_PREREQUISITE', 'ALREADY_BOOKED', 'ATTEMPTS_EXHAUSTED', 'NOT_FOUND',
]);
/** Refusals at booking time that another date can cure. */
const ANOTHER_DATE_HELPS: ReadonlySet<PlatformErrorCode> = new Set<PlatformErrorCode>([
  'PERMIT_TOO_NEW', 'RETAKE_TOO_SOON', 'DATE_NOT_BOOKABLE', 'NOT_WORKING_DAY', 'PERMIT_EXPIRED',
]);

type Step = WaterfallStepContext<ExamBookState>;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Books a driving-test slot: subject (pre-filled from exam_subject), bound identity, date (pre-filled from a
 * date entity, else the next dates with free seats; a date the rules do not allow is explained and the earliest
 * allowed one offered), the free slots of that date, confirmation, booking with an idempotency key kept in
 * dialog state, and a summary. Accepts FlowOptions; ends with the ExamBooking, or null when nothing was booked.
 */
export class ExamBookDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(EXAM_BOOK_DIALOG);
    this.addDialog(new BindingDialog(deps));
    const today = (): string => todayOf(deps.clock);
    this.addDialog(examChoicePrompt(SUBJECT_PROMPT, (_ctx, text) => {
      const s = entityIn(text, 'exam_subject', today());
      return s ? freeAnswer(s) : undefined;
    }));
    this.addDialog(examChoicePrompt(DATE_PROMPT, (_ctx, text) => {
      const d = entityIn(text, 'date', today());
      return d ? freeAnswer(d) : undefined;
    }));
    this.addDialog(examChoicePrompt(SLOT_PROMPT, (_ctx, text) => {
      const d = entityIn(text, 'date', today());
      return d ? freeAnswer(`date:${d}`) : undefined;
    }));
    this.addDialog(new YesNoPrompt(CONFIRM_PROMPT));
    this.addDialog(new WaterfallDialog<ExamBookState & FlowOptions>(MAIN, [
      ensureBoundStep<ExamBookState & FlowOptions>(deps), this.askSubject.bind(this), this.afterSubject.bind(this),
    ]));
    this.addDialog(new WaterfallDialog<ExamBookState>(DATE_LOOP, [this.resolveDate.bind(this), this.afterDate.bind(this)]));
    this.addDialog(new WaterfallDialog<ExamBookState>(SLOT_LOOP, [this.offerSlots.bind(this), this.afterSlot.bind(this)]));
    this.addDialog(new WaterfallDialog<ExamBookState>(CONFIRM_LOOP, [this.askConfirm.bind(this), this.book.bind(this)]));
    this.initialDialogId = MAIN;
  }

  private today(): string {
    return todayOf(this.deps.clock);
  }

  private async askSubject(step: WaterfallStepContext<ExamBookState & FlowOptions>): Promise<DialogTurnResult> {
    const binding = boundResult(step);
    if (!binding) return step.endDialog(null);
    step.options.idNumber = binding.idNumber;
    step.options.date = entityValue(step.options, 'date');
    const subject = entityValue(step.options, 'exam_subject');
    if (subject && subjectOf(freeAnswer(subject))) return step.next(freeAnswer(subject));
    return step.prompt(SUBJECT_PROMPT, choiceOptions(
      msg(step.context, 'exam.askSubject'), msg(step.context, 'exam.badSubject'), subjectChoices(step.context),
    ));
  }

  private async afterSubject(step: WaterfallStepContext<ExamBookState & FlowOptions>): Promise<DialogTurnResult> {
    const subject = subjectOf(step.result as FoundChoice);
    if (!subject) return step.endDialog(null);
    const { idNumber, date } = step.options;
    return step.replaceDialog(DATE_LOOP, { idNumber, date, subject } satisfies ExamBookState);
  }

  /** Checks the wished date (or, without one, what the rules allow) and either moves on to the slots or offers dates. */
  private async resolveDate(step: Step): Promise<DialogTurnResult> {
    const state = step.options;
    const ctx = step.context;
    const subject = state.subject as ExamSubject;
    const wish = state.date;
    const checked = await runPlatform(ctx, () =>
      this.deps.platform.exams.eligibility(state.idNumber ?? '', subject, wish ?? addDays(this.today(), 1)));
    if (!checked.ok) return step.endDialog(null);
    const e = checked.value;
    if (e.eligible && wish) return step.replaceDialog(SLOT_LOOP, { ...state, offeredDates: undefined });
    if (!e.eligible && e.reason) {
      const code = e.reason.code;
      const blocking = e.earliestDate === null;
      if (wish !== undefined || (blocking && state.explained !== code)) await ctx.sendActivity(ruleMessage(ctx, e.reason));
      if (blocking) {
        if (wish !== undefined && !DATE_INDEPENDENT.has(code)) {
          return step.replaceDialog(DATE_LOOP, { ...state, date: undefined, explained: code });
        }
        if (code === 'ALREADY_BOOKED') await ctx.sendActivity(msg(ctx, 'exam.alreadyBookedHint'));
        return step.endDialog(null);
      }
    }
    const listed = await runPlatform(ctx, () => bookableDates(this.deps.platform.exams, subject, e.earliestDate ?? addDays(this.today(), 1)));
    if (!listed.ok) return step.endDialog(null);
    if (listed.value.length === 0) {
      await ctx.sendActivity(msg(ctx, 'exam.noDates', { subject: showSubject(ctx, subject) }));
      return step.endDialog(null);
    }
    state.date = undefined;
    state.offeredDates = listed.value;
    const today = this.today();
    return step.prompt(DATE_PROMPT, choiceOptions(
      msg(ctx, 'exam.askDate', { subject: showSubject(ctx, subject) }),
      msg(ctx, 'exam.badDate'),
      listed.value.map((d): Choice => ({ value: showDate(ctx, d, today) })),
    ));
  }

  private async afterDate(step: Step): Promise<DialogTurnResult> {
    const found = step.result as FoundChoice;
    const offered = step.options.offeredDates ?? [];
    const date = found.index >= 0 ? offered[found.index] : found.value;
    return step.replaceDialog(DATE_LOOP, { ...step.options, date, offeredDates: undefined, explained: undefined });
  }

  private async offerSlots(step: Step): Promise<DialogTurnResult> {
    const state = step.options;
    const ctx = step.context;
    const subject = state.subject as ExamSubject;
    const date = state.date ?? '';
    const listed = await runPlatform(ctx, () => openSlots(this.deps.platform.exams, subject, date));
    if (!listed.ok) return step.endDialog(null);
    const today = this.today();
    if (listed.value.length === 0) {
      await ctx.sendActivity(msg(ctx, 'exam.dayFull', { date: showDate(ctx, date, today), subject: showSubject(ctx, subject) }));
      return step.replaceDialog(DATE_LOOP, { ...state, date: undefined });
    }
    state.offeredSlots = listed.value;
    return step.prompt(SLOT_PROMPT, choiceOptions(
      msg(ctx, 'exam.askSlot', { date: showDate(ctx, date, today), subject: showSubject(ctx, subject) }),
      msg(ctx, 'exam.badSlot'),
      slotChoices(ctx, listed.value),
    ));
  }

  private async afterSlot(step: Step): Promise<DialogTurnResult> {
    const state = step.options;
    const found = step.result as FoundChoice;
    const slots = state.offeredSlots ?? [];
    const next: ExamBookState = { ...state, offeredSlots: undefined };
    if (found.index === -1 && found.value.startsWith('date:')) {
      return step.replaceDialog(DATE_LOOP, { ...next, date: found.value.slice('date:'.length) });
    }
    const slot = slots[found.index];
    if (!slot) return step.replaceDialog(DATE_LOOP, { ...next, date: undefined });
    return step.replaceDialog(CONFIRM_LOOP, { ...next, slot, idempotencyKey: newIdempotencyKey('book') });
  }

  private async askConfirm(step: Step): Promise<DialogTurnResult> {
    const { subject, slot, date, retry } = step.options;
    const ctx = step.context;
    if (!subject || !slot || !date) return step.endDialog(null);
    const summary = msg(ctx, 'exam.confirm', {
      subject: showSubject(ctx, subject), centre: slot.centreName, when: showWhen(ctx, date, slot.session, this.today()),
    });
    const prompt = retry ? `${msg(ctx, 'exam.confirmRetry')}\n${summary}` : summary;
    return step.prompt(CONFIRM_PROMPT, { prompt });
  }

  private async book(step: Step): Promise<DialogTurnResult> {
    const state = step.options;
    const ctx = step.context;
    if (step.result !== true) {
      await ctx.sendActivity(msg(ctx, 'exam.notBooked'));
      return step.endDialog(null);
    }
    const { idNumber, subject, slot, date, idempotencyKey } = state;
    if (!idNumber || !subject || !slot || !date || !idempotencyKey) return step.endDialog(null);
    const booked = await runPlatform(ctx, () =>
      this.deps.platform.exams.book(idNumber, subject, slot.centreId, date, slot.session, idempotencyKey));
    if (booked.ok) {
      await ctx.sendActivity(this.bookedSummary(step, booked.value));
      return step.endDialog(booked.value);
    }
    const { code, retryable } = booked.error;
    const again: ExamBookState = { ...state, slot: undefined, idempotencyKey: undefined, retry: undefined };
    if (code === 'SLOT_FULL') return step.replaceDialog(SLOT_LOOP, again);
    if (retryable) return step.replaceDialog(CONFIRM_LOOP, { ...state, retry: true });
    if (ANOTHER_DATE_HELPS.has(code)) return step.replaceDialog(DATE_LOOP, { ...again, date: undefined, explained: code });
    return step.endDialog(null);
  }

  private bookedSummary(step: Step, b: ExamBooking): string {
    const ctx = step.context;
    const today = this.today();
    return msg(ctx, 'exam.booked', {
      subject: showSubject(ctx, b.subject),
      centre: b.centreName,
      when: showWhen(ctx, b.date, b.session, today),
      bookingId: b.bookingId,
      lastCancelDate: showDate(ctx, lastCancelDay(b.cancellableUntil), today),
    });
  }
}
