import type { Request, Server } from 'restify';
import type { AgentAccount, AgentStore } from '../../integrations/storage/agents';
import type { AuditLog } from '../../integrations/storage/auditLog';
import type { InboxStore, TrainingIntent, TrainingStore, TrainingUtterance, UtteranceSplit } from '../../integrations/storage/training';
import { parseCorpus } from '../../nlu-models/corpus/loadCorpus';
import { IntentModel } from '../../nlu-models/model/IntentModel';
import { NluEngine } from '../../nlu-models/recognizer/NluEngine';
import { groupSimilar } from '../../nlu-models/text/groupSimilar';
import type { AgentAccounts } from '../accounts/AgentAccounts';
import type { AgentAuth, Authenticated } from '../accounts/AgentAuth';
import { publicAgent } from '../accounts/publicAgent';
import { CONTRACT_INTENTS } from './contractIntents';
import { TrainingConflictError, type TrainingService } from './TrainingService';
import openapi from './openapi.json';
import { openEventStream } from '../web/eventStream';
import { jsonBody, trimmedText } from '../web/jsonFields';
import { adminRoute } from './adminRoute';
import { checkExamples, MAX_EXAMPLE_CHARS, round2 } from './checkExamples';
import { NEAR_IDENTICAL, similarTo } from './textSimilarity';
import { VersionDiffs } from './versionDiff';
import { inboxReason, intentNamer, PROJECT_INTENT_LABELS, type IntentLabels } from './intentLabels';
import { auditSummary } from './auditSummary';
import { intentAdvice } from './intentAdvice';
import { exampleCollisions, type Collision } from './exampleCollisions';

/** Said with every change of training data: nothing changes for citizens until a version is trained and published. */
export const EFFECT = '已保存。需要重新训练并发布新版本后，对市民才生效。';

export interface AdminRouteDeps {
  auth: AgentAuth;
  agents: AgentStore;
  training: TrainingService;
  store: TrainingStore;
  inbox: InboxStore;
  audit: AuditLog;
  accounts: AgentAccounts;
  nlu: NluEngine;
  today: () => string;
  now: () => number;
  /** Intents admins may not delete (default: the service index's contract). */
  contractIntents?: readonly string[];
  /** The consoles' Chinese names of the composed services' and core intents (default: the project's). */
  intentLabels?: IntentLabels;
}

const LOCALES = ['zh-CN', 'en'];
const INTENT_NAME = /^(faq\.[a-z0-9_]{2,40}|[a-z]{2,20}(\.[a-z_]{2,20})?)$/;

class BadRequest extends Error {}

const queryOf = (req: Request): Record<string, unknown> => (req.query as Record<string, unknown> | undefined) ?? {};

/** An example as the console lists it. */
const exampleView = (u: TrainingUtterance) => ({
  id: u.id, intent: u.intent, text: u.text, locale: u.locale, split: u.split, source: u.source, createdAt: new Date(u.createdAt).toISOString(),
});

/** An example's text, locale and split from a request body (400 in Chinese when wrong). */
function exampleFields(b: Record<string, unknown>): { text: string; locale: string; split: UtteranceSplit } {
  const text = trimmedText(b.text);
  const locale = trimmedText(b.locale) || 'zh-CN';
  if (!text || Array.from(text).length > MAX_EXAMPLE_CHARS) throw new BadRequest(`例句需为 1-${MAX_EXAMPLE_CHARS} 个字`);
  if (!LOCALES.includes(locale)) throw new BadRequest('语言只能是 zh-CN 或 en');
  return { text, locale, split: b.split === 'test' ? 'test' : 'train' };
}

/** A console account as admins see it (never its password hash). */
const accountView = (a: AgentAccount) => ({ ...publicAgent(a), disabled: a.disabled, createdAt: new Date(a.createdAt).toISOString() });

