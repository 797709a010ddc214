import type { Next, Request, RequestHandler, Response } from 'restify';
import { sendApiError } from '../apiError';
import { BodyRefusal } from './BodyRefusal';
import { BodyAborted, readBody } from './readBody';
import type { BodyRule } from './bodyRules';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Replaces restify's bodyParser (which let formidable write multipart uploads to the temp folder before any
 * authentication): reads each request's body as its route's rule says, in memory and capped, after refusing an
 * unexpected Content-Type, Content-Encoding or charset before a byte is read. Refusals are 415 / 413 / 400 with a
 * clear message (JSON `{ error: { code, message } }`, or plain text for text routes) and close the connection, so
 * the rest of a refused body is not read. Requests without a body pass untouched (req.body stays undefined).
 */
export function parseBodies(ruleFor: (routePath: string) => BodyRule): RequestHandler {
  return (req: Request, res: Response, next: Next): void => {
    if (!hasBody(req)) return next();
    const rule = ruleFor(req.getRoute()?.path?.toString() ?? req.path());
    read(req, rule).then(
      (body) => {
        req.body = body;
        next();
      },
      (e: unknown) => {
        if (e instanceof BodyAborted) return next(false);
        if (!(e instanceof BodyRefusal)) return next(e as Error);
        refuse(res, rule, e);
        next(false);
      },
    );
  };
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

async function read(req: Request, rule: BodyRule): Promise<unknown> {
  checkHeaders(req, rule);
  const raw = await readBody(req, rule.limit);
  if (!raw.length) return undefined;
  let text: string;
  try {
    text = UTF8.decode(raw);
  } catch {
    throw new BodyRefusal(400, 'BODY_NOT_UTF8', 'request body is not valid UTF-8');
  }
  if (rule.kind === 'text') return text;
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new BodyRefusal(400, 'MALFORMED_JSON', `request body is not valid JSON: ${(e as Error).message}`);
  }
}

/** Refuses (415) what this route never reads: another media type (multipart, forms, files), a compressed body, a non-UTF-8 charset. */
function checkHeaders(req: Request, rule: BodyRule): void {
  const accepted = rule.types.join(', ');
  const header = req.headers['content-type'];
  if (header === undefined || !header.trim()) {
    if (rule.untypedAllowed) return;
    throw new BodyRefusal(415, 'UNSUPPORTED_MEDIA_TYPE', `a request body needs a Content-Type: ${accepted}`);
  }
  const [type, ...params] = header.split(';').map((p) => p.trim().toLowerCase());
  if (!rule.types.includes(type)) {
    throw new BodyRefusal(415, 'UNSUPPORTED_MEDIA_TYPE', `Content-Type ${type} is not accepted here (only ${accepted}; no files or forms)`);
  }
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/^"|"$/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new BodyRefusal(415, 'UNSUPPORTED_MEDIA_TYPE', `charset ${charset} is not accepted here (only UTF-8)`);
  }
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity') {
    throw new BodyRefusal(415, 'UNSUPPORTED_MEDIA_TYPE', `Content-Encoding ${encoding} is not accepted (send the body uncompressed)`);
  }
}

function refuse(res: Response, rule: BodyRule, e: BodyRefusal): void {
  // The client may still be sending: close the connection after this answer instead of reading the rest.
  res.header('connection', 'close');
  if (rule.kind === 'json') {
    sendApiError(res, e.status, e.code, e.message);
    return;
  }
  const text = `${e.message}\n`;
  res.writeHead(e.status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text), connection: 'close' });
  res.end(text);
}
