import type { PlatformCall } from '../../integrations/platform/resilient/ResilientPlatform';

/** The tasks the operations view follows: a service intent → the platform calls (port.method) that confirm it. */
export type TaskConfirmations = ReadonlyMap<string, readonly string[]>;

/**
 * The tasks of `services` (the flows that ran in a turn) that the turn's successful platform calls confirm, as the
 * services declare (ServiceIntentDefinition.doneWhen, ServiceIndex.taskConfirmations).
 */
export function confirmedBy(calls: ReadonlySet<string>, services: Iterable<string>, tasks: TaskConfirmations): string[] {
  return [...new Set(services)].filter((service) => tasks.get(service)?.some((call) => calls.has(call)));
}

/** Notes a platform call that succeeded inside a citizen's turn (the resilient platform's onCall). */
export function noteCall(call: Pick<PlatformCall, 'port' | 'method' | 'outcome'>, calls: Set<string> | undefined): void {
  if (call.outcome === 'ok') calls?.add(`${call.port}.${call.method}`);
}
