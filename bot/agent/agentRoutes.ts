import type { Request, Response, Server } from 'restify';
import type { AgentAccount, AgentStore } from '../../integrations/storage/agents';
import type { HandoffEvent, HandoffRecord, HandoffStore } from '../../integrations/storage/handoffs';
import type { TranscriptStore } from '../../integrations/storage/transcripts';
import { storageFaultOf } from '../../integrations/storage/storageFaultOf';
import { messageTemplate, translate } from '../../dialogs/i18n/catalog';
import type { HandoffFeed } from '../handoff/HandoffFeed';
import { CitizenUnreachableError, MAX_TRANSFER_NOTE, type AgentActionResult, type HandoffService } from '../handoff/HandoffService';
import type { AgentAuth, Authenticated } from '../accounts/AgentAuth';
import type { Logger } from '../logger';
import { publicAgent } from '../accounts/publicAgent';
import { eventViews, summarize } from './agentViews';
import { sendAgentError, type AgentError } from './agentErrors';
import { agentGuard } from './agentGuard';
import { readSearch } from './agentSearch';
import { openEventStream } from '../web/eventStream';
import { jsonBody, trimmedText } from '../web/jsonFields';

export interface AgentRouteDeps {
  auth: AgentAuth;
  agents: AgentStore;
  handoffs: HandoffStore;
  service: HandoffService;
  transcripts: TranscriptStore;
  feed: HandoffFeed;
  logger: Logger;
  now: () => number;
  /** How long an agent's console may be gone (no event stream on this process) before they are set away (default 2 min). */
  presenceGraceMs?: number;
}

const MAX_TEXT = 2000;
const MAX_REASON = 200;
const HISTORY_LIMIT = 20;
const SEARCH_LIMIT = 50;
/** Canned replies in the order an agent uses them (agentConsole.canned.<id>.title / .text). */
const CANNED = ['greeting', 'vehicle', 'wait', 'counter', 'followUp', 'bye'];
/** An offer alert for the same handoff to the same console within this time is the same offer (two processes deciding at once). */
const OFFER_ALERT_DEDUP_MS = 5_000;

type Handler = (req: Request, res: Response, auth: Authenticated) => Promise<void>;

/**
 * The agent console's API under /api/agent/ (signing in and out is the accounts module's: accountRoutes): every
 * route needs a session; every change a CSRF token. Every refusal is `{ error: '<Chinese sentence>', code }`.
 */
