import type { Request, Response, Server } from 'restify';
import type { AdminRouteDeps } from './adminRoutes';
import type { CorpusOffer, CorpusUpdates } from './CorpusUpdates';

export interface CorpusUpdateRouteDeps {
  auth: AdminRouteDeps['auth'];
  corpus: CorpusUpdates;
}

/** An offer as the console lists it: counts, not the lines. */
const summary = (o: CorpusOffer) => ({
  key: o.key, domain: o.domain, locale: o.locale, newIntents: o.newIntents, added: o.added.length, removed: o.removed.length,
  since: o.since ? { recordedAt: new Date(o.since.recordedAt).toISOString(), recordedBy: o.since.recordedBy } : null,
});

/**
 * Corpus files changed since the store took them in (documented in openapi.json): list them, see one's difference,
 * import it (the audited admin import) or dismiss it (audited). Admin role; changes need the CSRF token.
 */
export function corpusUpdateRoutes(d: CorpusUpdateRouteDeps): (server: Server) => void {
  const keyOf = (req: Request): string => `${String(req.params.domain)}/${String(req.params.locale)}`;
  const notOffered = (res: Response): void => {
    res.send(404, { error: 'no such corpus update (the file is as the store took it in)' });
  };

  return (server) => {
    server.get('/api/admin/corpus-updates', async (req: Request, res: Response) => {
      if (!(await d.auth.guard(req, res, { role: 'admin' }))) return;
      res.send(200, { updates: (await d.corpus.offers()).map(summary) });
    });

    server.get('/api/admin/corpus-updates/:domain/:locale', async (req: Request, res: Response) => {
      if (!(await d.auth.guard(req, res, { role: 'admin' }))) return;
      const offer = await d.corpus.offer(keyOf(req));
      if (!offer) notOffered(res);
      else res.send(200, { update: { ...summary(offer), added: offer.added, removed: offer.removed } });
    });

    server.post('/api/admin/corpus-updates/:domain/:locale/import', async (req: Request, res: Response) => {
      const a = await d.auth.guard(req, res, { role: 'admin', csrf: true });
      if (!a) return;
      const result = await d.corpus.import(keyOf(req), a.agent.id, a.agent.username);
      if (!result) notOffered(res);
      else res.send(200, result);
    });

    server.post('/api/admin/corpus-updates/:domain/:locale/dismiss', async (req: Request, res: Response) => {
      const a = await d.auth.guard(req, res, { role: 'admin', csrf: true });
      if (!a) return;
      if (!(await d.corpus.dismiss(keyOf(req), a.agent.id, a.agent.username))) notOffered(res);
      else res.send(200, { key: keyOf(req), dismissed: true });
    });
  };
}
