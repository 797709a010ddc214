import { PlatformError } from '../errors';
import { tlsFetch, type GatewayTls } from './tlsFetch';
import type { PlatformErrorDetails } from '../errors';
import type {
  Binding, BindingChallenge, ExamBooking, ExamEligibility, ExamSession, ExamSlot, ExamSubject, ExamsPort, IdentityPort,
  NewEnergyKind, PatternResult, Payment, PenaltyDecision, PlateQuery, PlateReservation, PlateRound, PlatesPort,
  PointsStatement, SmsMessage, SmsPort, TrafficPlatform, Violation, ViolationsPort,
} from '../types';

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

interface CallOptions {
  readonly query?: Readonly<Record<string, string | number>>;
  readonly body?: unknown;
  readonly citizen?: string;
  readonly idempotencyKey?: string;
}

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

/** A TrafficPlatform speaking the HTTP contract (../openapi.json) with Node's fetch. */
export class HttpPlatform implements TrafficPlatform {
  readonly identity: IdentityPort;
  readonly exams: ExamsPort;
  readonly plates: PlatesPort;
  readonly violations: ViolationsPort;
  readonly sms: SmsPort;

  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly headers: Readonly<Record<string, string>>;
  private readonly fetchFn: typeof fetch;

  constructor(options: HttpPlatformOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.headers = { ...(options.headers ?? {}), ...(options.token !== undefined ? { authorization: `Bearer ${options.token}` } : {}) };
    this.fetchFn = options.fetch ?? (options.tls ? tlsFetch(options.tls) : fetch);
    const call = this.call.bind(this);
    const seg = encodeURIComponent;

    this.identity = {
      startBinding: (channelUserId, idNumber, name) =>
        call<BindingChallenge>('POST', '/v1/identity/binding-challenges', { body: { channelUserId, idNumber, name } }),
      confirmBinding: (channelUserId, idNumber, code) =>
        call<Binding>('POST', '/v1/identity/bindings', { body: { channelUserId, idNumber, code } }),
      requireBinding: (channelUserId) => call<Binding>('GET', `/v1/identity/bindings/${seg(channelUserId)}`),
      getBinding: async (channelUserId) => {
        try {
          return await call<Binding>('GET', `/v1/identity/bindings/${seg(channelUserId)}`);
        } catch (err) {
          if (PlatformError.is(err, 'NOT_BOUND')) return null;
          throw err;
        }
      },
    };

    this.exams = {
      eligibility: (idNumber, subject, date) =>
        call<ExamEligibility>('GET', '/v1/exams/eligibility', { citizen: idNumber, query: { subject, date } }),
      listSlots: async (subject, fromDate, days) =>
        (await call<{ items: ExamSlot[] }>('GET', '/v1/exams/slots', { query: { subject, from: fromDate, days } })).items,
      book: (idNumber: string, subject: ExamSubject, centreId: string, date: string, session: ExamSession, idempotencyKey: string) =>
        call<ExamBooking>('POST', '/v1/exams/bookings', { citizen: idNumber, idempotencyKey, body: { subject, centreId, date, session } }),
      listBookings: async (idNumber) =>
        (await call<{ items: ExamBooking[] }>('GET', '/v1/exams/bookings', { citizen: idNumber })).items,
      cancel: (idNumber, bookingId) =>
        call<ExamBooking>('POST', `/v1/exams/bookings/${seg(bookingId)}/cancel`, { citizen: idNumber }),
    };

    this.plates = {
      startRandomRound: (idNumber: string, vin: string, newEnergyKind?: NewEnergyKind) =>
        call<PlateRound>('POST', '/v1/plates/rounds', { citizen: idNumber, body: { vin, newEnergyKind } }),
      checkPatterns: (idNumber, vin, patterns) =>
        call<PatternResult>('POST', '/v1/plates/pattern-checks', { citizen: idNumber, body: { vin, patterns } }),
      reserve: (idNumber, vin, plate, idempotencyKey) =>
        call<PlateReservation>('POST', '/v1/plates/reservations', { citizen: idNumber, idempotencyKey, body: { vin, plate } }),
      reservedPlate: async (query: PlateQuery) =>
        (await call<{ items: PlateReservation[] }>('POST', '/v1/plates/reservation-lookups', { body: query })).items,
    };

    this.violations = {
      byPlate: async (plate, vinLast6) =>
        (await call<{ items: Violation[] }>('POST', '/v1/violations/lookups', { body: { plate, vinLast6 } })).items,
      byOwner: async (idNumber) =>
        (await call<{ items: Violation[] }>('POST', '/v1/violations/lookups', { body: { idNumber } })).items,
      handle: (idNumber, violationId, idempotencyKey) =>
        call<PenaltyDecision>('POST', `/v1/violations/${seg(violationId)}/handle`, { citizen: idNumber, idempotencyKey }),
      decision: (decisionNumber) => call<PenaltyDecision>('GET', `/v1/decisions/${seg(decisionNumber)}`),
      pay: (decisionNumber, amountFen, idempotencyKey) =>
        call<Payment>('POST', `/v1/decisions/${seg(decisionNumber)}/payments`, { idempotencyKey, body: { amountFen } }),
      points: (idNumber) => call<PointsStatement>('GET', '/v1/points', { citizen: idNumber }),
    };

    this.sms = {
      outbox: async (phone) => (await call<{ items: SmsMessage[] }>('POST', '/v1/sms/outbox-lookups', { body: { phone } })).items,
    };
  }

  /**
   * One request. Contract errors come back as PlatformError with the server's code; network failures, timeouts,
   * unreadable answers and 5xx become retryable UNAVAILABLE.
   */
  private async call<T>(method: 'GET' | 'POST', path: string, options: CallOptions = {}): Promise<T> {
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
