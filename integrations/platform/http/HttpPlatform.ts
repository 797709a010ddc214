import { PlatformError } from '../errors';
import type { PlatformErrorDetails } from '../errors';
import { eventsHttp } from '../events/http';
import { examsHttp } from '../exams/http';
import { identityHttp } from '../identity/http';
import { platesHttp } from '../plates/http';
import type { PortName } from '../ports';
import { smsHttp } from '../sms/http';
import type { TrafficPlatform } from '../types';
import { violationsHttp } from '../violations/http';
import type { GatewayCall, GatewayCallOptions } from './GatewayCall';
import { tlsFetch, type GatewayTls } from './tlsFetch';

export interface HttpPlatformOptions {
  /** e.g. 'http://localhost:3979' (routes live under /v1). */
  readonly baseUrl: string;
  /** Per call, including reading the body. Default 5000 ms. */
  readonly timeoutMs?: number;
  /** Extra headers for every call, e.g. gateway credentials supplied by the composition root. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Bearer token sent as `Authorization: Bearer …` on every call (PLATFORM_TOKEN); never put into errors. */
  readonly token?: string;
  /** TLS client certificate and/or private CA of the gateway (mutual TLS); calls then go through tlsFetch. */
  readonly tls?: GatewayTls;
  readonly fetch?: typeof fetch;
}

/** Each port's HTTP part (`<port>/http.ts`); a port of ../ports without one does not compile. */
const HTTP_PARTS: { readonly [N in PortName]: (call: GatewayCall) => TrafficPlatform[N] } = {
  identity: identityHttp,
  exams: examsHttp,
  plates: platesHttp,
  violations: violationsHttp,
  sms: smsHttp,
  events: eventsHttp,
};

function sanitizeDetails(value: unknown): PlatformErrorDetails {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const out: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  }
  return out;
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && name in value ? (value as Record<string, unknown>)[name] : undefined;
}

// The ports (identity, exams, …) are the HTTP parts assigned in the constructor.
export interface HttpPlatform extends TrafficPlatform {}

/**
 * A TrafficPlatform speaking the HTTP contract (../openapi.json) with Node's fetch: the composition of the ports'
 * HTTP parts over one transport (headers, credentials, timeout, error mapping).
 */
export class HttpPlatform {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly headers: Readonly<Record<string, string>>;
  private readonly fetchFn: typeof fetch;

  constructor(options: HttpPlatformOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.headers = { ...(options.headers ?? {}), ...(options.token !== undefined ? { authorization: `Bearer ${options.token}` } : {}) };
    this.fetchFn = options.fetch ?? (options.tls ? tlsFetch(options.tls) : fetch);
    const call: GatewayCall = (method, path, callOptions) => this.call(method, path, callOptions);
    for (const name of Object.keys(HTTP_PARTS) as PortName[]) Object.assign(this, { [name]: HTTP_PARTS[name](call) });
  }

  /**
   * One request. Contract errors come back as PlatformError with the server's code; network failures, timeouts,
   * unreadable answers and 5xx become retryable UNAVAILABLE.
   */
  private async call<T>(method: 'GET' | 'POST', path: string, options: GatewayCallOptions = {}): Promise<T> {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: 'application/json', ...this.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.citizen !== undefined) headers['x-citizen-id'] = options.citizen;
    if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
    const operation = `${method} ${path.split('/').slice(0, 4).join('/')}`;

    let status: number;
    let text: string;
    const signal = AbortSignal.timeout(this.timeoutMs);
    try {
      const res = await this.fetchFn(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal,
      });
      status = res.status;
      text = await res.text();
    } catch {
      const timedOut = signal.aborted;
      throw new PlatformError('UNAVAILABLE', `${operation}: ${timedOut ? `no answer within ${this.timeoutMs} ms` : 'network error'}`, {
        reason: timedOut ? 'timeout' : 'network', timeoutMs: this.timeoutMs,
      }, true);
    }

    let payload: unknown;
    try {
      payload = text === '' ? undefined : JSON.parse(text);
    } catch {
      payload = undefined;
    }
    if (status >= 500) {
      const upstream = field(payload, 'code');
      throw new PlatformError('UNAVAILABLE', `${operation}: upstream status ${status}`, {
        reason: 'upstream', httpStatus: status, upstreamCode: typeof upstream === 'string' ? upstream : null,
      }, true);
    }
    if (status >= 200 && status < 300) {
      if (typeof payload !== 'object' || payload === null) {
        throw new PlatformError('UNAVAILABLE', `${operation}: unreadable answer`, { reason: 'bad-response', httpStatus: status }, true);
      }
      return payload as T;
    }
    const code = field(payload, 'code');
    if (PlatformError.isCode(code)) {
      const message = field(payload, 'message');
      const retryable = field(payload, 'retryable');
      throw new PlatformError(
        code,
        typeof message === 'string' ? message : `${operation}: ${code}`,
        sanitizeDetails(field(payload, 'details')),
        typeof retryable === 'boolean' ? retryable : undefined,
      );
    }
    // The gateway refusing the bot's credentials is the operator's problem, not the citizen's input: "platform down".
    if (status === 401 || status === 403) {
      throw new PlatformError('UNAVAILABLE', `${operation}: the gateway refused the bot's credentials (status ${status})`, { reason: 'unauthorized', httpStatus: status }, false);
    }
    if (status === 404) throw new PlatformError('NOT_FOUND', `${operation}: not found`, { httpStatus: status });
    if (status === 429) throw new PlatformError('RATE_LIMITED', `${operation}: rate limited`, { httpStatus: status });
    throw new PlatformError('INVALID_ARGUMENT', `${operation}: rejected with status ${status}`, { httpStatus: status });
  }
}
