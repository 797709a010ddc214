import type { Request } from 'restify';

/** A JSON request body's fields ({} when the body is not an object). */
export type JsonBody = Record<string, unknown>;

/** The request's parsed JSON body as fields, or {} (a missing, array or scalar body has no fields). */
export function jsonBody(req: Request): JsonBody {
  return req.body && typeof req.body === 'object' ? (req.body as JsonBody) : {};
}

/** A field as trimmed text; '' when it is not text. */
export function trimmedText(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}
