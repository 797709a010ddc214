import { EVENT_PORT } from './events/port';
import { EXAM_PORT } from './exams/port';
import { IDENTITY_PORT } from './identity/port';
import type { AnyPortDeclaration, ErrorCodeOf, RetryPolicy } from './port';
import { PLATE_PORT } from './plates/port';
import { SMS_PORT } from './sms/port';
import { VIOLATION_PORT } from './violations/port';

/** Keys each declaration by its name, so the name is written once. */
function portIndex<const D extends readonly AnyPortDeclaration[]>(...ports: D): { readonly [P in D[number] as P['name']]: P } {
  return Object.fromEntries(ports.map((p) => [p.name, p])) as { readonly [P in D[number] as P['name']]: P };
}

/**
 * The one list of the traffic platform's ports' declarations. `PlatformErrorCode`, the resilience wrapper's retries,
 * the HTTP client, the sandbox server and the contract document are composed from it, in this order;
 * ./TrafficPlatform.ts checks that it declares exactly the ports and methods of `TrafficPlatform`.
 */
export const PLATFORM_PORTS = portIndex(IDENTITY_PORT, EXAM_PORT, PLATE_PORT, VIOLATION_PORT, SMS_PORT, EVENT_PORT);

export type PlatformPorts = typeof PLATFORM_PORTS;
export type PortName = keyof PlatformPorts;

/** The codes the ports add (the shared ones are in ./sharedErrors). */
export type PortErrorCode = { [N in PortName]: ErrorCodeOf<PlatformPorts[N]> }[PortName];

/** A port method by its full name, e.g. 'exams.book': what a service module names when it declares the calls it makes. */
export type PlatformMethod = { [N in PortName]: `${N}.${keyof PlatformPorts[N]['methods'] & string}` }[PortName];

/**
 * The retry policy a port declares for one of its methods (`<port>/port.ts`); undefined for a name no port declares,
 * which the resilience wrapper never repeats.
 */
export function retryPolicyOf(port: string, method: string): RetryPolicy | undefined {
  const declaration: AnyPortDeclaration | undefined = Object.hasOwn(PLATFORM_PORTS, port)
    ? (PLATFORM_PORTS as Readonly<Record<string, AnyPortDeclaration>>)[port] : undefined;
  return declaration !== undefined && Object.hasOwn(declaration.methods, method) ? declaration.methods[method] : undefined;
}
