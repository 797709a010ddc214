import type { Request, Response, Server } from 'restify';
import { PlatformError } from '../../integrations/platform/errors';
import { instantWithOffset } from '../../integrations/platform/sandbox/instantWithOffset';
import type { SandboxAdmin } from '../../integrations/platform/sandbox/SandboxAdmin';
import type { ViolationKind } from '../../integrations/platform/types';

/** A violation of each kind as the demo records it when the request leaves something out (fines as 南京 issues them). */
const KINDS: Readonly<Record<ViolationKind, { fineFen: number; points: number; location: string }>> = {
  'speeding': { fineFen: 20000, points: 3, location: '南京市江宁区机场高速K15' },
  'parking': { fineFen: 15000, points: 0, location: '南京市玄武区中山路' },
  'red-light': { fineFen: 20000, points: 6, location: '南京市秦淮区中华路与白下路交叉口' },
  'phone-use': { fineFen: 10000, points: 3, location: '南京市鼓楼区中山北路与虎踞路交叉口' },
  'lane': { fineFen: 10000, points: 1, location: '南京市建邺区江东中路' },
  'seatbelt': { fineFen: 5000, points: 1, location: '南京市栖霞区绕城公路K8' },
};
const KIND_NAMES = Object.keys(KINDS).join(', ');


/** A refusal: the HTTP status, a stable code, and a sentence saying what to send instead. */
class Refusal extends Error {
  constructor(readonly status: 400 | 409, readonly code: string, message: string, readonly field?: string) {
    super(message);
  }
}

type Body = Readonly<Record<string, unknown>>;

function bodyOf(req: Request): Body {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Refusal(400, 'INVALID_ARGUMENT', 'the body must be a JSON object');
  return body as Body;
}

function required(b: Body, field: string, example: string): string {
  const v = b[field];
  if (typeof v !== 'string' || v.trim() === '') throw new Refusal(400, 'INVALID_ARGUMENT', `${field} is required, e.g. ${example}`, field);
  return v.trim();
}

function optionalInteger(b: Body, field: string, min: number, max: number): number | undefined {
  const v = b[field];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new Refusal(400, 'INVALID_ARGUMENT', `${field} must be a whole number from ${min} to ${max}`, field);
  }
  return v;
}

function optionalText(b: Body, field: string, maxLength: number): string | undefined {
  const v = b[field];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.trim() === '' || v.length > maxLength) {
    throw new Refusal(400, 'INVALID_ARGUMENT', `${field} must be text of 1 to ${maxLength} characters`, field);
  }
  return v.trim();
}

function kindOf(b: Body): ViolationKind {
  const kind = b['kind'];
  if (typeof kind !== 'string' || !Object.hasOwn(KINDS, kind)) throw new Refusal(400, 'INVALID_ARGUMENT', `kind must be one of ${KIND_NAMES}`, 'kind');
  return kind as ViolationKind;
}

function occurredAtOf(b: Body): string | undefined {
  const v = b['occurredAt'];
  if (v === undefined) return undefined;
  // As the sandbox clock takes it: without an offset the instant would depend on the server's zone.
  const at = typeof v === 'string' ? instantWithOffset(v) : undefined;
  if (at === undefined) {
    throw new Refusal(400, 'INVALID_ARGUMENT', 'occurredAt must be an ISO date-time with an offset, e.g. 2026-12-01T08:30:00+08:00', 'occurredAt');
  }
  return new Date(at).toISOString();
}

/** The platform's refusals of a sandbox call, as this route answers them. */
function refusalOf(err: PlatformError): Refusal {
  const field = typeof err.details['field'] === 'string' ? err.details['field'] : undefined;
  if (err.code === 'NOT_FOUND' && err.details['entity'] === 'booking') {
    return new Refusal(400, 'UNKNOWN_BOOKING', 'no exam booking has this bookingId', 'bookingId');
  }
  if (err.code === 'INVALID_ARGUMENT' && err.details['rule'] === 'booked') {
    return new Refusal(409, 'NOT_AWAITING_RESULT', 'this booking was cancelled or already has its result', 'bookingId');
  }
  if (err.code === 'INVALID_ARGUMENT') return new Refusal(400, 'INVALID_ARGUMENT', err.message, field);
  return new Refusal(409, err.code, err.message, field);
}

/** Runs a route, answering refusals as `{ error, code, field? }`. */
function answer(fn: (req: Request) => { status: number; body: unknown }) {
  return async (req: Request, res: Response): Promise<void> => {
    try {
      const reply = fn(req);
      res.send(reply.status, reply.body);
    } catch (err) {
      const refusal = err instanceof Refusal ? err : err instanceof PlatformError ? refusalOf(err) : undefined;
      if (!refusal) throw err;
      res.send(refusal.status, { error: refusal.message, code: refusal.code, ...(refusal.field ? { field: refusal.field } : {}) });
    }
  };
}

/**
 * What the real platform does by itself, for a demo, the browser test or the README to make happen (demo only,
 * next to /sandbox/clock): `POST /sandbox/exam-results {"bookingId", "passed", "score"?}` records the examiner's
 * verdict, `POST /sandbox/violations {"plate", "kind", "location"?, "fineFen"?, "points"?, "occurredAt"?}` records a
 * violation on a registered vehicle (a typical fine, points and place for its kind, now, when left out). Both are
 * published on the platform's events feed, as the real ones are. Refusals: 400 (or 409 for a booking no longer
 * awaiting its result) `{ error, code, field? }`.
 */
export function sandboxEventRoutes(admin: SandboxAdmin): (server: Server) => void {
  return (server) => {
    server.post('/sandbox/exam-results', answer((req) => {
      const b = bodyOf(req);
      const bookingId = required(b, 'bookingId', '{"bookingId": "BK…", "passed": true, "score": 92}');
      const passed = b['passed'];
      if (typeof passed !== 'boolean') throw new Refusal(400, 'INVALID_ARGUMENT', 'passed is required: true or false', 'passed');
      const score = optionalInteger(b, 'score', 0, 100);
      const status = admin.recordExamResult(bookingId, passed, score);
      return { status: 201, body: { bookingId, passed, ...(score !== undefined ? { score } : {}), status } };
    }));

    server.post('/sandbox/violations', answer((req) => {
      const b = bodyOf(req);
      const plate = required(b, 'plate', '{"plate": "苏A12345", "kind": "speeding"}');
      const kind = kindOf(b);
      const usual = KINDS[kind];
      const location = optionalText(b, 'location', 64) ?? usual.location;
      const fineFen = optionalInteger(b, 'fineFen', 0, 10_000_000) ?? usual.fineFen;
      const points = optionalInteger(b, 'points', 0, 12) ?? usual.points;
      const occurredAt = occurredAtOf(b);
      const vehicle = admin.vehicleByPlate(plate);
      if (!vehicle) throw new Refusal(400, 'UNKNOWN_PLATE', 'no vehicle is registered with this plate', 'plate');
      const recorded = admin.addViolation({ idNumber: vehicle.ownerIdNumber, vin: vehicle.vin, kind, location, fineFen, points, occurredAt });
      return { status: 201, body: recorded };
    }));
  };
}
