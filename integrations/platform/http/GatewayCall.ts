/** What a port's HTTP part sends through (HttpPlatform's one request: headers, timeout, error mapping). */
export interface GatewayCallOptions {
  readonly query?: Readonly<Record<string, string | number>>;
  readonly body?: unknown;
  /** The acting citizen's ID number, sent in the X-Citizen-Id header (never in the URL). */
  readonly citizen?: string;
  readonly idempotencyKey?: string;
}

/** One request to the gateway; contract errors are thrown as PlatformError with the server's code. */
export type GatewayCall = <T>(method: 'GET' | 'POST', path: string, options?: GatewayCallOptions) => Promise<T>;
