import type { EventsPort } from './events/types';
import type { ExamsPort } from './exams/types';
import type { IdentityPort } from './identity/types';
import type { DeclaresEveryMethod } from './port';
import type { PlatformPorts } from './ports';
import type { PlatesPort } from './plates/types';
import type { SmsPort } from './sms/types';
import type { ViolationsPort } from './violations/types';

/** The traffic platform: its ports, each under the name its declaration gives (`<port>/port.ts`). */
export interface TrafficPlatform {
  readonly identity: IdentityPort;
  readonly exams: ExamsPort;
  readonly plates: PlatesPort;
  readonly violations: ViolationsPort;
  readonly sms: SmsPort;
  readonly events: EventsPort;
}

/**
 * The ports' declarations (./ports.ts), checked against `TrafficPlatform`: this fails to compile while a port has
 * no declaration, a declaration has no port, a method has no retry policy, or a policy names no method.
 */
export type DeclaredPorts = DeclaresEveryMethod<TrafficPlatform, PlatformPorts>;
