import type { Dialog } from 'botbuilder-dialogs';
import type { DialogTestClient } from 'botbuilder-testing';
import { PlatformError } from '../../../../integrations/platform/errors';
import type { ExamSession, ExamSubject, ExamsPort, TrafficPlatform } from '../../../../integrations/platform/types';
import { todayOf } from '../../../../dialogs/shared/today';
import type { FlowOptions } from '../../../../dialogs/shared/FlowOptions';
import { addLearner } from '../../../integrations/platform/fixtures';
import { dialogClient, type World } from '../../harness';

/** A flow dialog started as MainDialog starts it: with the entities of the citizen's first message. */
export function startedBy(world: World, dialog: Dialog, firstMessage: string): DialogTestClient {
  const understood = world.deps.nlu.understand(firstMessage, todayOf(world.clock));
  return dialogClient(dialog, { entities: understood.entities } satisfies FlowOptions);
}

/** A learner added to the sandbox (registered 2026-09-01), as a persona that bindAs accepts. */
export function learner(world: World, seq: number, opts: Parameters<typeof addLearner>[2] = {}): { idNumber: string; name: string; phone: string } {
  const idNumber = addLearner(world.admin, seq, opts);
  return { idNumber, name: `学员${seq}`, phone: `139000${String(seq).padStart(5, '0')}` };
}

/** Takes `seats` places of a 科目二 slot with other learners (permit old enough), through the platform. */
export async function takeSeats(world: World, date: string, session: ExamSession, seats: number, firstSeq = 500): Promise<void> {
  for (let i = 0; i < seats; i += 1) {
    const other = learner(world, firstSeq + i, { passedUpTo: 1, permitIssuedOn: '2026-10-01' });
    await world.platform.exams.book(other.idNumber, 2, 'nj-2', date, session, `other-${firstSeq + i}`);
  }
}

/** Books directly through the platform (setting the scene, not part of the conversation under test). */
export async function bookDirect(world: World, idNumber: string, subject: ExamSubject, date: string, session: ExamSession = 'morning'): Promise<string> {
  const centre = subject === 1 || subject === 4 ? 'nj-1' : 'nj-2';
  return (await world.platform.exams.book(idNumber, subject, centre, date, session, `scene-${idNumber}-${subject}-${date}`)).bookingId;
}

/** Seats left in a 科目二 slot. */
export async function seatsLeft(world: World, date: string, session: ExamSession): Promise<number | undefined> {
  const slots = await world.platform.exams.listSlots(2, date, 1);
  return slots.find((s) => s.session === session)?.remaining;
}

/**
 * The platform with an exams port whose first booking goes through but whose answer is lost on the way back
 * (the citizen sees "unreachable"): what an unreliable network does.
 */
export function lostAnswerPlatform(world: World): TrafficPlatform & { bookCalls: string[] } {
  const real = world.platform.exams;
  const bookCalls: string[] = [];
  const exams: ExamsPort = {
    eligibility: (...a) => real.eligibility(...a),
    listSlots: (...a) => real.listSlots(...a),
    listBookings: (...a) => real.listBookings(...a),
    cancel: (...a) => real.cancel(...a),
    reschedule: (...a) => real.reschedule(...a),
    book: async (...a) => {
      bookCalls.push(a[5]);
      const booking = await real.book(...a);
      if (bookCalls.length === 1) throw new PlatformError('UNAVAILABLE', 'answer lost');
      return booking;
    },
  };
  const p = world.platform;
  return { identity: p.identity, exams, plates: p.plates, violations: p.violations, sms: p.sms, events: p.events, bookCalls };
}
