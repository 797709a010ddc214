import * as restify from 'restify';
import { ERROR_STATUS, PlatformError } from '../errors';
import type { PlatformErrorCode } from '../errors';
import { eventsRoutes } from '../events/routes';
import { examsRoutes } from '../exams/routes';
import { identityRoutes } from '../identity/routes';
import { assemblePlatformOpenApi } from '../openapi/assemble';
import { platesRoutes } from '../plates/routes';
import type { PortName } from '../ports';
import { smsRoutes } from '../sms/routes';
import type { TrafficPlatform } from '../types';
import { violationsRoutes } from '../violations/routes';
import { routeKit as k, type RouteHandler, type Routes } from './routeKit';
import type { SandboxAdmin } from './SandboxAdmin';

export interface SandboxHttpServerOptions {
  /** Enables the sandbox-only simulation routes under /v1/sandbox. */
  readonly admin?: SandboxAdmin;
  /** Told about unexpected (non-PlatformError) failures; they are answered with 500 INTERNAL. */
  readonly onError?: (err: unknown) => void;
}

/** Each port's routes (`<port>/routes.ts`); a port of ../ports without them does not compile. */
const PORT_ROUTES: { readonly [N in PortName]: (routes: Routes, port: TrafficPlatform[N]) => void } = {
  identity: identityRoutes,
  exams: examsRoutes,
  plates: platesRoutes,
  violations: violationsRoutes,
  sms: smsRoutes,
  events: eventsRoutes,
};

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
 * The TrafficPlatform contract over HTTP (JSON, routes under /v1): each port's routes in the ports' order, then the
 * sandbox-only simulation routes (./openapi.json); the ports' OpenAPI fragments are assembled and served at
 * /v1/openapi.json. The acting citizen travels in the X-Citizen-Id header and other personal identifiers in bodies,
 * never in URLs; mutating calls take an Idempotency-Key header. Errors: { code, message, retryable, details }, with
 * the HTTP status each code is declared with (../sharedErrors, `<port>/port.ts`).
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

  const handle = (fn: RouteHandler) => async (req: restify.Request, res: restify.Response) => {
    try {
      const reply = await fn(req);
      res.send(reply.status ?? 200, reply.body);
    } catch (err) {
      const e = toPlatformError(err, options.onError);
      res.send(ERROR_STATUS[e.code], e.toJSON());
    }
  };
  const routes: Routes = {
    get: (path, fn) => { server.get(path, handle(fn)); },
    post: (path, fn) => { server.post(path, handle(fn)); },
  };

  const openapi = assemblePlatformOpenApi();
  routes.get('/v1/openapi.json', async () => k.ok(openapi));
  const mount = <N extends PortName>(name: N): void => PORT_ROUTES[name](routes, platform[name]);
  for (const name of Object.keys(PORT_ROUTES) as PortName[]) mount(name);

  // sandbox-only simulation
  const admin = options.admin;
  if (admin) {
    routes.post('/v1/sandbox/exam-results', async (req) => {
      const b = k.fields(req.body);
      const passed = b['passed'];
      if (typeof passed !== 'boolean') throw new PlatformError('INVALID_ARGUMENT', 'invalid passed: boolean', { field: 'passed', rule: 'boolean' });
      const score = b['score'] === undefined ? undefined : k.num(b, 'score');
      return k.ok({ bookingId: k.str(b, 'bookingId'), status: admin.recordExamResult(k.str(b, 'bookingId'), passed, score) });
    });
  }
  return server;
}
