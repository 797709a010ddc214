/**
 * How a platform port declares itself, once, in its own folder (`<port>/port.ts`): its name in `TrafficPlatform`,
 * the error codes it adds (each with the HTTP status the contract answers it with) and the retry policy of every
 * method. Everything else derives from these declarations: `PlatformErrorCode`, the resilience wrapper's retries,
 * the contract's ErrorCode enum, the sandbox server's statuses, and `TrafficPlatform` itself (../ports.ts).
 */

/**
 * Whether the resilience wrapper may send a call again after a retryable failure (timeout, UNAVAILABLE):
 * - `read`: reads nothing changes (lookups, checks);
 * - `keyed`: a write carrying an idempotency key (the platform answers a repeat with the first result);
 * - `idempotent`: a write that is harmless to repeat by its nature (cancelling an already cancelled booking);
 * - `never`: never repeated automatically (it sends an SMS, checks a code, draws a plate round…).
 */
export type RetryPolicy = 'read' | 'keyed' | 'idempotent' | 'never';

/** An HTTP status a contract error is answered with (4xx refusals, 5xx platform trouble). */
export type ErrorStatus = 400 | 403 | 404 | 409 | 422 | 423 | 429 | 500 | 503;

/** Error codes with their HTTP status: `{ SLOT_FULL: 409, … }`. The keys are the codes. */
export type ErrorDeclarations = Readonly<Record<string, ErrorStatus>>;

/** The methods of a port interface (the keys whose values are functions). */
export type MethodsOf<Port> = { [K in keyof Port]-?: Port[K] extends (...args: never[]) => unknown ? K : never }[keyof Port] & string;

export interface PortDeclaration<Port, Name extends string = string, Errors extends ErrorDeclarations = ErrorDeclarations> {
  /** The property of `TrafficPlatform` this port is reached by, e.g. 'exams'. */
  readonly name: Name;
  /** The error codes this port adds to the shared ones (../sharedErrors.ts); each code is declared by one port only. */
  readonly errors: Errors;
  /** Every method's retry policy: a method without one does not compile. */
  readonly methods: { readonly [M in MethodsOf<Port>]: RetryPolicy };
  /**
   * False for a port the resilience wrapper passes through untouched (no timeout, retries or breaker), e.g. the
   * sandbox's SMS outbox, which is not a call to the provincial platform. Default true.
   */
  readonly guarded?: boolean;
  /** Type only: the port's interface, so that `TrafficPlatform` can be derived from the declarations. */
  readonly __port?: Port;
}

/**
 * Declares a port: `definePort<ExamsPort>()({ name: 'exams', errors: { … }, methods: { … } })`. Written in two steps
 * so the interface is given while the name and codes are inferred as literals.
 */
export function definePort<Port>() {
  return <const Name extends string, const Errors extends ErrorDeclarations>(
    declaration: PortDeclaration<Port, Name, Errors>,
  ): PortDeclaration<Port, Name, Errors> => declaration;
}

/** Any port's declaration, as code that walks all of them sees it. */
export interface AnyPortDeclaration {
  readonly name: string;
  readonly errors: ErrorDeclarations;
  readonly methods: Readonly<Record<string, RetryPolicy>>;
  readonly guarded?: boolean;
}

/** The interface a declaration stands for. */
export type PortOf<D> = D extends { readonly __port?: infer Port } ? Exclude<Port, undefined> : never;

/** The codes a declaration adds. */
export type ErrorCodeOf<D> = D extends { readonly errors: infer Errors } ? keyof Errors & string : never;

/** True when the policy allows the resilience wrapper to send the call again. */
export function isRepeatable(policy: RetryPolicy | undefined): boolean {
  return policy !== undefined && policy !== 'never';
}
