import type { TurnContext } from 'botbuilder';
import {
  ComponentDialog, WaterfallDialog, type Choice, type DialogTurnResult, type FoundChoice, type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { PlatformErrorCode } from '../../../integrations/platform/errors';
import type { ExamBooking, ExamSubject } from '../../../integrations/platform/types';
import { addDays } from '../../../integrations/clock';
import type { DialogDeps } from '../../DialogDeps';
import { formatSession } from '../../i18n/format';
import { BindingDialog } from '../../identity/BindingDialog';
import { boundResult, ensureBoundStep } from '../../identity/ensureBound';
import { localeOf, msg } from '../../i18n/turnLocale';
import { ask, AskPrompt } from '../../prompts/AskPrompt';
import { isRedirect, type Redirect } from '../../prompts/PromptDefinition';
import { newIdempotencyKey } from '../../shared/idempotencyKey';
import { NOTICE_OFFER_DIALOG, NoticeOfferDialog, offersNotices, type NoticeOfferOptions } from '../notices/NoticeOfferDialog';
import { runPlatform } from '../../shared/runPlatform';
import { todayOf } from '../../shared/today';
import type { ExamBookOptions, ExamBookState } from './ExamBookState';
import { slotChoices, subjectChoices, subjectOf } from './examChoices';
import { examSlotsSaid, subjectNumber, type ExamSlotsSaid } from './examSlotsSaid';
import { bookableDates, openSlots } from './examSlots';
import { bookingLine, lastCancelDay, ruleMessage, showCentre, showDate, showSubject, showWhen } from './examText';
import { EXAM_PROMPTS } from './prompts';

export const EXAM_BOOK_DIALOG = 'examBookDialog';
const MAIN = 'examBook.main';
const SUBJECT_LOOP = 'examBook.subject';
const DATE_LOOP = 'examBook.date';
const SLOT_LOOP = 'examBook.slot';
const CONFIRM_LOOP = 'examBook.confirm';
const AFTER_NO_LOOP = 'examBook.afterNo';

/** Rules that no other date can satisfy: explained, and the flow ends. */
const DATE_INDEPENDENT: ReadonlySet<PlatformErrorCode> = new Set<PlatformErrorCode>([
  'NOT_REGISTERED', 'ALREADY_PASSED', 'EXAM_PREREQUISITE', 'ALREADY_BOOKED', 'ATTEMPTS_EXHAUSTED', 'NOT_FOUND',
]);
/** Refusals at booking time that another date can cure. */
const ANOTHER_DATE_HELPS: ReadonlySet<PlatformErrorCode> = new Set<PlatformErrorCode>([
  'PERMIT_TOO_NEW', 'RETAKE_TOO_SOON', 'DATE_NOT_BOOKABLE', 'NOT_WORKING_DAY', 'PERMIT_EXPIRED',
]);

type Step = WaterfallStepContext<ExamBookState>;

/**
 * Books a driving-test slot, or moves a booking to another one (改约, with `replacing`): subject, date and half-day from
 * anything the citizen said (「科目一过了，想约科目二下午」), bound identity, the date (a wish the rules do not allow is
 * explained and the allowed ones offered), the free slots of that date (one matching the half-day asked for is taken
 * without asking), confirmation, booking with an idempotency key kept in dialog state, and a summary. At any question
 * the citizen may change the subject, date or half-day, or go back a step; a no at the confirmation asks what to change.
 * Ends with the ExamBooking, or null when nothing was booked.
 */
export class ExamBookDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(EXAM_BOOK_DIALOG);
    this.addDialog(new BindingDialog(deps));
    const said = (_ctx: TurnContext, text: string): ExamSlotsSaid => examSlotsSaid(text, this.today());
    const slots = (ctx: TurnContext, text: string): Record<string, string> => ({ ...said(ctx, text) });
    this.addDialog(new AskPrompt(EXAM_PROMPTS.subject, deps, {
      read: (ctx, text) => said(ctx, text).exam_subject,
    }));
    this.addDialog(new AskPrompt(EXAM_PROMPTS.date, deps, {
      read: (ctx, text) => said(ctx, text).date,
      slots: (ctx, text) => {
        const { exam_subject, session } = said(ctx, text);
        return { ...(exam_subject ? { exam_subject } : {}), ...(session ? { session } : {}) };
      },
    }));
    this.addDialog(new AskPrompt(EXAM_PROMPTS.slot, deps, {
      read: (ctx, text) => {
        const d = said(ctx, text).date;
        return d ? `date:${d}` : undefined;
      },
      slots: (ctx, text) => {
        const s = said(ctx, text).exam_subject;
        return s ? { exam_subject: s } : undefined;
      },
    }));
    this.addDialog(new AskPrompt(EXAM_PROMPTS.confirm, deps, { slots }));
    this.addDialog(new AskPrompt(EXAM_PROMPTS.rescheduleConfirm, deps, { slots }));
    this.addDialog(new AskPrompt(EXAM_PROMPTS.afterNo, deps, { slots }));
    this.addDialog(new NoticeOfferDialog(deps));
    this.addDialog(new WaterfallDialog<ExamBookState & ExamBookOptions>(MAIN, [
      ensureBoundStep<ExamBookState & ExamBookOptions>(deps), this.start.bind(this),
    ]));
    this.addDialog(new WaterfallDialog<ExamBookState>(SUBJECT_LOOP, [this.askSubject.bind(this), this.afterSubject.bind(this)]));
    this.addDialog(new WaterfallDialog<ExamBookState>(DATE_LOOP, [this.resolveDate.bind(this), this.afterDate.bind(this)]));
    this.addDialog(new WaterfallDialog<ExamBookState>(SLOT_LOOP, [this.offerSlots.bind(this), this.afterSlot.bind(this)]));
    this.addDialog(new WaterfallDialog<ExamBookState>(CONFIRM_LOOP, [this.askConfirm.bind(this), this.book.bind(this), this.afterOffer.bind(this)]));
    this.addDialog(new WaterfallDialog<ExamBookState>(AFTER_NO_LOOP, [this.askAfterNo.bind(this), this.afterNo.bind(this)]));
    this.initialDialogId = MAIN;
  }

  private today(): string {
    return todayOf(this.deps.clock);
  }

  /** Fills what the first message said (its text, else its entities) and asks for the first thing missing. */
  private async start(step: WaterfallStepContext<ExamBookState & ExamBookOptions>): Promise<DialogTurnResult> {
    const binding = boundResult(step);
    if (!binding) return step.endDialog(null);
    const o = step.options;
    const said: ExamSlotsSaid = o.text ? examSlotsSaid(o.text, this.today()) : {
      exam_subject: o.entities?.find((e) => e.entity === 'exam_subject')?.value,
      date: o.entities?.find((e) => e.entity === 'date')?.value,
    };
    const replacing = o.replacing;
    const state: ExamBookState = {
      idNumber: binding.idNumber,
      subject: replacing?.subject ?? subjectNumber(said.exam_subject),
      date: said.date,
      session: said.session,
      replacing,
    };
    return step.replaceDialog(state.subject ? DATE_LOOP : SUBJECT_LOOP, state);
  }

  private async askSubject(step: Step): Promise<DialogTurnResult> {
    return ask(step, EXAM_PROMPTS.subject, {
      prompt: msg(step.context, 'exam.askSubject'), retryPrompt: msg(step.context, 'exam.badSubject'), choices: subjectChoices(step.context),
    });
  }

  private async afterSubject(step: Step): Promise<DialogTurnResult> {
    const subject = isRedirect(step.result) ? undefined : subjectOf(step.result as FoundChoice);
    if (!subject) return step.replaceDialog(SUBJECT_LOOP, step.options);
    return step.replaceDialog(DATE_LOOP, { ...step.options, subject, explained: undefined });
  }

  /** Checks the wished date (or, without one, what the rules allow) and either moves on to the slots or offers dates. */
  private async resolveDate(step: Step): Promise<DialogTurnResult> {
    const state = step.options;
    const ctx = step.context;
    const subject = state.subject as ExamSubject;
    const wish = state.date;
    const checked = await runPlatform(ctx, () =>
      this.deps.platform.exams.eligibility(state.idNumber ?? '', subject, wish ?? addDays(this.today(), 1), state.replacing?.bookingId));
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
    return ask(step, EXAM_PROMPTS.date, {
      prompt: msg(ctx, 'exam.askDate', { subject: showSubject(ctx, subject) }),
      retryPrompt: msg(ctx, 'exam.badDate'),
      choices: listed.value.map((d): Choice => ({ value: showDate(ctx, d, today) })),
      doneSoFar: this.keptNote(ctx, state),
    });
  }

  private async afterDate(step: Step): Promise<DialogTurnResult> {
    const state: ExamBookState = { ...step.options, offeredDates: undefined, explained: undefined };
    const r = step.result as FoundChoice | Redirect;
    if (isRedirect(r)) {
      if (r.redirect === 'back') return step.replaceDialog(state.replacing ? DATE_LOOP : SUBJECT_LOOP, { ...state, date: undefined });
      return step.replaceDialog(DATE_LOOP, this.corrected(state, r.slots));
    }
    const offered = step.options.offeredDates ?? [];
    const date = r.index >= 0 ? offered[r.index] : r.value;
    const session = examSlotsSaid(step.context.activity.text ?? '', this.today()).session ?? state.session;
    return step.replaceDialog(DATE_LOOP, { ...state, date, session });
  }

  private async offerSlots(step: Step): Promise<DialogTurnResult> {
    const state = step.options;
    const ctx = step.context;
    const subject = state.subject as ExamSubject;
    const date = state.date ?? '';
    const listed = await runPlatform(ctx, () => openSlots(this.deps.platform.exams, subject, date));
    if (!listed.ok) return step.endDialog(null);
    const today = this.today();
    const current = state.replacing;
    const open = listed.value.filter((s) => !(current && current.date === date && current.centreId === s.centreId && current.session === s.session));
    if (open.length === 0) {
      await ctx.sendActivity(msg(ctx, 'exam.dayFull', { date: showDate(ctx, date, today), subject: showSubject(ctx, subject) }));
      return step.replaceDialog(DATE_LOOP, { ...state, date: undefined });
    }
    let offered = open;
    if (state.session) {
      const wanted = open.filter((s) => s.session === state.session);
      if (wanted.length === 1) {
        return step.replaceDialog(CONFIRM_LOOP, { ...state, slot: wanted[0], idempotencyKey: newIdempotencyKey('book') });
      }
      if (wanted.length === 0) {
        await ctx.sendActivity(msg(ctx, 'exam.sessionFull', { date: showDate(ctx, date, today), session: formatSession(localeOf(ctx), state.session) }));
      } else offered = wanted;
    }
    state.offeredSlots = offered;
    return ask(step, EXAM_PROMPTS.slot, {
      prompt: msg(ctx, 'exam.askSlot', { date: showDate(ctx, date, today), subject: showSubject(ctx, subject) }),
      retryPrompt: msg(ctx, 'exam.badSlot'),
      choices: slotChoices(ctx, offered),
      doneSoFar: this.keptNote(ctx, state),
    });
  }

  private async afterSlot(step: Step): Promise<DialogTurnResult> {
    const state = step.options;
    const slots = state.offeredSlots ?? [];
    const next: ExamBookState = { ...state, offeredSlots: undefined };
    const r = step.result as FoundChoice | Redirect;
    if (isRedirect(r)) {
      if (r.redirect === 'back') return step.replaceDialog(DATE_LOOP, { ...next, date: undefined, session: undefined });
      return step.replaceDialog(DATE_LOOP, this.corrected(next, r.slots));
    }
    if (r.index === -1 && r.value.startsWith('date:')) {
      return step.replaceDialog(DATE_LOOP, { ...next, date: r.value.slice('date:'.length) });
    }
    const slot = slots[r.index];
    if (!slot) return step.replaceDialog(DATE_LOOP, { ...next, date: undefined, session: undefined });
    return step.replaceDialog(CONFIRM_LOOP, { ...next, slot, session: slot.session, idempotencyKey: newIdempotencyKey('book') });
  }

  private async askConfirm(step: Step): Promise<DialogTurnResult> {
    const { subject, slot, date, retry, replacing } = step.options;
    const ctx = step.context;
    if (!subject || !slot || !date) return step.endDialog(null);
    const today = this.today();
    const params = { subject: showSubject(ctx, subject), centre: showCentre(ctx, slot), when: showWhen(ctx, date, slot.session, today) };
    const summary = replacing
      ? msg(ctx, 'exam.reschedule.confirm', { ...params, old: bookingLine(ctx, replacing, today) })
      : msg(ctx, 'exam.confirm', params);
    const prompt = retry ? `${msg(ctx, 'exam.confirmRetry')}\n${summary}` : summary;
    const definition = replacing ? EXAM_PROMPTS.rescheduleConfirm : EXAM_PROMPTS.confirm;
    return ask(step, definition, { prompt, doneSoFar: this.keptNote(ctx, step.options) });
  }

  private async book(step: Step): Promise<DialogTurnResult> {
    const state = step.options;
    const ctx = step.context;
    const r = step.result as boolean | Redirect;
    if (isRedirect(r)) {
      const next: ExamBookState = { ...state, slot: undefined, idempotencyKey: undefined, retry: undefined };
      if (r.redirect === 'back') return step.replaceDialog(SLOT_LOOP, { ...next, session: undefined });
      return this.afterCorrection(step, next, r.slots);
    }
    if (r !== true) return step.replaceDialog(AFTER_NO_LOOP, { ...state, retry: undefined });
    const { idNumber, subject, slot, date, idempotencyKey, replacing } = state;
    if (!idNumber || !subject || !slot || !date || !idempotencyKey) return step.endDialog(null);
    if (replacing) return this.moveBooking(step, replacing);
    const booked = await runPlatform(ctx, () =>
      this.deps.platform.exams.book(idNumber, subject, slot.centreId, date, slot.session, idempotencyKey));
    if (booked.ok) {
      await ctx.sendActivity(this.bookedSummary(step, booked.value));
      return this.offerNotices(step, booked.value);
    }
    return this.refused(step, booked.error.code, booked.error.retryable);
  }

  /** 改约: the new slot is booked first and the old booking cancelled only when that succeeded (one platform call). */
  private async moveBooking(step: Step, replacing: ExamBooking): Promise<DialogTurnResult> {
    const { idNumber, slot, date, idempotencyKey } = step.options;
    const ctx = step.context;
    const moved = await runPlatform(ctx, () =>
      this.deps.platform.exams.reschedule(idNumber ?? '', replacing.bookingId, slot?.centreId ?? '', date ?? '', slot?.session ?? 'morning', idempotencyKey ?? ''));
    if (moved.ok) {
      const today = this.today();
      await ctx.sendActivity(msg(ctx, 'exam.rescheduled', {
        old: bookingLine(ctx, moved.value.cancelled, today),
        booking: bookingLine(ctx, moved.value.booked, today),
        bookingId: moved.value.booked.bookingId,
        lastCancelDate: showDate(ctx, lastCancelDay(moved.value.booked.cancellableUntil), today),
      }));
      return this.offerNotices(step, moved.value.booked);
    }
    await ctx.sendActivity(msg(ctx, 'exam.reschedule.kept', { old: bookingLine(ctx, replacing, this.today()) }));
    return this.refused(step, moved.error.code, moved.error.retryable);
  }

  /** Booked or moved: 「需要考前一天提醒你吗？」 when notices reach this citizen and the reminder is not on yet; ends with the booking. */
  private async offerNotices(step: Step, booking: ExamBooking): Promise<DialogTurnResult> {
    if (!(await offersNotices(this.deps, step.context, 'exam'))) return step.endDialog(booking);
    (step.values as { booking?: ExamBooking }).booking = booking;
    return step.beginDialog(NOTICE_OFFER_DIALOG, { offer: 'exam' } satisfies NoticeOfferOptions);
  }

  private async afterOffer(step: Step): Promise<DialogTurnResult> {
    return step.endDialog((step.values as { booking?: ExamBooking }).booking ?? null);
  }

  private async refused(step: Step, code: PlatformErrorCode, retryable: boolean): Promise<DialogTurnResult> {
    const state = step.options;
    const again: ExamBookState = { ...state, slot: undefined, idempotencyKey: undefined, retry: undefined };
    if (code === 'SLOT_FULL') return step.replaceDialog(SLOT_LOOP, { ...again, session: undefined });
    if (retryable) return step.replaceDialog(CONFIRM_LOOP, { ...state, retry: true });
    if (ANOTHER_DATE_HELPS.has(code)) return step.replaceDialog(DATE_LOOP, { ...again, date: undefined, explained: code });
    return step.endDialog(null);
  }

  /** After a no at the confirmation: another session, another date, or nothing (nothing was booked). */
  private async askAfterNo(step: Step): Promise<DialogTurnResult> {
    const ctx = step.context;
    return ask(step, EXAM_PROMPTS.afterNo, {
      prompt: msg(ctx, step.options.replacing ? 'exam.afterNo.askReschedule' : 'exam.afterNo.ask'),
      choices: [msg(ctx, 'exam.afterNo.slot'), msg(ctx, 'exam.afterNo.date'), msg(ctx, 'exam.afterNo.stop')].map((value) => ({ value })),
      doneSoFar: this.keptNote(ctx, step.options),
    });
  }

  private async afterNo(step: Step): Promise<DialogTurnResult> {
    const state: ExamBookState = { ...step.options, slot: undefined, idempotencyKey: undefined };
    const r = step.result as FoundChoice | Redirect;
    if (isRedirect(r) && r.redirect === 'correct') return this.afterCorrection(step, state, r.slots);
    if (!isRedirect(r) && r.index === 0) return step.replaceDialog(SLOT_LOOP, { ...state, session: undefined });
    if (!isRedirect(r) && r.index === 1) return step.replaceDialog(DATE_LOOP, { ...state, date: undefined, session: undefined });
    const ctx = step.context;
    await ctx.sendActivity(state.replacing
      ? msg(ctx, 'exam.reschedule.notDone', { old: bookingLine(ctx, state.replacing, this.today()) })
      : msg(ctx, 'exam.notBooked'));
    return step.endDialog(null);
  }

  /** After a change of subject, date or half-day: the slots of the same date for a new half-day, else the date again. */
  private async afterCorrection(step: Step, state: ExamBookState, slots: Readonly<Record<string, string>>): Promise<DialogTurnResult> {
    const changed = this.corrected(state, slots);
    if (changed.subject === state.subject && changed.date === state.date && slots.session) return step.replaceDialog(SLOT_LOOP, changed);
    return step.replaceDialog(DATE_LOOP, changed);
  }

  /** The state with the slots the citizen changed (subject, date, half-day); a new subject starts the dates afresh. */
  private corrected(state: ExamBookState, slots: Readonly<Record<string, string>>): ExamBookState {
    const subject = subjectNumber(slots.exam_subject) ?? state.subject;
    const changedSubject = subject !== state.subject && !state.replacing;
    return {
      ...state,
      subject: state.replacing ? state.subject : subject,
      date: slots.date ?? (changedSubject ? undefined : state.date),
      session: (slots.session as ExamBookState['session']) ?? state.session,
      slot: undefined, offeredSlots: undefined, offeredDates: undefined, idempotencyKey: undefined, explained: undefined,
    };
  }

  /** What stopping now leaves as it was (rescheduling: the old booking is kept). */
  private keptNote(ctx: TurnContext, state: ExamBookState): string | undefined {
    return state.replacing ? msg(ctx, 'exam.reschedule.keptNote', { old: bookingLine(ctx, state.replacing, this.today()) }) : undefined;
  }

  private bookedSummary(step: Step, b: ExamBooking): string {
    const ctx = step.context;
    const today = this.today();
    return msg(ctx, 'exam.booked', {
      subject: showSubject(ctx, b.subject),
      centre: showCentre(ctx, b),
      when: showWhen(ctx, b.date, b.session, today),
      bookingId: b.bookingId,
      lastCancelDate: showDate(ctx, lastCancelDay(b.cancellableUntil), today),
    });
  }
}