/** Validates FAQ answers: { 'zh-CN': ['…'], en: ['…'] }, each 1-1000 characters. */
function readAnswers(v: unknown): Record<string, string[]> | undefined {
  if (v === undefined) return undefined;
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new BadRequest('answers must be an object of locale → list of texts');
  const out: Record<string, string[]> = {};
  for (const [locale, list] of Object.entries(v as Record<string, unknown>)) {
    if (!LOCALES.includes(locale)) throw new BadRequest(`answers: unknown locale ${locale} (use zh-CN or en)`);
    if (!Array.isArray(list) || list.some((a) => typeof a !== 'string' || !a.trim() || a.length > 1000)) throw new BadRequest(`answers.${locale} must be a list of 1-1000 character texts`);
    out[locale] = (list as string[]).map((a) => a.trim());
  }
  return out;
}

/**
 * The admin API under /api/admin/ (documented in openapi.json): training data, test box, training,
 * versions with a quality-gated publish and rollback, the misunderstood inbox, export/import, audit,
 * console accounts. Admin role required; every change needs the CSRF token and is audited (before/after).
 */
export function adminRoutes(d: AdminRouteDeps): (server: Server) => void {
  const engines = new Map<string, NluEngine>();
  const diffs = new VersionDiffs(d.store);
  /** The live model's readings of the open inbox's texts, kept from one advice request to the next (only those read). */
  let understood = new Map<string, ReturnType<NluEngine['understand']>>();
  let collisions: { signature: string; found: Collision[] } | undefined;
  /** How admins read each intent now (the training store's descriptions for FAQs and new intents). */
  const namer = async (): Promise<(intent: string) => string> => intentNamer(d.intentLabels ?? PROJECT_INTENT_LABELS, await d.store.intents());
  const audit = (a: Authenticated, action: string, target: string | undefined, details: Record<string, unknown>): Promise<void> =>
    d.audit.append({ at: d.now(), actor: a.agent.id, action, target, details: { admin: a.agent.username, ...details } });

  /** Admin session (+ CSRF for changes); 400 for BadRequest, 409 for a training conflict or an utterance that exists. */
  const route = adminRoute(d.auth, (e) => {
    if (e instanceof BadRequest) return { status: 400, body: { error: e.message } };
    if (e instanceof TrainingConflictError || (e as { code?: string }).code === 'UTTERANCE_EXISTS') return { status: 409, body: { error: (e as Error).message } };
    return undefined;
  });

  const intentView = async () => {
    const live = d.training.liveVersionId ? await d.store.version(d.training.liveVersionId) : undefined;
    const f1 = new Map((live?.metrics?.perIntent ?? []).map((m) => [m.intent, m.f1]));
    const counts = await d.store.counts();
    return {
      live: live ? { versionId: live.id, number: live.number, accuracy: live.metrics?.accuracy ?? null } : null,
      intents: (await d.store.intents()).map((i) => ({
        name: i.name, description: i.description, domain: i.domain, isFaq: i.name.startsWith('faq.'), answers: i.answers,
        counts: Object.fromEntries(LOCALES.map((l) => [l, counts.filter((c) => c.intent === i.name && c.locale === l && c.split === 'train').reduce((s, c) => s + c.n, 0)])),
        tests: counts.filter((c) => c.intent === i.name && c.split === 'test').reduce((s, c) => s + c.n, 0),
        train: counts.filter((c) => c.intent === i.name && c.split === 'train').reduce((s, c) => s + c.n, 0),
        test: counts.filter((c) => c.intent === i.name && c.split === 'test').reduce((s, c) => s + c.n, 0),
        f1: f1.get(i.name) ?? null,
      })),
    };
  };

  return (server) => {
    server.get('/api/admin/openapi.json', route(false, async (_req, res) => {
      res.send(200, openapi);
    }));

    server.get('/api/admin/intents', route(false, async (_req, res) => {
      res.send(200, await intentView());
    }));

    server.post('/api/admin/intents', route(true, async (req, res, a) => {
      const b = jsonBody(req);
      const name = trimmedText(b.name);
      if (!INTENT_NAME.test(name)) throw new BadRequest('name must look like "fine.query" or "faq.office_hours" (lower case)');
      if (await d.store.intent(name)) {
        res.send(409, { error: `intent ${name} already exists` });
        return;
      }
      const description = trimmedText(b.description);
      if (description.length > 200) throw new BadRequest('description must have at most 200 characters');
      const intent: TrainingIntent = {
        name, description, domain: trimmedText(b.domain) || (name.startsWith('faq.') ? 'faq' : name.split('.')[0]),
        answers: readAnswers(b.answers) ?? {}, updatedAt: d.now(),
      };
      await d.store.upsertIntent(intent);
      await audit(a, 'nlu.intent.create', name, { after: intent });
      res.send(201, { intent });
    }));

    server.put('/api/admin/intents/:name', route(true, async (req, res, a) => {
      const before = await d.store.intent(String(req.params.name));
      if (!before) {
        res.send(404, { error: 'no such intent' });
        return;
      }
      const b = jsonBody(req);
      const description = b.description === undefined ? before.description : trimmedText(b.description);
      if (description.length > 200) throw new BadRequest('description must have at most 200 characters');
      const after: TrainingIntent = { ...before, description, answers: readAnswers(b.answers) ?? before.answers, updatedAt: d.now() };
      await d.store.upsertIntent(after);
      await audit(a, 'nlu.intent.update', before.name, { before, after });
      res.send(200, { intent: after, effect: EFFECT });
    }));

    server.del('/api/admin/intents/:name', route(true, async (req, res, a) => {
      const name = String(req.params.name);
      if ((d.contractIntents ?? CONTRACT_INTENTS).includes(name)) {
        res.send(409, { error: `${name} is part of the understanding contract (DESIGN.md §3) and cannot be deleted` });
        return;
      }
      const before = await d.store.intent(name);
      const utterances = before ? (await d.store.counts()).filter((c) => c.intent === name).reduce((n, c) => n + c.n, 0) : 0;
      if (!before || !(await d.store.deleteIntent(name))) {
        res.send(404, { error: 'no such intent' });
        return;
      }
      await audit(a, 'nlu.intent.delete', name, { before, utterances });
      res.send(200, { deleted: name, effect: EFFECT });
    }));

    server.get('/api/admin/intents/:name/utterances', route(false, async (req, res) => {
      const name = String(req.params.name);
      if (!(await d.store.intent(name))) {
        res.send(404, { error: 'no such intent' });
        return;
      }
      const list = await d.store.utterances(name);
      res.send(200, { utterances: list.map((u) => ({ ...u, createdAt: new Date(u.createdAt).toISOString() })) });
    }));

    server.post('/api/admin/intents/:name/utterances', route(true, async (req, res, a) => {
      const name = String(req.params.name);
      if (!(await d.store.intent(name))) {
        res.send(404, { error: 'no such intent' });
        return;
      }
      const b = jsonBody(req);
      const text = trimmedText(b.text);
      const locale = trimmedText(b.locale) || 'zh-CN';
      const split = b.split === 'test' ? 'test' : 'train';
      if (!text || Array.from(text).length > 200) throw new BadRequest('text must have 1-200 characters');
      if (!LOCALES.includes(locale)) throw new BadRequest('locale must be zh-CN or en');
      const utterance = await d.store.addUtterance({ intent: name, locale, text, split, source: 'admin', createdAt: d.now() });
      await audit(a, 'nlu.utterance.add', name, { after: utterance });
      res.send(201, { utterance, effect: EFFECT });
    }));

    server.del('/api/admin/utterances/:id', route(true, async (req, res, a) => {
      const before = await d.store.deleteUtterance(Number(req.params.id));
      if (!before) {
        res.send(404, { error: '没有这条例句（可能已被删除）', code: 'UTTERANCE_NOT_FOUND' });
        return;
      }
      await audit(a, 'nlu.utterance.delete', before.intent, { before });
      res.send(200, { deleted: exampleView(before), effect: EFFECT });
    }));

    // Undo of a delete: the same example again (a new id), audited as a restore.
    server.post('/api/admin/utterances/restore', route(true, async (req, res, a) => {
      const b = jsonBody(req);
      const intent = trimmedText(b.intent);
      const { text, locale, split } = exampleFields(b);
      const source = trimmedText(b.source) || 'admin';
      if (!(await d.store.intent(intent))) {
        res.send(404, { error: `意图「${intent || '（未填写）'}」不存在，无法恢复这条例句`, code: 'INTENT_NOT_FOUND' });
        return;
      }
      const utterance = await d.store.addUtterance({ intent, locale, text, split, source: /^[a-z]{2,20}$/.test(source) ? source : 'admin', createdAt: d.now() });
      await audit(a, 'nlu.utterance.restore', intent, { after: utterance });
      res.send(201, { utterance: exampleView(utterance), effect: EFFECT });
    }));

    server.get('/api/admin/utterances', route(false, async (req, res) => {
      const q = queryOf(req);
      const needle = trimmedText(q.q).toLowerCase();
      const intent = trimmedText(q.intent);
      const split = trimmedText(q.split);
      const locale = trimmedText(q.locale);
      const limit = Math.min(1000, Math.max(1, Number(q.limit ?? 200) || 200));
      const found = (await d.store.utterances(intent || undefined)).filter((u) =>
        (!needle || u.text.toLowerCase().includes(needle)) && (!split || u.split === split) && (!locale || u.locale === locale));
      res.send(200, { utterances: found.slice(0, limit).map(exampleView), total: found.length });
    }));

    server.get('/api/admin/similar', route(false, async (req, res) => {
      const q = queryOf(req);
      const text = trimmedText(q.text);
      const intent = trimmedText(q.intent);
      const locale = trimmedText(q.locale);
      if (!text || Array.from(text).length > MAX_EXAMPLE_CHARS) throw new BadRequest(`text 需为 1-${MAX_EXAMPLE_CHARS} 个字`);
      const others = (await d.store.utterances()).filter((u) => u.intent !== intent && (!locale || u.locale === locale));
      const matches = similarTo(text, others, (u) => u.text, NEAR_IDENTICAL).slice(0, 10)
        .map((m) => ({ intent: m.item.intent, text: m.item.text, similarity: round2(m.similarity) }));
      res.send(200, { matches });
    }));

    server.post('/api/admin/intents/:name/utterances/bulk', route(true, async (req, res, a) => {
      const name = String(req.params.name);
      if (!(await d.store.intent(name))) {
        res.send(404, { error: `意图「${name}」不存在`, code: 'INTENT_NOT_FOUND' });
        return;
      }
      const b = jsonBody(req);
      if (!Array.isArray(b.texts) || b.texts.some((t) => typeof t !== 'string')) throw new BadRequest('texts 必须是例句文字的列表（每行一句）');
      if (b.texts.length > 500) throw new BadRequest('一次最多粘贴 500 行');
      const locale = trimmedText(b.locale) || 'zh-CN';
      if (!LOCALES.includes(locale)) throw new BadRequest('语言只能是 zh-CN 或 en');
      const split = b.split === 'test' ? 'test' : 'train';
      const lines = checkExamples(name, b.texts as string[], locale, split, await d.store.utterances());
      const dryRun = b.dryRun === true;
      const allowNear = b.allowNear === true;
      let added = 0;
      if (!dryRun) {
        const addable = lines.filter((l) => l.status === 'new' || (allowNear && l.status === 'near'));
        if (addable.length) {
          const at = d.now();
          added = (await d.store.addUtterances(addable.map((l) => ({ intent: name, locale, text: l.text, split, source: 'admin', createdAt: at })))).added;
          for (const l of addable) l.status = 'added';
          await audit(a, 'nlu.utterance.bulk', name, { locale, split, added, texts: addable.slice(0, 50).map((l) => l.text) });
        }
      }
      res.send(dryRun ? 200 : 201, { lines, added, skipped: lines.length - (dryRun ? lines.filter((l) => l.status === 'new').length : added), ...(added ? { effect: EFFECT } : {}) });
    }));

    server.post('/api/admin/test', route(false, async (req, res) => {
      const b = jsonBody(req);
      const text = trimmedText(b.text);
      if (!text || text.length > 500) throw new BadRequest('text must have 1-500 characters');
      let engine = d.nlu;
      const versionId = trimmedText(b.versionId);
      if (versionId && versionId !== d.training.liveVersionId) {
        const cached = engines.get(versionId);
        const json = cached ? undefined : await d.store.loadModel(versionId);
        if (!cached && !json) {
          res.send(404, { error: 'no such trained version' });
          return;
        }
        engine = cached ?? new NluEngine(new IntentModel(JSON.parse(json ?? '') as IntentModel['json']));
        if (!cached) {
          if (engines.size >= 3) engines.delete([...engines.keys()][0]);
          engines.set(versionId, engine);
        }
      }
      const u = engine.understand(text, d.today());
      res.send(200, { text: u.text, intent: u.intent, score: u.score, entities: u.entities.map((e) => ({ entity: e.entity, value: e.value })), alternatives: u.alternatives });
    }));

    server.post('/api/admin/train', route(true, async (req, res, a) => {
      const folds = Number(jsonBody(req).folds ?? 5);
      if (!Number.isInteger(folds) || folds < 3 || folds > 10) throw new BadRequest('folds must be an integer from 3 to 10');
      const version = await d.training.startTraining(a.agent.id, folds, a.agent.username);
      res.send(202, { version: await versionView(version.id) });
    }));

    const versionView = async (id: string) => {
      const v = await d.store.version(id);
      if (!v) return undefined;
      const live = await d.store.live();
      return {
        id: v.id, number: v.number, status: v.status, progress: { phase: v.phase, percent: v.percent }, createdBy: v.createdBy,
        createdAt: new Date(v.createdAt).toISOString(), dataHash: v.dataHash, accuracy: v.metrics?.accuracy ?? null, intents: v.intents,
        live: live?.versionId === v.id, publishedAt: live?.versionId === v.id ? new Date(live.publishedAt).toISOString() : undefined, error: v.error,
      };
    };

    server.get('/api/admin/versions', route(false, async (_req, res) => {
      const versions = await d.store.versions();
      res.send(200, { versions: await Promise.all(versions.map((v) => versionView(v.id))), liveId: (await d.store.live())?.versionId ?? null });
    }));

    server.get('/api/admin/versions/:id', route(false, async (req, res) => {
      const v = await d.store.version(String(req.params.id));
      if (!v) {
        res.send(404, { error: 'no such version' });
        return;
      }
      // The misclassified examples are listed per confusion cell (/confusion), not sent whole here.
      const metrics = v.metrics ? (({ errors, faqAnswers, ...rest }) => ({ ...rest, errorsRecorded: errors !== undefined }))(v.metrics) : null;
      res.send(200, { version: await versionView(v.id), metrics, comparison: await d.training.compare(v) });
    }));

    server.get('/api/admin/versions/:id/confusion', route(false, async (req, res) => {
      const v = await d.store.version(String(req.params.id));
      if (!v) {
        res.send(404, { error: '没有这个版本', code: 'VERSION_NOT_FOUND' });
        return;
      }
      const q = queryOf(req);
      const expected = trimmedText(q.expected);
      const predicted = trimmedText(q.predicted);
      if (!expected || !predicted) throw new BadRequest('请给出 expected（应为的意图）和 predicted（被认成的意图）');
      if (!v.metrics?.errors) {
        res.send(200, { examples: [], reason: 'not_recorded' });
        return;
      }
      const examples = v.metrics.errors.filter((e) => e.expected === expected && e.predicted === predicted).slice(0, 500);
      res.send(200, { examples });
    }));

    server.get('/api/admin/versions/:id/diff', route(false, async (req, res) => {
      const v = await d.store.version(String(req.params.id));
      if (!v) {
        res.send(404, { error: '没有这个版本', code: 'VERSION_NOT_FOUND' });
        return;
      }
      const diff = await diffs.diff(v, (await d.store.live())?.versionId);
      // Each intent named as admins read it (查违章, an FAQ's description) beside its name.
      const nameOf = await namer();
      const named = [...diff.perIntent.map((p) => p.intent), ...diff.intentsAdded, ...diff.intentsRemoved, ...diff.faqChanged.map((f) => f.intent)];
      const labels = Object.fromEntries(named.map((n) => [n, nameOf(n)]).filter(([n, label]) => label !== n));
      res.send(200, { ...diff, labels });
    }));

    server.post('/api/admin/versions/:id/publish', route(true, async (req, res, a) => {
      const b = jsonBody(req);
      const r = await d.training.publish(String(req.params.id), a.agent.id, { force: b.force === true, reason: trimmedText(b.reason) || undefined, actorName: a.agent.username });
      if (r.ok) res.send(200, { version: await versionView(r.version.id) });
      else res.send(r.status, { error: r.error, ...(r.comparison ?? {}) });
    }));

    server.post('/api/admin/versions/:id/rollback', route(true, async (req, res, a) => {
      const r = await d.training.publish(String(req.params.id), a.agent.id, { rollback: true, actorName: a.agent.username });
      if (r.ok) res.send(200, { version: await versionView(r.version.id) });
      else res.send(r.status, { error: r.error });
    }));

    server.get('/api/admin/inbox', route(false, async (_req, res) => {
      const nameOf = await namer();
      const items = (await d.inbox.open(500)).map(({ botAsked, ...i }) => ({
        ...i, createdAt: new Date(i.createdAt).toISOString(), reasonText: inboxReason(i.intent, nameOf),
        context: { ...(botAsked ? { botAsked } : {}), citizenSaid: i.text },
      }));
      const groups = groupSimilar(items, (i) => i.text).map((members) => ({ representative: members[0].text, count: members.length, items: members }));
      res.send(200, { groups });
    }));

    server.get('/api/admin/advice', route(false, async (_req, res) => {
      const live = d.training.liveVersionId ? await d.store.version(d.training.liveVersionId) : undefined;
      const readings = new Map<string, ReturnType<NluEngine['understand']>>();
      const utterances = await d.store.utterances();
      // The collisions are found again only when the examples changed (ids only grow: count, sum and last id tell).
      const signature = `${utterances.length}:${utterances.reduce((n, u) => n + u.id, 0)}:${utterances.at(-1)?.id ?? 0}`;
      if (collisions?.signature !== signature) collisions = { signature, found: exampleCollisions(utterances) };
      const intents = await d.store.intents();
      const advice = intentAdvice({
        intents, utterances, collisions: collisions.found, live: live?.metrics, inbox: await d.inbox.open(500),
        nameOf: intentNamer(d.intentLabels ?? PROJECT_INTENT_LABELS, intents),
        understand: (text) => {
          const key = `${d.training.liveVersionId ?? ''}\u0000${text}`;
          const known = understood.get(key) ?? readings.get(key) ?? d.nlu.understand(text, d.today());
          readings.set(key, known);
          return known;
        },
      });
      understood = readings;
      res.send(200, { advice });
    }));

    server.post('/api/admin/inbox/:id', route(true, async (req, res, a) => {
      const item = await d.inbox.item(Number(req.params.id));
      if (!item || item.status !== 'new') {
        res.send(404, { error: 'no such open inbox item' });
        return;
      }
      const b = jsonBody(req);
      const action = trimmedText(b.action);
      let intent: string | undefined;
      if (action === 'file' || action === 'out_of_scope') {
        intent = action === 'file' ? trimmedText(b.intent) : 'None';
        if (!(await d.store.intent(intent))) throw new BadRequest(`intent ${intent || '(missing)'} does not exist`);
        try {
          await d.store.addUtterance({ intent, locale: item.locale, text: item.text, split: 'train', source: 'inbox', createdAt: d.now() });
        } catch (e) {
          if ((e as { code?: string }).code !== 'UTTERANCE_EXISTS') throw e;
        }
      } else if (action !== 'ignore') {
        throw new BadRequest('action must be file, out_of_scope or ignore');
      }
      const status = action === 'file' ? 'filed' : action === 'out_of_scope' ? 'out_of_scope' : 'ignored';
      await d.inbox.resolve(item.id, status, a.agent.id, d.now(), intent);
      await audit(a, `nlu.inbox.${status}`, String(item.id), { text: item.text, intent });
      res.send(200, { id: item.id, status, intent });
    }));

    server.get('/api/admin/export', route(false, async (_req, res) => {
      res.send(200, { files: await d.training.exportCorpora() });
    }));

    server.post('/api/admin/import', route(true, async (req, res, a) => {
      const files = jsonBody(req).files;
      if (!files || typeof files !== 'object' || Array.isArray(files)) throw new BadRequest('files must be an object of "<locale>/<domain>.json" → corpus');
      const parsed = Object.entries(files as Record<string, unknown>).map(([file, json]) => {
        if (!/^[A-Za-z-]+\/[a-z0-9_-]+\.json$/.test(file)) throw new BadRequest(`file name ${file} must look like zh-CN/fine.json`);
        try {
          return { file, corpus: parseCorpus(json, file) };
        } catch (e) {
          throw new BadRequest((e as Error).message);
        }
      });
      const added = await d.training.importCorpora(parsed, a.agent.id, 'import', a.agent.username);
      res.send(200, added);
    }));

    server.get('/api/admin/audit', route(false, async (req, res) => {
      const limit = Math.min(500, Math.max(1, Number((req.query as Record<string, unknown> | undefined)?.limit ?? 100) || 100));
      const entries = await d.audit.recent(limit);
      const people = new Map((await d.agents.list()).map((p) => [p.id, p.displayName || p.username]));
      const versions = new Map((await d.store.versions()).map((v) => [v.id, v.number]));
      const names = { person: (id: string) => people.get(id), intent: await namer(), version: (id: string) => versions.get(id) };
      res.send(200, { entries: entries.map((e) => ({ ...e, at: new Date(e.at).toISOString(), summary: auditSummary(e, names) })) });
    }));

    server.post('/api/admin/agents', route(true, async (req, res, a) => {
      const b = jsonBody(req);
      try {
        const account = await d.accounts.create({
          username: trimmedText(b.username), password: typeof b.password === 'string' ? b.password : '', displayName: trimmedText(b.displayName),
          role: b.role === 'admin' ? 'admin' : 'agent',
        }, a.agent.id);
        res.send(201, { agent: publicAgent(account) });
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === 'AGENT_INVALID') res.send(400, { error: (e as Error).message });
        else if (code === 'AGENT_EXISTS') res.send(409, { error: (e as Error).message });
        else throw e;
      }
    }));

    server.get('/api/admin/agents', route(false, async (_req, res) => {
      res.send(200, { agents: (await d.agents.list()).map(accountView) });
    }));

    /** An account change: 404 for an unknown id, 400 with the rule for a refused password. */
    const accountChange = (change: (id: string, req: Request, a: Authenticated) => Promise<Record<string, unknown> | undefined>) =>
      route(true, async (req, res, a) => {
        const id = String(req.params.id ?? '');
        try {
          const answer = await change(id, req, a);
          if (answer) res.send(200, answer);
          else res.send(409, { error: 'you cannot disable your own account (ask another admin)' });
        } catch (e) {
          const code = (e as { code?: string }).code;
          if (code === 'AGENT_NOT_FOUND') res.send(404, { error: 'no such agent' });
          else if (code === 'AGENT_INVALID') res.send(400, { error: (e as Error).message });
          else throw e;
        }
      });

    server.post('/api/admin/agents/:id/disable', accountChange(async (id, _req, a) => {
      if (id === a.agent.id) return undefined;
      return { agent: accountView(await d.accounts.setDisabled(id, true, a.agent.id)) };
    }));

    server.post('/api/admin/agents/:id/enable', accountChange(async (id, _req, a) => (
      { agent: accountView(await d.accounts.setDisabled(id, false, a.agent.id)) }
    )));

    server.post('/api/admin/agents/:id/password', accountChange(async (id, req, a) => {
      const password = jsonBody(req).password;
      if (typeof password !== 'string' || !password) throw new BadRequest('password (the new password) is required');
      // An admin resetting their own password keeps the session doing it; every other session ends.
      const endedSessions = await d.accounts.setPassword(id, password, a.agent.id, id === a.agent.id ? a.tokenHash : undefined);
      const account = await d.agents.byId(id);
      return { agent: account ? accountView(account) : undefined, endedSessions };
    }));

    server.get('/api/admin/events', route(false, async (req, res) => {
      const stream = openEventStream(req, res, () => {
        d.training.off('training', training);
        d.training.off('live', live);
      });
      const training = (data: unknown): void => stream.send(data, { event: 'training' });
      const live = (data: unknown): void => stream.send(data, { event: 'live' });
      d.training.on('training', training);
      d.training.on('live', live);
    }));
  };
}