export function agentRoutes(d: AgentRouteDeps): { install: (server: Server) => void; stop: () => void } {
  const guard = agentGuard(d.auth);
  const zh = (key: string, params: Record<string, string | number> = {}): string => translate('zh-CN', `agentConsole.${key}`, params);
  const context = () => ({ agents: d.agents, handoffs: d.handoffs, now: d.now() });
  const fail = (res: Response, error: AgentError): void => sendAgentError(res, error);
  const reply = async (res: Response, r: AgentActionResult, status = 200): Promise<void> => {
    if (r.ok) res.send(status, { handoff: await summarize(r.record, context()) });
    else fail(res, r.error);
  };
  const idOf = (req: Request): string => String(req.params.id ?? '');
  /** The request's `text` (trimmed), or undefined after answering 400 when it is empty or too long. */
  const requiredText = (req: Request, res: Response): string | undefined => {
    const t = trimmedText(jsonBody(req).text);
    if (t && Array.from(t).length <= MAX_TEXT) return t;
    fail(res, { code: 'TEXT_INVALID', params: { max: MAX_TEXT } });
    return undefined;
  };
  /** A route: the session (and CSRF token for changes), then the handler; a storage fault or bug is answered in Chinese too. */
  const route = (change: boolean, handler: Handler) => async (req: Request, res: Response): Promise<void> => {
    const auth = await guard(req, res, { csrf: change });
    if (!auth) return;
    try {
      await handler(req, res, auth);
    } catch (err) {
      const fault = storageFaultOf(err);
      // Unreachable citizens are logged by the service, with the channel.
      if (!(err instanceof CitizenUnreachableError)) {
        d.logger.error({ err, path: req.path(), ...(fault ? { store: fault.store, code: fault.code } : {}) }, 'agent console request failed');
      }
      if (!res.headersSent) fail(res, { code: fault ? 'STORAGE_UNAVAILABLE' : err instanceof CitizenUnreachableError ? 'CITIZEN_UNREACHABLE' : 'INTERNAL' });
    }
  };
  const me = async (agent: AgentAccount) => {
    const mine = (await d.service.loads()).find((l) => l.agentId === agent.id);
    const load = (await d.handoffs.active()).filter((r) => r.agentId === agent.id).length;
    return { status: mine?.status ?? 'away', load, capacity: d.service.capacity };
  };
  const names = async (): Promise<Map<string, string>> => new Map((await d.agents.list()).map((a) => [a.id, a.displayName]));
  const notesOf = (events: readonly HandoffEvent[], byId: ReadonlyMap<string, string>) => events.filter((e) => e.kind === 'note')
    .map((e) => ({ agent: byId.get(e.agentId ?? '') ?? zh('someone'), text: e.text ?? '', at: new Date(e.at).toISOString() }));
  const found = async (req: Request, res: Response): Promise<HandoffRecord | undefined> => {
    const record = await d.handoffs.get(idOf(req));
    if (!record) fail(res, { code: 'HANDOFF_NOT_FOUND' });
    return record;
  };

  // Presence: consoles connected to this process, per agent; an agent whose last one is gone for the grace time is away.
  const streams = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const graceMs = d.presenceGraceMs ?? 120_000;
  const streamOpened = (agentId: string): void => {
    streams.set(agentId, (streams.get(agentId) ?? 0) + 1);
    d.service.presenceSeen(agentId).catch((err: unknown) => d.logger.warn({ err }, 'renewing an agent\'s presence failed'));
  };
  const streamClosed = (agentId: string): void => {
    const left = (streams.get(agentId) ?? 1) - 1;
    if (left > 0) {
      streams.set(agentId, left);
      return;
    }
    streams.delete(agentId);
    const closedAt = d.now();
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (streams.has(agentId)) return;
      d.service.presenceLost(agentId, closedAt).catch((err: unknown) => d.logger.warn({ err }, 'setting a gone agent away failed'));
    }, graceMs);
    timer.unref();
    timers.add(timer);
  };

  const install = (server: Server): void => {
    server.get('/api/agent/queue', route(false, async (_req, res, auth) => {
      const active = await d.handoffs.active();
      const c = context();
      const view = (list: HandoffRecord[]) => Promise.all(list.map((r) => summarize(r, c)));
      res.send(200, {
        me: await me(auth.agent),
        waiting: await view(await d.handoffs.waiting()),
        mine: await view(active.filter((r) => r.agentId === auth.agent.id)),
        others: await view(active.filter((r) => r.agentId !== auth.agent.id)),
        callbacks: await view(await d.handoffs.callbacks(50)),
      });
    }));

    server.get('/api/agent/handoffs/:id', route(false, async (req, res, auth) => {
      const record = await found(req, res);
      if (!record) return;
      const [lines, events, byId, drafts] = await Promise.all([
        d.transcripts.list(record.conversationId, 200), d.handoffs.eventsOf(record.id), names(), d.handoffs.drafts(auth.agent.id),
      ]);
      const draft = drafts.find((x) => x.handoffId === record.id)?.text;
      res.send(200, {
        handoff: await summarize(record, context()),
        transcript: lines.map((l) => ({ from: l.from, text: l.text, at: l.timestamp, ...(l.options?.length ? { options: l.options } : {}) })),
        notes: notesOf(events, byId),
        events: eventViews(events, byId),
        ...(draft ? { draft } : {}),
      });
    }));

    server.get('/api/agent/handoffs/:id/history', route(false, async (req, res) => {
      const record = await found(req, res);
      if (!record) return;
      const byId = await names();
      const c = context();
      const others = (await d.handoffs.history(record.citizenKey, HISTORY_LIMIT + 1)).filter((h) => h.id !== record.id).slice(0, HISTORY_LIMIT);
      res.send(200, {
        handoffs: await Promise.all(others.map(async (h) => ({ ...(await summarize(h, c)), notes: notesOf(await d.handoffs.eventsOf(h.id), byId) }))),
      });
    }));

    server.put('/api/agent/handoffs/:id/draft', route(true, async (req, res, auth) => {
      const raw = jsonBody(req).text;
      const text = typeof raw === 'string' ? raw : '';
      if ((raw !== undefined && typeof raw !== 'string') || Array.from(text).length > MAX_TEXT) {
        fail(res, { code: 'TEXT_INVALID', params: { max: MAX_TEXT } });
        return;
      }
      if (!(await found(req, res))) return;
      // Kept as typed (not trimmed: the agent's cursor and line breaks stay); empty deletes it.
      await d.handoffs.saveDraft(auth.agent.id, idOf(req), text.trim() ? text : '', d.now());
      res.send(204);
    }));

    server.get('/api/agent/drafts', route(false, async (_req, res, auth) => {
      res.send(200, { drafts: (await d.handoffs.drafts(auth.agent.id)).map((x) => ({ handoffId: x.handoffId, text: x.text, at: new Date(x.at).toISOString() })) });
    }));

    server.get('/api/agent/search', route(false, async (req, res) => {
      const q = readSearch(req.query as Record<string, unknown> | undefined);
      if ('error' in q) {
        fail(res, q.error);
        return;
      }
      const c = context();
      const records = await d.handoffs.search({ ...q, limit: SEARCH_LIMIT });
      res.send(200, { handoffs: await Promise.all(records.map((r) => summarize(r, c))) });
    }));

    server.post('/api/agent/presence', route(true, async (req, res, auth) => {
      const status = jsonBody(req).status;
      if (status !== 'available' && status !== 'away') {
        fail(res, { code: 'STATUS_INVALID' });
        return;
      }
      await d.service.setPresence(auth.agent, status);
      res.send(200, { me: await me(auth.agent) });
    }));

    server.post('/api/agent/handoffs/:id/accept', route(true, async (req, res, auth) => {
      await reply(res, await d.service.accept(idOf(req), auth.agent));
    }));

    server.post('/api/agent/handoffs/:id/messages', route(true, async (req, res, auth) => {
      const t = requiredText(req, res);
      if (t === undefined) return;
      const r = await d.service.agentMessage(idOf(req), auth.agent, t);
      if (!r.ok) {
        fail(res, r.error);
        return;
      }
      // Sent: the draft of this reply is done with.
      await d.handoffs.saveDraft(auth.agent.id, idOf(req), '', d.now());
      res.send(201, { message: { from: 'agent', text: t, at: new Date(d.now()).toISOString() } });
    }));

    server.post('/api/agent/handoffs/:id/notes', route(true, async (req, res, auth) => {
      const t = requiredText(req, res);
      if (t === undefined) return;
      await reply(res, await d.service.note(idOf(req), auth.agent, t), 201);
    }));

    server.post('/api/agent/handoffs/:id/transfer', route(true, async (req, res, auth) => {
      const body = jsonBody(req);
      const to = await d.agents.byId(trimmedText(body.agentId));
      if (!to) {
        fail(res, { code: 'AGENT_UNKNOWN' });
        return;
      }
      const note = trimmedText(body.note);
      if (Array.from(note).length > MAX_TRANSFER_NOTE) {
        fail(res, { code: 'NOTE_TOO_LONG', params: { max: MAX_TRANSFER_NOTE } });
        return;
      }
      await reply(res, await d.service.transfer(idOf(req), auth.agent, to, note));
    }));

    server.post('/api/agent/handoffs/:id/handback', route(true, async (req, res, auth) => {
      await reply(res, await d.service.finish(idOf(req), auth.agent, 'handback'));
    }));

    server.post('/api/agent/handoffs/:id/close', route(true, async (req, res, auth) => {
      const reason = trimmedText(jsonBody(req).reason);
      if (!reason || Array.from(reason).length > MAX_REASON) {
        fail(res, { code: 'REASON_INVALID', params: { max: MAX_REASON } });
        return;
      }
      await reply(res, await d.service.finish(idOf(req), auth.agent, reason));
    }));

    // The transfer list: available agents other than me, with their load.
    server.get('/api/agent/agents', route(false, async (_req, res, auth) => {
      const loads = new Map((await d.service.loads()).map((l) => [l.agentId, l]));
      const agents = (await d.agents.list())
        .filter((a) => !a.disabled && a.id !== auth.agent.id && loads.get(a.id)?.status === 'available')
        .map((a) => ({ ...publicAgent(a), status: 'available', load: loads.get(a.id)?.load ?? 0, capacity: d.service.capacity }));
      res.send(200, { agents });
    }));

    server.get('/api/agent/canned', route(false, async (_req, res) => {
      const replies = CANNED.filter((id) => messageTemplate('zh-CN', `agentConsole.canned.${id}.text`) !== undefined).map((id) => ({
        id, title: zh(`canned.${id}.title`), text: messageTemplate('zh-CN', `agentConsole.canned.${id}.text`) ?? '',
      }));
      res.send(200, { replies });
    }));

    server.get('/api/agent/events', route(false, async (req, res, auth) => {
      const agentId = auth.agent.id;
      let chain = Promise.resolve();
      let unsubscribe = (): void => undefined;
      const offersAlerted = new Map<string, number>();
      const stream = openEventStream(req, res, () => {
        unsubscribe();
        streamClosed(agentId);
      });
      streamOpened(agentId);
      const send = (event: string, data: unknown): void => stream.send(data, { event });
      const alert = (kind: 'offered' | 'new' | 'transferred' | 'ended', r: HandoffRecord, text: string, extra: Record<string, string> = {}): void => {
        send('alert', { kind, handoffId: r.id, text, citizen: r.citizen.label, ...extra });
      };
      unsubscribe = d.feed.subscribe((e) => {
        chain = chain.then(async () => {
          if (e.kind === 'user' || e.kind === 'agent') {
            const r = await d.handoffs.get(e.handoffId);
            if (r?.agentId === agentId) send('message', { handoffId: e.handoffId, from: e.kind, text: e.text ?? '', at: new Date(e.at).toISOString() });
            return;
          }
          if (e.kind === 'note') return;
          send('queue', {});
          if (e.kind === 'created') return;
          const r = await d.handoffs.get(e.handoffId);
          send('status', { handoffId: e.handoffId, status: r?.status ?? 'closed' });
          if (!r) return;
          const citizen = r.citizen.label;
          if (e.kind === 'offered' && e.agentId === agentId && r.status === 'waiting') {
            const last = offersAlerted.get(r.id);
            if (last !== undefined && e.at - last < OFFER_ALERT_DEDUP_MS) return;
            offersAlerted.set(r.id, e.at);
            alert('offered', r, zh('alert.offered', { citizen, seconds: Math.round(d.service.offerMs / 1000) }));
          } else if (e.kind === 'offered' && !e.agentId && r.status === 'waiting') {
            alert('new', r, zh('alert.new', { citizen }));
          } else if (e.kind === 'transferred' && e.agentId === agentId) {
            const from = (await d.handoffs.eventsOf(r.id)).filter((x) => x.id < e.id && (x.kind === 'accepted' || x.kind === 'transferred')).at(-1)?.agentId;
            const fromName = from ? (await d.agents.byId(from))?.displayName : undefined;
            alert('transferred', r, e.text ?? '', { title: zh('alert.transferred', { citizen }), ...(fromName ? { from: fromName } : {}) });
          } else if (e.kind === 'ended' && e.text === 'citizen' && r.agentId === agentId && r.acceptedAt !== undefined) {
            alert('ended', r, zh('alert.ended', { citizen }));
          }
        }).catch((err: unknown) => d.logger.warn({ err }, 'agent event stream: an event could not be sent'));
      });
    }));

    // An unknown /api/agent/ path is answered like every other refusal of the console's API.
    server.on('NotFound', (req: Request, res: Response, _err: unknown, cb: () => void) => {
      if (req.path().startsWith('/api/agent/') && !res.headersSent) fail(res, { code: 'ROUTE_NOT_FOUND' });
      cb();
    });
  };

  return {
    install,
    stop: () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
