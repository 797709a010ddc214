import * as restify from 'restify';
import { PlatformError } from '../errors';
import type { PlatformErrorCode } from '../errors';
import openapi from '../openapi.json';
import type { ExamSession, ExamSubject, NewEnergyKind, PlateQuery, TrafficPlatform } from '../types';
import type { SandboxAdmin } from './SandboxAdmin';

export interface SandboxHttpServerOptions {
  /** Enables the sandbox-only simulation routes under /v1/sandbox. */
  readonly admin?: SandboxAdmin;
  /** Told about unexpected (non-PlatformError) failures; they are answered with 500 INTERNAL. */
  readonly onError?: (err: unknown) => void;
}

type Fields = Readonly<Record<string, unknown>>;
interface Reply {
  readonly status?: number;
  readonly body: unknown;
}

const STATUS: Readonly<Partial<Record<PlatformErrorCode, number>>> = {
  INVALID_ARGUMENT: 400,
  NOT_FOUND: 404,
  NOT_BOUND: 404,
  IDENTITY_MISMATCH: 403,
  LOCKED: 423,
  RATE_LIMITED: 429,
  IDEMPOTENCY_CONFLICT: 409,
  ALREADY_BOUND: 409,
  ALREADY_BOOKED: 409,
  SLOT_FULL: 409,
  PLATE_TAKEN: 409,
  VEHICLE_HAS_PLATE: 409,
  ALREADY_HANDLED: 409,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

/** Business-rule refusals not listed above are 422 Unprocessable Entity. */
function statusOf(code: PlatformErrorCode): number {
  return STATUS[code] ?? 422;
}

function fields(value: unknown): Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : {};
}

function citizen(req: restify.Request): string {
  const id = req.header('x-citizen-id');
  if (!id) throw new PlatformError('INVALID_ARGUMENT', 'missing X-Citizen-Id header', { field: 'X-Citizen-Id', rule: 'required' });
  return id;
}

function idempotencyKey(req: restify.Request): string {
  const key = req.header('idempotency-key');
  if (!key) throw new PlatformError('INVALID_ARGUMENT', 'missing Idempotency-Key header', { field: 'Idempotency-Key', rule: 'required' });
  return key;
}

function str(f: Fields, name: string): string {
  const v = f[name];
  if (typeof v !== 'string') throw new PlatformError('INVALID_ARGUMENT', `invalid ${name}: string`, { field: name, rule: 'string' });
  return v;
}

/** Numbers arrive as JSON numbers in bodies and as strings in query strings. */
function num(f: Fields, name: string): number {
  const v = f[name];
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number') throw new PlatformError('INVALID_ARGUMENT', `invalid ${name}: number`, { field: name, rule: 'number' });
  return n;
}

function param(req: restify.Request, name: string): string {
  const p = fields(req.params)[name];
  return typeof p === 'string' ? p : '';
}

function toPlatformError(err: unknown, onError?: (err: unknown) => void): PlatformError {
  if (err instanceof PlatformError) return err;
  onError?.(err);
  return new PlatformError('INTERNAL', 'internal error');
}

/** restify's own errors (unknown route, bad JSON, …) in the contract's error shape. */
function restifyErrorBody(statusCode: number, message: string): ReturnType<PlatformError['toJSON']> {
  const code: PlatformErrorCode = statusCode === 404 || statusCode === 405 ? 'NOT_FOUND' : statusCode >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT';
  return new PlatformError(code, message, { httpStatus: statusCode }).toJSON();
}

/**
 * The TrafficPlatform contract over HTTP (JSON, routes under /v1, described by ../openapi.json, served at
 * /v1/openapi.json). The acting citizen travels in the X-Citizen-Id header and other personal identifiers in
 * bodies, never in URLs; mutating calls take an Idempotency-Key header. Errors: { code, message, retryable, details }.
 */
