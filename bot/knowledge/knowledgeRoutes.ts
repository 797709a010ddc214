import type { Server } from 'restify';
import type { KnowledgeAnswer } from '../../nlu-models/knowledge/KnowledgeAnswerer';
import { KNOWLEDGE_LOCALES, type KnowledgeCard, type KnowledgeLocale } from '../../nlu-models/knowledge/types';
import type { AgentAuth } from '../accounts/AgentAuth';
import { KnowledgeError } from './KnowledgeError';
import type { KnowledgeService } from './KnowledgeService';
import { jsonBody, trimmedText, type JsonBody } from '../web/jsonFields';
import { adminRoute } from '../admin/adminRoute';

const iso = (ms: number) => new Date(ms).toISOString();

function localeOf(v: unknown): KnowledgeLocale {
  const l = trimmedText(v) || 'zh-CN';
  if (!KNOWLEDGE_LOCALES.includes(l as KnowledgeLocale)) throw new KnowledgeError('CARD_INVALID', `locale must be zh-CN or en, not ${l}`);
  return l as KnowledgeLocale;
}

/** A card from a request body: only the schema's fields, of the schema's types (the checks then read its content). */
function readCard(v: unknown, id: string): KnowledgeCard {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new KnowledgeError('CARD_INVALID', 'card must be an object');
  const c = v as Record<string, unknown>;
  const texts = (x: unknown, field: string) => {
    const o = (x && typeof x === 'object' ? x : {}) as Record<string, unknown>;
    const out = {} as Record<KnowledgeLocale, string>;
    for (const l of KNOWLEDGE_LOCALES) {
      if (o[l] !== undefined && typeof o[l] !== 'string') throw new KnowledgeError('CARD_INVALID', `${field}.${l} must be text`);
      if (typeof o[l] === 'string' && (o[l] as string).length > 1000) throw new KnowledgeError('CARD_INVALID', `${field}.${l} is longer than 1000 characters`);
      out[l] = trimmedText(o[l]);
    }
    return out;
  };
  const q = (c.questions && typeof c.questions === 'object' ? c.questions : {}) as Record<string, unknown>;
  const questions = {} as Record<KnowledgeLocale, string[]>;
  for (const l of KNOWLEDGE_LOCALES) {
    const list = q[l] ?? [];
    if (!Array.isArray(list) || list.some((x) => typeof x !== 'string' || x.length > 200)) throw new KnowledgeError('CARD_INVALID', `questions.${l} must be a list of texts (up to 200 characters each)`);
    questions[l] = [...new Set((list as string[]).map((x) => x.trim()).filter(Boolean))];
  }
  const cites = Array.isArray(c.cites) ? c.cites.map((x) => {
    const o = (x ?? {}) as Record<string, unknown>;
    const article = Number(o.article);
    const item = o.item === undefined || o.item === null || o.item === '' ? undefined : Number(o.item);
    return { law: trimmedText(o.law), article, ...(item === undefined ? {} : { item }) };
  }) : [];
  if (cites.some((x) => !Number.isInteger(x.article) || (x.item !== undefined && !Number.isInteger(x.item)))) throw new KnowledgeError('CARD_INVALID', 'cites: article and item must be whole numbers');
  const urgent = Array.isArray(c.urgent) ? (c.urgent as unknown[]).map((g) => (Array.isArray(g) ? g.map(trimmedText).filter(Boolean) : [])) : undefined;
  return {
    id, kind: trimmedText(c.kind) as KnowledgeCard['kind'], topic: trimmedText(c.topic) || id.split('.')[0],
    title: texts(c.title, 'title'), questions, answer: texts(c.answer, 'answer'), cites,
    ...(trimmedText(c.offer) ? { offer: trimmedText(c.offer) } : {}), ...(urgent ? { urgent } : {}),
  };
}

const matchView = (m: { card: KnowledgeCard; confidence: number; matched: readonly string[]; via: string }) =>
  ({ id: m.card.id, kind: m.card.kind, title: m.card.title, confidence: Number(m.confidence.toFixed(3)), matched: m.matched, via: m.via });

function answerView(a: KnowledgeAnswer, cite: (c: KnowledgeCard) => string) {
  if (a.kind === 'card') return { kind: 'card', card: { ...matchView(a.match), answer: a.match.card.answer, citation: cite(a.match.card) } };
  if (a.kind === 'article') return { kind: 'article', article: { ...a.match.citation, confidence: Number(a.match.confidence.toFixed(3)), matched: a.match.matched, text: a.match.text } };
  return { kind: 'none' };
}

/**
 * The knowledge base's admin API under /api/admin/knowledge (admin role; changes need the CSRF token and are
 * audited by the service): the draft's cards, create/edit/retire/restore, the law texts to link, a test box,
 * publish and rollback, and the unanswered questions grouped (a group becomes a card).
 */
