import type { Next, Request, Response, Server } from 'restify';

/**
 * Every response under `prefix` (success or error, also restify's own 404, 405 and body errors) is never stored
 * by a browser or proxy (`Cache-Control: no-store`: sessions, CSRF tokens, citizens' data) and never sniffed as
 * another content type (`X-Content-Type-Options: nosniff`).
 */
export function apiHeaders(server: Server, prefix: string): void {
  server.pre((req: Request, res: Response, next: Next) => {
    if ((req.path?.() ?? req.url ?? '').startsWith(prefix)) {
      res.setHeader('cache-control', 'no-store');
      res.setHeader('x-content-type-options', 'nosniff');
    }
    next();
  });
}
