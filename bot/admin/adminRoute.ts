import type { Request, Response } from 'restify';
import type { AgentAuth, Authenticated } from '../accounts/AgentAuth';

/** How an API answers an error it knows (status and JSON body); undefined for one it does not (re-thrown). */
export type ErrorAnswer = (e: unknown) => { status: number; body: Record<string, unknown> } | undefined;

/**
 * The admin APIs' route wrapper: an admin session (and the CSRF token for changes), then the handler; an error the
 * API knows becomes its JSON answer, any other is thrown on (the server's error handling answers it).
 */
export function adminRoute(auth: AgentAuth, answer: ErrorAnswer) {
  return (change: boolean, handler: (req: Request, res: Response, a: Authenticated) => Promise<void>) =>
    async (req: Request, res: Response): Promise<void> => {
      const a = await auth.guard(req, res, { role: 'admin', csrf: change });
      if (!a) return;
      try {
        await handler(req, res, a);
      } catch (e) {
        const known = answer(e);
        if (!known) throw e;
        res.send(known.status, known.body);
      }
    };
}