export function knowledgeRoutes(d: { auth: AgentAuth; knowledge: KnowledgeService; validIntent: (intent: string) => boolean }): (server: Server) => void {
  const route = adminRoute(d.auth, (e) => (e instanceof KnowledgeError ? { status: e.status, body: { error: e.message, code: e.code, problems: e.problems } } : undefined));
  const checkOffer = (card: KnowledgeCard) => {
    if (card.offer && !d.validIntent(card.offer)) throw new KnowledgeError('CARD_INVALID', `offer: ${card.offer} is not a service intent`);
    return card;
  };
  const k = d.knowledge;
  return (server) => {
    server.get('/api/admin/knowledge', route(false, async (_req, res) => {
      const cards = await k.draft();
      const live = (await k.versions()).find((v) => v.live);
      res.send(200, {
        live: live ? { id: live.id, number: live.number, publishedBy: live.createdBy, createdAt: iso(live.createdAt) } : null,
        draftChanged: cards.some((c) => c.state !== 'live' && !(c.state === 'retired' && !k.answerer.card(c.card.id))),
        repositoryChanged: k.repositoryChanged,
        problems: await k.draftProblems(),
        cards: cards.map((c) => ({ id: c.card.id, kind: c.card.kind, topic: c.card.topic, title: c.card.title, status: c.status, state: c.state, updatedBy: c.updatedBy, updatedAt: iso(c.updatedAt) })),
      });
    }));

    server.get('/api/admin/knowledge/cards/:id', route(false, async (req, res) => {
      const c = await k.card(String(req.params.id));
      res.send(200, { card: c.card, status: c.status, state: c.state, updatedBy: c.updatedBy, updatedAt: iso(c.updatedAt), citation: k.answerer.cite(c.card.cites, 'zh-CN') });
    }));

    server.put('/api/admin/knowledge/cards/:id', route(true, async (req, res, a) => {
      const card = checkOffer(readCard(jsonBody(req).card ?? jsonBody(req), String(req.params.id)));
      const saved = await k.save(card, a.agent.id);
      res.send(200, { card: saved.card, status: saved.status });
    }));

    server.post('/api/admin/knowledge/cards/:id/retire', route(true, async (req, res, a) => {
      res.send(200, { id: req.params.id, status: (await k.setStatus(String(req.params.id), 'retired', a.agent.id)).status });
    }));

    server.post('/api/admin/knowledge/cards/:id/restore', route(true, async (req, res, a) => {
      res.send(200, { id: req.params.id, status: (await k.setStatus(String(req.params.id), 'active', a.agent.id)).status });
    }));

    server.get('/api/admin/knowledge/laws', route(false, async (_req, res) => {
      res.send(200, { laws: [...k.laws.values()].map((l) => ({ id: l.id, title: l.title, articles: l.articles.size })) });
    }));

    server.get('/api/admin/knowledge/laws/:law/articles/:n', route(false, async (req, res) => {
      const article = k.laws.get(String(req.params.law))?.articles.get(Number(req.params.n));
      if (!article) {
        res.send(404, { error: `no article ${req.params.n} in ${req.params.law}`, code: 'NO_SUCH_ARTICLE' });
        return;
      }
      res.send(200, { law: req.params.law, number: article.number, text: article.text, items: article.items, citation: k.answerer.cite([{ law: String(req.params.law), article: article.number }], 'zh-CN') });
    }));

    server.post('/api/admin/knowledge/test', route(false, async (req, res) => {
      const b = jsonBody(req);
      const text = trimmedText(b.text);
      if (!text || text.length > 500) throw new KnowledgeError('CARD_INVALID', 'text must have 1-500 characters');
      const r = await k.test(text, localeOf(b.locale), trimmedText(b.source) === 'draft' ? 'draft' : 'live');
      res.send(200, {
        answer: answerView(r.answer, r.cite),
        ranking: r.ranking.map(matchView),
        article: r.article ? { ...r.article.citation, confidence: Number(r.article.confidence.toFixed(3)) } : null,
      });
    }));

    server.post('/api/admin/knowledge/publish', route(true, async (req, res, a) => {
      const { version, warnings } = await k.publish(a.agent.id, trimmedText(jsonBody(req).note).slice(0, 200));
      res.send(200, { version: { ...version, createdAt: iso(version.createdAt) }, warnings });
    }));

    server.get('/api/admin/knowledge/versions', route(false, async (_req, res) => {
      res.send(200, { versions: (await k.versions()).map((v) => ({ ...v, createdAt: iso(v.createdAt) })) });
    }));

    server.post('/api/admin/knowledge/versions/:id/live', route(true, async (req, res, a) => {
      const v = await k.makeLive(String(req.params.id), a.agent.id);
      res.send(200, { version: { ...v, createdAt: iso(v.createdAt) } });
    }));

    server.get('/api/admin/knowledge/unanswered', route(false, async (_req, res) => {
      res.send(200, { groups: (await k.unanswered()).map((g) => ({ ...g, items: g.items.map((i) => ({ ...i, createdAt: iso(i.createdAt) })) })) });
    }));

    server.post('/api/admin/knowledge/unanswered/card', route(true, async (req, res, a) => {
      const b = jsonBody(req);
      const ids = Array.isArray(b.items) ? b.items.map(Number) : [];
      if (!ids.length || ids.some((i) => !Number.isInteger(i))) throw new KnowledgeError('CARD_INVALID', 'items must list the inbox item ids');
      const card = b.card as JsonBody | undefined;
      const saved = await k.cardFromInbox(ids, checkOffer(readCard(card, trimmedText(card?.id))), a.agent.id);
      res.send(200, { card: saved.card, status: saved.status });
    }));
  };
}
