import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Request, Response, Server } from 'restify';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Headers of every page the bot serves: a strict CSP (no inline script or style), no framing, no sniffing. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

/**
 * Serves the plain static files of one folder at `<mount>/` (index.html) and `<mount>/<file>`. The file list
 * is read once at start, so no request path ever reaches the file system (no traversal).
 */
export function staticSite(server: Server, mount: string, dir: string): void {
  const files = new Map<string, { body: Buffer; type: string }>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    if (type) files.set(name, { body: readFileSync(join(dir, name)), type });
  }
  const serve = (res: Response, name: string): void => {
    const file = files.get(name);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { ...PAGE_HEADERS, 'content-type': file.type, 'content-length': file.body.length });
    res.end(file.body);
  };
  server.get(mount, async (_req: Request, res: Response) => redirect(res, `${mount}/`));
  server.get(`${mount}/`, async (_req: Request, res: Response) => serve(res, 'index.html'));
  server.get(`${mount}/:file`, async (req: Request, res: Response) => serve(res, String(req.params.file ?? '')));
}

/** A plain 302 to a path of this server. */
export function redirect(res: Response, location: string): void {
  res.writeHead(302, { location, 'content-type': 'text/plain; charset=utf-8' });
  res.end(`see ${location}`);
}
