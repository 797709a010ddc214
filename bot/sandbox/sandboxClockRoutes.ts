import type { Request, Response, Server } from 'restify';
import type { SandboxClock } from '../../integrations/platform/sandbox/SandboxClock';
import { SandboxClockError } from '../../integrations/platform/sandbox/SandboxClockError';

const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The time as the sandbox tells it: the instant (UTC) and the same instant in China time, to the second. */
function told(instant: Date): { now: string; chinaTime: string } {
  const china = new Date(instant.getTime() + CST_OFFSET_MS).toISOString().slice(0, 19);
  return { now: instant.toISOString(), chinaTime: `${china}+08:00` };
}

/**
 * The demo's clock, for a demo or a test to move forward (the day before an exam, a fine's deadline):
 * `GET /sandbox/clock` tells the sandbox time, `POST /sandbox/clock {"now": "2026-12-01T09:00:00+08:00"}` sets it.
 * Installed only where the other /sandbox/* routes are (a demo on the sandbox platform). `afterMove` runs before the
 * answer (the notices due at the new time are computed and sent), so whoever moved the clock sees them next.
 */
export function sandboxClockRoutes(clock: SandboxClock, afterMove?: () => Promise<void>): (server: Server) => void {
  return (server) => {
    server.get('/sandbox/clock', async (_req: Request, res: Response) => {
      res.send(200, told(clock.now()));
    });
    server.post('/sandbox/clock', async (req: Request, res: Response) => {
      const body: unknown = req.body;
      const now = typeof body === 'object' && body !== null && 'now' in body ? body.now : undefined;
      if (typeof now !== 'string') {
        res.send(400, { error: 'now is required: an ISO date-time with an offset, e.g. {"now": "2026-12-01T09:00:00+08:00"}', code: 'CLOCK_INVALID' });
        return;
      }
      try {
        const set = clock.set(now);
        await afterMove?.();
        res.send(200, told(set));
      } catch (err) {
        if (!(err instanceof SandboxClockError)) throw err;
        res.send(400, { error: err.message, code: err.code });
      }
    });
  };
}
