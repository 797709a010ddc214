import type * as restify from 'restify';
import { PlatformError } from '../errors';

/** What a route answers: a status (default 200) and a JSON body. */
export interface Reply {
  readonly status?: number;
  readonly body: unknown;
}

export type RouteHandler = (req: restify.Request) => Promise<Reply>;

/** Where a port's sandbox routes (`<port>/routes.ts`) are mounted; errors become the contract's error answers. */
export interface Routes {
  get(path: string, handler: RouteHandler): void;
  post(path: string, handler: RouteHandler): void;
}

type Fields = Readonly<Record<string, unknown>>;

/**
 * Helpers for the sandbox's side of the HTTP contract: reading headers, bodies, query strings and route parameters
 * (anything missing or of the wrong type is INVALID_ARGUMENT) and shaping replies.
 */
export const routeKit = {
  ok: (body: unknown, status = 200): Reply => ({ status, body }),
  items: (list: readonly unknown[]): Reply => ({ body: { items: list } }),

  fields(value: unknown): Fields {
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : {};
  },

  citizen(req: restify.Request): string {
    const id = req.header('x-citizen-id');
    if (!id) throw new PlatformError('INVALID_ARGUMENT', 'missing X-Citizen-Id header', { field: 'X-Citizen-Id', rule: 'required' });
    return id;
  },

  idempotencyKey(req: restify.Request): string {
    const key = req.header('idempotency-key');
    if (!key) throw new PlatformError('INVALID_ARGUMENT', 'missing Idempotency-Key header', { field: 'Idempotency-Key', rule: 'required' });
    return key;
  },

  str(f: Fields, name: string): string {
    const v = f[name];
    if (typeof v !== 'string') throw new PlatformError('INVALID_ARGUMENT', `invalid ${name}: string`, { field: name, rule: 'string' });
    return v;
  },

  /** Numbers arrive as JSON numbers in bodies and as strings in query strings. */
  num(f: Fields, name: string): number {
    const v = f[name];
    const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
    if (typeof n !== 'number') throw new PlatformError('INVALID_ARGUMENT', `invalid ${name}: number`, { field: name, rule: 'number' });
    return n;
  },

  param(req: restify.Request, name: string): string {
    const p = routeKit.fields(req.params)[name];
    return typeof p === 'string' ? p : '';
  },
};
