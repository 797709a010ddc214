/**
 * How a platform port declares itself, once, in its own folder (`<port>/port.ts`): its name in `TrafficPlatform`,
 * the error codes it adds (each with the HTTP status the contract answers it with) and the retry policy of every
 * method. Everything else derives from these declarations (listed once, in ./ports.ts): `PlatformErrorCode`, the
 * resilience wrapper's retries, the contract's ErrorCode enum and the sandbox server's statuses; ./TrafficPlatform.ts
 * makes the compiler check them against the ports' interfaces.
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

export interface PortDeclaration<Name extends string = string, Errors extends ErrorDeclarations = ErrorDeclarations,
  Methods extends Readonly<Record<string, RetryPolicy>> = Readonly<Record<string, RetryPolicy>>> {
  /** The property of `TrafficPlatform` this port is reached by, e.g. 'exams'. */
  readonly name: Name;
  /** The error codes this port adds to the shared ones (../sharedErrors.ts); each code is declared by one port only. */
  readonly errors: Errors;
  /** Every method's retry policy (checked against the port's interface by `DeclaresEveryMethod`). */
  readonly methods: Methods;
  /**
   * False for a port the resilience wrapper passes through untouched (no timeout, retries or breaker), e.g. the
   * sandbox's SMS outbox, which is not a call to the provincial platform. Default true.
   */
  readonly guarded?: boolean;
}

/**
 * Declares a port: `definePort({ name: 'exams', errors: { … }, methods: { … } })`, keeping the name, codes and
 * method names as literals. The declaration does not import the port's interface (the interface mentions error
 * codes, which derive from the declarations); ../TrafficPlatform.ts checks the two against each other.
 */
export function definePort<
  const Name extends string, const Errors extends ErrorDeclarations, const Methods extends Readonly<Record<string, RetryPolicy>>,
>(declaration: PortDeclaration<Name, Errors, Methods>): PortDeclaration<Name, Errors, Methods> {
  return declaration;
}

/** Any port's declaration, as code that walks all of them sees it. */
export type AnyPortDeclaration = PortDeclaration;

/**
 * Resolves to `Ports` when every port of `Platform` has a declaration there giving each of its methods a retry
 * policy, and nothing more (no declaration without a port, no policy without a method); otherwise fails to compile,
 * naming what is missing or left over.
 */
export type DeclaresEveryMethod<
  Platform,
  Ports extends { readonly [N in keyof Platform]: {
    readonly methods: { readonly [M in MethodsOf<Platform[N]>]: RetryPolicy }
      & { readonly [M in Exclude<keyof Ports[N]['methods'], MethodsOf<Platform[N]>>]: never };
  } } & { readonly [N in Exclude<keyof Ports, keyof Platform>]: never },
> = Ports;

/** The codes a declaration adds. */
export type ErrorCodeOf<D> = D extends { readonly errors: infer Errors } ? keyof Errors & string : never;

/** True when the policy allows the resilience wrapper to send the call again. */
export function isRepeatable(policy: RetryPolicy | undefined): boolean {
  return policy !== undefined && policy !== 'never';
}
