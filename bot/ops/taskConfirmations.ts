import type { PlatformCall } from '../../integrations/platform/resilient/ResilientPlatform';

/**
 * The tasks the operations view follows from start to confirmation, declared once: a service intent and the
 * platform call whose success means the citizen's request was done (booked, cancelled, paid, reserved, unbound).
 * A flow that starts is counted as started whatever its service; only these have a completion.
 */
export const TASK_CONFIRMATIONS: Readonly<Record<string, readonly string[]>> = {
  'exam.book': ['exams.book'],
  'exam.reschedule': ['exams.reschedule'],
  'exam.cancel': ['exams.cancel'],
  'fine.pay': ['violations.handle', 'violations.pay'],
  'plate.select': ['plates.reserve'],
  'identity.unbind': ['identity.unbind'],
};

/** The tasks of `services` (the flows that ran in a turn) that the turn's successful platform calls confirm. */
export function confirmedBy(calls: ReadonlySet<string>, services: Iterable<string>): string[] {
  return [...new Set(services)].filter((service) => TASK_CONFIRMATIONS[service]?.some((call) => calls.has(call)));
}

/** Notes a platform call that succeeded inside a citizen's turn (the resilient platform's onCall). */
export function noteCall(call: Pick<PlatformCall, 'port' | 'method' | 'outcome'>, calls: Set<string> | undefined): void {
  if (call.outcome === 'ok') calls?.add(`${call.port}.${call.method}`);
}