export function createSandboxHttpServer(platform: TrafficPlatform, options: SandboxHttpServerOptions = {}): restify.Server {
  const server = restify.createServer({ name: 'jiaoguan-sandbox-platform' });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  // JSON only. restify's bodyParser would also hand multipart uploads to formidable, which writes them to the
  // temp folder before any route runs: the contract has no files, so anything but JSON is refused unread.
  server.pre((req: restify.Request, res: restify.Response, next: restify.Next) => {
    const hasBody = req.header('transfer-encoding') !== undefined || Number(req.header('content-length') ?? 0) > 0;
    if (!hasBody || /^application\/json\s*(;|$)/i.test(req.header('content-type') ?? '')) return next();
    res.header('connection', 'close');
    res.send(415, new PlatformError('INVALID_ARGUMENT', 'only application/json bodies are accepted', { httpStatus: 415 }).toJSON());
    return next(false);
  });
  // (maxBodySize goes to restify's bodyReader, which jsonBodyParser runs first; its typings omit it)
  server.use(restify.plugins.jsonBodyParser({ mapParams: false, maxBodySize: 64 * 1024 } as restify.plugins.JsonBodyParserOptions));

  server.on('restifyError', (_req: restify.Request, _res: restify.Response, err: unknown, callback: () => void) => {
    if (typeof err === 'object' && err !== null && !(err instanceof PlatformError)) {
      const statusCode = 'statusCode' in err && typeof err.statusCode === 'number' ? err.statusCode : 500;
      const message = err instanceof Error ? err.message : 'error';
      Object.assign(err, { toJSON: () => restifyErrorBody(statusCode, message) });
    }
    callback();
  });

  const handle = (fn: (req: restify.Request) => Promise<Reply>) => async (req: restify.Request, res: restify.Response) => {
    try {
      const reply = await fn(req);
      res.send(reply.status ?? 200, reply.body);
    } catch (err) {
      const e = toPlatformError(err, options.onError);
      res.send(statusOf(e.code), e.toJSON());
    }
  };
  const ok = (body: unknown, status = 200): Reply => ({ status, body });
  const items = (list: readonly unknown[]): Reply => ({ body: { items: list } });

  server.get('/v1/openapi.json', handle(async () => ok(openapi)));

  // identity
  server.post('/v1/identity/binding-challenges', handle(async (req) => {
    const b = fields(req.body);
    return ok(await platform.identity.startBinding(str(b, 'channelUserId'), str(b, 'idNumber'), str(b, 'name')), 201);
  }));
  server.post('/v1/identity/bindings', handle(async (req) => {
    const b = fields(req.body);
    return ok(await platform.identity.confirmBinding(str(b, 'channelUserId'), str(b, 'idNumber'), str(b, 'code')), 201);
  }));
  server.get('/v1/identity/bindings/:channelUserId', handle(async (req) =>
    ok(await platform.identity.requireBinding(param(req, 'channelUserId')))));

  // exams
  server.get('/v1/exams/eligibility', handle(async (req) => {
    const q = fields(req.query);
    return ok(await platform.exams.eligibility(citizen(req), num(q, 'subject') as ExamSubject, str(q, 'date')));
  }));
  server.get('/v1/exams/slots', handle(async (req) => {
    const q = fields(req.query);
    return items(await platform.exams.listSlots(num(q, 'subject') as ExamSubject, str(q, 'from'), num(q, 'days')));
  }));
  server.post('/v1/exams/bookings', handle(async (req) => {
    const b = fields(req.body);
    return ok(await platform.exams.book(
      citizen(req), num(b, 'subject') as ExamSubject, str(b, 'centreId'), str(b, 'date'), str(b, 'session') as ExamSession, idempotencyKey(req),
    ), 201);
  }));
  server.get('/v1/exams/bookings', handle(async (req) => items(await platform.exams.listBookings(citizen(req)))));
  server.post('/v1/exams/bookings/:bookingId/cancel', handle(async (req) =>
    ok(await platform.exams.cancel(citizen(req), param(req, 'bookingId')))));

  // plates
  server.post('/v1/plates/rounds', handle(async (req) => {
    const b = fields(req.body);
    const kind = b['newEnergyKind'] === undefined || b['newEnergyKind'] === null ? undefined : (str(b, 'newEnergyKind') as NewEnergyKind);
    return ok(await platform.plates.startRandomRound(citizen(req), str(b, 'vin'), kind), 201);
  }));
  server.post('/v1/plates/pattern-checks', handle(async (req) => {
    const b = fields(req.body);
    const patterns = b['patterns'];
    if (!Array.isArray(patterns) || !patterns.every((p): p is string => typeof p === 'string')) {
      throw new PlatformError('INVALID_ARGUMENT', 'invalid patterns: array of strings', { field: 'patterns', rule: 'string[]' });
    }
    return ok(await platform.plates.checkPatterns(citizen(req), str(b, 'vin'), patterns));
  }));
  server.post('/v1/plates/reservations', handle(async (req) => {
    const b = fields(req.body);
    return ok(await platform.plates.reserve(citizen(req), str(b, 'vin'), str(b, 'plate'), idempotencyKey(req)), 201);
  }));
  server.post('/v1/plates/reservation-lookups', handle(async (req) => {
    const b = fields(req.body);
    const query: PlateQuery = b['vin'] !== undefined ? { vin: str(b, 'vin') } : { idNumber: str(b, 'idNumber') };
    return items(await platform.plates.reservedPlate(query));
  }));

  // violations and fines
  server.post('/v1/violations/lookups', handle(async (req) => {
    const b = fields(req.body);
    if (b['idNumber'] !== undefined) return items(await platform.violations.byOwner(str(b, 'idNumber')));
    return items(await platform.violations.byPlate(str(b, 'plate'), str(b, 'vinLast6')));
  }));
  server.post('/v1/violations/:violationId/handle', handle(async (req) =>
    ok(await platform.violations.handle(citizen(req), param(req, 'violationId'), idempotencyKey(req)), 201)));
  server.get('/v1/decisions/:decisionNumber', handle(async (req) => ok(await platform.violations.decision(param(req, 'decisionNumber')))));
  server.post('/v1/decisions/:decisionNumber/payments', handle(async (req) => {
    const b = fields(req.body);
    return ok(await platform.violations.pay(param(req, 'decisionNumber'), num(b, 'amountFen'), idempotencyKey(req)), 201);
  }));
  server.get('/v1/points', handle(async (req) => ok(await platform.violations.points(citizen(req)))));

  // sms (sandbox gateway)
  server.post('/v1/sms/outbox-lookups', handle(async (req) => items(await platform.sms.outbox(str(fields(req.body), 'phone')))));

  // sandbox-only simulation
  const admin = options.admin;
  if (admin) {
    server.post('/v1/sandbox/exam-results', handle(async (req) => {
      const b = fields(req.body);
      const passed = b['passed'];
      if (typeof passed !== 'boolean') throw new PlatformError('INVALID_ARGUMENT', 'invalid passed: boolean', { field: 'passed', rule: 'boolean' });
      return ok({ bookingId: str(b, 'bookingId'), status: admin.recordExamResult(str(b, 'bookingId'), passed) });
    }));
  }
  return server;
}
