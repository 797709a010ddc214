import type { Request, Response, Server } from 'restify';
import type { AgentStore } from '../../integrations/storage/agents';
import type { HandoffStore } from '../../integrations/storage/handoffs';
import type { TranscriptStore } from '../../integrations/storage/transcripts';
import { messageKeys, translate } from '../../dialogs/i18n/catalog';
import type { HandoffFeed } from '../handoff/HandoffFeed';
import type { AgentActionResult, HandoffService } from '../handoff/HandoffService';
import type { AgentAuth } from '../accounts/AgentAuth';
import { publicAgent } from '../accounts/publicAgent';
import { summarize } from './agentViews';
import { openEventStream } from '../web/eventStream';
import { jsonBody, trimmedText } from '../web/jsonFields';

export interface AgentRouteDeps {
  auth: AgentAuth;
  agents: AgentStore;
  handoffs: HandoffStore;
  service: HandoffService;
  transcripts: TranscriptStore;
  feed: HandoffFeed;
  now: () => number;
}

const MAX_TEXT = 2000;
/** Canned replies in the order an agent uses them. */
const CANNED = ['greeting', 'vehicle', 'counter', 'followUp', 'bye'].map((k) => `handoff.canned.${k}`);
/** The request's `text` (trimmed), or undefined after answering 400 when it is empty or too long. */
const requiredText = (req: Request, res: Response): string | undefined => {
  const t = trimmedText(jsonBody(req).text);
  if (t && Array.from(t).length <= MAX_TEXT) return t;
  res.send(400, { error: `text must have 1-${MAX_TEXT} characters` });
  return undefined;
};

/**
 * The agent console's API under /api/agent/ (signing in and out is the accounts module's: accountRoutes): every
 * route needs a session; every POST a CSRF token.
 */
export function agentRoutes(d: AgentRouteDeps): (server: Server) => void {
  const reply = (res: Response, r: AgentActionResult, status = 200): Promise<void> => (r.ok
    ? summarize(r.record, d.agents, d.now()).then((handoff) => { res.send(status, { handoff }); })
    : Promise.resolve(res.send(r.status, { error: r.error })));
  const idOf = (req: Request): string => String(req.params.id ?? '');

  return (server) => {
    server.get('/api/agent/queue', async (req: Request, res: Response) => {
      const auth = await d.auth.guard(req, res);
      if (!auth) return;
      const now = d.now();
      const active = await d.handoffs.active();
      const view = (list: typeof active) => Promise.all(list.map((r) => summarize(r, d.agents, now)));
      res.send(200, {
        waiting: await view(await d.handoffs.waiting()),
        mine: await view(active.filter((r) => r.agentId === auth.agent.id)),
        others: await view(active.filter((r) => r.agentId !== auth.agent.id)),
        callbacks: await view(await d.handoffs.callbacks(50)),
      });
    });

    server.get('/api/agent/handoffs/:id', async (req: Request, res: Response) => {
      const auth = await d.auth.guard(req, res);
      if (!auth) return;
      const record = await d.handoffs.get(idOf(req));
      if (!record) {
        res.send(404, { error: 'no such handoff' });
        return;
      }
      const lines = await d.transcripts.list(record.conversationId, 200);
      const events = await d.handoffs.eventsOf(record.id);
      const names = new Map((await d.agents.list()).map((a) => [a.id, a.displayName]));
      res.send(200, {
        handoff: await summarize(record, d.agents, d.now()),
        transcript: lines.map((l) => ({ from: l.from, text: l.text, at: l.timestamp })),
        notes: events.filter((e) => e.kind === 'note').map((e) => ({ agent: names.get(e.agentId ?? '') ?? '?', text: e.text ?? '', at: new Date(e.at).toISOString() })),
      });
    });

    server.post('/api/agent/handoffs/:id/accept', async (req: Request, res: Response) => {
      const auth = await d.auth.guard(req, res, { csrf: true });
      if (auth) await reply(res, await d.service.accept(idOf(req), auth.agent));
    });

    server.post('/api/agent/handoffs/:id/messages', async (req: Request, res: Response) => {
      const auth = await d.auth.guard(req, res, { csrf: true });
      if (!auth) return;
      const t = requiredText(req, res);
      if (t === undefined) return;
      const r = await d.service.agentMessage(idOf(req), auth.agent, t);
      if (!r.ok) res.send(r.status, { error: r.error });
      else res.send(201, { message: { from: 'agent', text: t, at: new Date(d.now()).toISOString() } });
    });

    server.post('/api/agent/handoffs/:id/notes', async (req: Request, res: Response) => {
      const auth = await d.auth.guard(req, res, { csrf: true });
      if (!auth) return;
      const t = requiredText(req, res);
      if (t === undefined) return;
      await reply(res, await d.service.note(idOf(req), auth.agent, t), 201);
    });

    server.post('/api/agent/handoffs/:id/transfer', async (req: Request, res: Response) => {
      const auth = await d.auth.guard(req, res, { csrf: true });
      if (!auth) return;
      const to = await d.agents.byId(trimmedText(jsonBody(req).agentId));
      if (!to) {
        res.send(400, { error: 'agentId must name an agent (see GET /api/agent/agents)' });
        return;
      }
      await reply(res, await d.service.transfer(idOf(req), auth.agent, to));
    });

    server.post('/api/agent/handoffs/:id/handback', async (req: Request, res: Response) => {
      const auth = await d.auth.guard(req, res, { csrf: true });
      if (auth) await reply(res, await d.service.finish(idOf(req), auth.agent, 'handback'));
    });

    server.post('/api/agent/handoffs/:id/close', async (req: Request, res: Response) => {
      const auth = await d.auth.guard(req, res, { csrf: true });
      if (!auth) return;
      const reason = trimmedText(jsonBody(req).reason);
      if (!reason || Array.from(reason).length > 200) {
        res.send(400, { error: 'reason must have 1-200 characters' });
        return;
      }
      await reply(res, await d.service.finish(idOf(req), auth.agent, reason));
    });

    server.get('/api/agent/agents', async (req: Request, res: Response) => {
      const auth = await d.auth.guard(req, res);
      if (auth) res.send(200, { agents: (await d.agents.list()).filter((a) => !a.disabled).map(publicAgent) });
    });

    server.get('/api/agent/canned', async (req: Request, res: Response) => {
      const auth = await d.auth.guard(req, res);
      if (!auth) return;
      const ids = CANNED.filter((k) => messageKeys('zh-CN').includes(k));
      res.send(200, { replies: ids.map((id) => ({ id, text: translate('zh-CN', id) })) });
    });

    server.get('/api/agent/events', async (req: Request, res: Response) => {
      const auth = await d.auth.guard(req, res);
      if (!auth) return;
      let chain = Promise.resolve();
      let unsubscribe = (): void => undefined;
      const stream = openEventStream(req, res, () => unsubscribe());
      const send = (event: string, data: unknown): void => stream.send(data, { event });
      unsubscribe = d.feed.subscribe((e) => {
        chain = chain.then(async () => {
          if (e.kind === 'user' || e.kind === 'agent') {
            const r = await d.handoffs.get(e.handoffId);
            if (r?.agentId === auth.agent.id) send('message', { handoffId: e.handoffId, from: e.kind, text: e.text ?? '', at: new Date(e.at).toISOString() });
            return;
          }
          if (e.kind === 'note') return;
          send('queue', {});
          if (e.kind !== 'created') {
            const r = await d.handoffs.get(e.handoffId);
            send('status', { handoffId: e.handoffId, status: r?.status ?? 'closed' });
          }
        }).catch(() => undefined);
      });
    });
  };
}
