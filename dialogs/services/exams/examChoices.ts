import type { TurnContext } from 'botbuilder';
import type { Choice, FoundChoice } from 'botbuilder-dialogs';
import type { ExamSession, ExamSubject } from '../../../integrations/platform/types';
import { formatSession } from '../../i18n/format';
import { localeOf, msg } from '../../i18n/turnLocale';
import type { OfferedSlot } from './ExamBookState';
import { showCentre, showSubject } from './examText';

const SUBJECTS: readonly ExamSubject[] = [1, 2, 3, 4];

/** Words for a session in either language, so "上午" or "afternoon" picks the one slot of that session. */
const SESSION_WORDS: Readonly<Record<ExamSession, string[]>> = {
  morning: ['上午', 'morning', 'am'],
  afternoon: ['下午', 'afternoon', 'pm'],
};

export function subjectChoices(ctx: TurnContext): Choice[] {
  return SUBJECTS.map((s) => ({ value: showSubject(ctx, s) }));
}

/** The subject of an answer to the subject question: a button (index) or a subject read from free text. */
export function subjectOf(found: FoundChoice | undefined): ExamSubject | undefined {
  if (!found) return undefined;
  const n = found.index >= 0 ? found.index + 1 : Number(found.value);
  return SUBJECTS.find((s) => s === n);
}

/** One button per free slot (centre, session, seats left), then "another date". */
export function slotChoices(ctx: TurnContext, slots: readonly OfferedSlot[]): Choice[] {
  const locale = localeOf(ctx);
  const choices = slots.map((s): Choice => {
    const unique = slots.filter((o) => o.session === s.session).length === 1;
    return {
      value: msg(ctx, 'exam.slotLabel', { centre: showCentre(ctx, s), session: formatSession(locale, s.session), remaining: s.remaining }),
      synonyms: unique ? SESSION_WORDS[s.session] : undefined,
    };
  });
  return [...choices, { value: msg(ctx, 'exam.otherDate') }];
}
