import type { Request, Response, Server } from 'restify';
import type { TrustedProxies } from '../web/TrustedProxies';
import { AgentAuth } from './AgentAuth';
import { publicAgent } from './publicAgent';
import { jsonBody, trimmedText } from '../web/jsonFields';

export interface AccountRouteDeps {
  auth: AgentAuth;
  /** Who the client is behind trusted reverse proxies (login limits, Secure cookies). */
  proxies: TrustedProxies;
}

/** Where both consoles sign in: the paths predate the accounts module and stay where the consoles call them. */
const PREFIX = '/api/agent/';

/**
 * Signing in and out of the consoles (agent and admin alike): POST /api/agent/login, POST /api/agent/logout
 * (session and CSRF token) and GET /api/agent/me (who is signed in, and the CSRF token again after a reload).
 */
export function accountRoutes(d: AccountRouteDeps): (server: Server) => void {
  return (server) => {
    server.post(`${PREFIX}login`, async (req: Request, res: Response) => {
      const b = jsonBody(req);
      const username = trimmedText(b.username);
      const password = typeof b.password === 'string' ? b.password : '';
      if (!username || !password) {
        res.send(400, { error: 'username and password are required' });
        return;
      }
      const r = await d.auth.login(username, password, d.proxies.clientAddress(req));
      if (!r.ok) {
        if (r.retryAfterSeconds) res.header('retry-after', String(r.retryAfterSeconds));
        res.send(r.status, { error: r.error, retryAfterSeconds: r.retryAfterSeconds });
        return;
      }
      res.header('set-cookie', AgentAuth.cookie(r.token, d.proxies.isHttps(req)));
      res.send(200, { agent: publicAgent(r.agent), csrfToken: r.csrfToken });
    });

    server.post(`${PREFIX}logout`, async (req: Request, res: Response) => {
      const auth = await d.auth.guard(req, res, { csrf: true });
      if (!auth) return;
      await d.auth.logout(auth);
      res.header('set-cookie', AgentAuth.clearCookie());
      res.send(204);
    });

    server.get(`${PREFIX}me`, async (req: Request, res: Response) => {
      const auth = await d.auth.guard(req, res);
      if (auth) res.send(200, { agent: publicAgent(auth.agent), csrfToken: auth.csrfToken });
    });
  };
}
