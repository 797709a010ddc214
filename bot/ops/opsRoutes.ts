import { timingSafeEqual } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { Storage } from 'botbuilder';
import type { Metrics } from './Metrics';
import type { WriteHealth } from '../../integrations/storage/writeHealth';

export interface OpsDeps {
  metrics: Metrics;
  /** Bearer token for /metrics; without one /metrics is closed. */
  metricsToken?: string;
  storage: Storage;
  /** The store's recent writes: a write failure not followed by a success makes the bot unavailable. */
  writes?: WriteHealth;
  /** The live NLU version, once loaded. */
  liveModel: () => string | undefined;
}

/** `Authorization: Bearer <token>`; the scheme in any case (RFC 7235), the token compared in constant time. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^bearer +(.+)$/i.exec(header ?? '')?.[1] ?? '');
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

/**
 * GET /metrics (Prometheus, bearer token) and GET /readyz: store reachable and its writes working (a recent write
 * failure with no success since, e.g. a full disk, answers 503 `{ status: 'unavailable', store: <fault code> }`),
 * NLU model loaded.
 */
export function opsRoutes(d: OpsDeps): (server: Server) => void {
  return (server) => {
    server.get('/metrics', async (req: Request, res: Response) => {
      if (!d.metricsToken) {
        res.send(403, { error: 'metrics are closed: set METRICS_TOKEN and scrape with Authorization: Bearer <token>' });
        return;
      }
      if (!bearerMatches(req.header('authorization'), d.metricsToken)) {
        res.send(401, { error: 'Authorization: Bearer <METRICS_TOKEN> required' });
        return;
      }
      const body = await d.metrics.render();
      res.writeHead(200, { 'content-type': d.metrics.registry.contentType, 'cache-control': 'no-store' });
      res.end(body);
    });
    server.get('/readyz', async (_req: Request, res: Response) => {
      const model = d.liveModel();
      const failure = d.writes?.recentFailure();
      if (failure) {
        res.send(503, {
          status: 'unavailable', store: failure.code, failedStore: failure.store, since: new Date(failure.at).toISOString(), model: model ?? 'loading',
        });
        return;
      }
      let store = 'ok';
      try {
        await d.storage.read(['readyz/probe']);
      } catch (err) {
        store = err instanceof Error ? err.message : String(err);
      }
      const ready = store === 'ok' && model !== undefined;
      res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', store, model: model ?? 'loading' });
    });
  };
}
