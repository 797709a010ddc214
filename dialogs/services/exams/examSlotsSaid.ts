import type { ExamSession, ExamSubject } from '../../../integrations/platform/types';
import { extractEntities } from '../../../nlu-models/entities';
import { normalizeText } from '../../../nlu-models/text/normalize';

/** What a message says about a booking: the subject to book, the date, the half-day. */
export interface ExamSlotsSaid {
  exam_subject?: string;
  date?: string;
  session?: ExamSession;
}

const MORNING = /上午|早上|早晨|morning|\bam\b/i;
const AFTERNOON = /下午|午后|afternoon|\bpm\b/i;
/** A subject mentioned as done (「科目一已经过了」, "passed theory") is not the one to book. */
const DONE_AFTER = /^\s*(?:我)?(?:已经|已|早就|都)?(?:考)?(?:过了|通过了?|考过了?|考完了?|拿下了?|过啦)/;
const DONE_BEFORE = /(?:已经|已|早就)?(?:考过|通过了?|过了|passed|done with|finished)\s*(?:the\s+)?$/i;

/** The half-day a message names, if one (「下午那场」 → afternoon); both or neither → undefined. */
export function sessionIn(text: string): ExamSession | undefined {
  const m = MORNING.test(text);
  const a = AFTERNOON.test(text);
  return m === a ? undefined : m ? 'morning' : 'afternoon';
}

/**
 * The subject, date and half-day a message gives for a booking, from any message, long voice-recognised ones
 * included: 「科目一已经过了，想约科目二下午」 → subject 2, afternoon (a subject said to be passed is not the one wanted).
 */
export function examSlotsSaid(text: string, today: string): ExamSlotsSaid {
  const normal = normalizeText(text);
  const entities = extractEntities(normal, { today });
  const subjects = entities.filter((e) => e.entity === 'exam_subject')
    .filter((e) => !DONE_AFTER.test(normal.slice(e.end)) && !DONE_BEFORE.test(normal.slice(0, e.start)));
  const said: ExamSlotsSaid = {};
  const subject = subjects.at(-1)?.value;
  if (subject) said.exam_subject = subject;
  const date = entities.find((e) => e.entity === 'date')?.value;
  if (date) said.date = date;
  const session = sessionIn(normal);
  if (session) said.session = session;
  return said;
}

export function subjectNumber(value: string | undefined): ExamSubject | undefined {
  const n = Number(value);
  return n === 1 || n === 2 || n === 3 || n === 4 ? n : undefined;
}
