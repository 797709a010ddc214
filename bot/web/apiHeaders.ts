import type { Next, Request, Response, Server } from 'restify';

/** The console APIs: every answer is personal (sessions, CSRF tokens, citizens' data). */
export const CONSOLE_API_PREFIXES: readonly string[] = ['/api/agent/', '/api/admin/'];

/**
 * Every response under one of `prefixes` (success or error, also restify's own 404, 405 and body errors) is never stored
 * by a browser or proxy (`Cache-Control: no-store`: sessions, CSRF tokens, citizens' data) and never sniffed as
 * another content type (`X-Content-Type-Options: nosniff`).
 */
export function apiHeaders(server: Server, prefixes: readonly string[]): void {
  server.pre((req: Request, res: Response, next: Next) => {
    const path = req.path?.() ?? req.url ?? '';
    if (prefixes.some((prefix) => path.startsWith(prefix))) {
      res.setHeader('cache-control', 'no-store');
      res.setHeader('x-content-type-options', 'nosniff');
    }
    next();
  });
}
