import type { TurnContext } from 'botbuilder';
import type { FoundChoice } from 'botbuilder-dialogs';
import type { ExamBooking } from '../../../integrations/platform/types';
import type { AskOptions } from '../../prompts/PromptDefinition';
import { examSlotsSaid } from './examSlotsSaid';

/** What a booking question keeps in its options: the subjects of the listed bookings, in order. */
export interface BookingPickValidations {
  subjects: number[];
}

/** A booking named by its subject (「科目二那个」): its index among the listed ones, when exactly one has that subject. */
export function readBookingBySubject(today: () => string) {
  return (_ctx: TurnContext, text: string, options: AskOptions): FoundChoice | undefined => {
    const subject = examSlotsSaid(text, today()).exam_subject;
    const subjects = (options.validations as BookingPickValidations | undefined)?.subjects ?? [];
    const matches = subjects.flatMap((s, i) => (String(s) === subject ? [i] : []));
    return matches.length === 1 ? { value: String(subject), index: matches[0] as number, score: 1 } : undefined;
  };
}

/** The active bookings a first message points at (its subject), or all of them. */
export function bookingsNamed(active: readonly ExamBooking[], subject: string | undefined): ExamBooking[] {
  return subject ? active.filter((b) => String(b.subject) === subject) : [...active];
}
