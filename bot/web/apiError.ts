import type { Response } from 'restify';

/** A JSON API error the consoles show: `{ error: { code, message } }` with a stable code. */
export function sendApiError(res: Response, status: number, code: string, message: string): void {
  res.setHeader('cache-control', 'no-store');
  res.send(status, { error: { code, message } });
}
