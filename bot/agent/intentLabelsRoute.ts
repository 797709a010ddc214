import type { Request, Response, Server } from 'restify';
import { consoleIntentLabels } from '../../dialogs/main/coreIntents';
import type { ServiceIndex } from '../../dialogs/services/ServiceIndex';

/** The consoles' session check (AgentAuth.guard): answers 401/429 itself and resolves to nothing then. */
export interface ConsoleGuard {
  guard(req: Request, res: Response): Promise<unknown>;
}

/**
 * GET /api/agent/intents: how the agent console names the intents it shows (a handoff's recent intents), in
 * both languages: the core intents and every service module's. Needs a session, as every console call.
 */
export function intentLabelsRoute(auth: ConsoleGuard, services: ServiceIndex): (server: Server) => void {
  const intents = consoleIntentLabels(services);
  return (server) => {
    server.get('/api/agent/intents', async (req: Request, res: Response) => {
      if (await auth.guard(req, res)) res.send(200, { intents });
    });
  };
}
