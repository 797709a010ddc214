import type { Request, Response } from 'restify';
import type { AgentAuth, Authenticated } from '../accounts/AgentAuth';
import { agentErrorText, type AgentErrorCode } from './agentErrors';

/** What the sessions' guard refuses with, as the agent console's error codes. */
const REFUSALS: Readonly<Record<number, AgentErrorCode>> = { 401: 'NOT_LOGGED_IN', 403: 'CSRF_INVALID', 429: 'RATE_LIMITED' };

/**
 * The accounts' session guard (AgentAuth.guard: session, account rate limit, CSRF token) for the agent console:
 * its refusals (English, of the shared accounts module) are answered as the console's `{ error, code }` in Chinese.
 * The status and headers (Retry-After) are the guard's.
 */
export function agentGuard(auth: AgentAuth) {
  return async (req: Request, res: Response, options: { csrf?: boolean } = {}): Promise<Authenticated | undefined> => {
    const send = res.send;
    res.send = function sendRefusal(this: Response, code?: unknown, body?: unknown, headers?: unknown) {
      const refusal = typeof code === 'number' ? REFUSALS[code] : undefined;
      // A rate limit says when to try again (the guard's Retry-After, in seconds).
      const seconds = refusal === 'RATE_LIMITED' ? Number(this.getHeader('retry-after')) || 60 : undefined;
      const answer = refusal ? { error: agentErrorText({ code: refusal, ...(seconds ? { params: { seconds } } : {}) }), code: refusal } : body;
      return (send as (...a: unknown[]) => ReturnType<Response['send']>).call(this, code, answer, headers);
    } as Response['send'];
    try {
      return await auth.guard(req, res, options);
    } finally {
      res.send = send;
    }
  };
}
