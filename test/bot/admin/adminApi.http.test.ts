import type { Route } from 'restify';
import { CONTRACT_INTENTS } from '../../../bot/admin/contractIntents';
import { loadCorpusFile, projectCorpusFiles } from '../../../nlu-models/corpus/loadCorpus';
import { startWeChatApp, type WeChatTestApp } from '../wechat/wechatClient';
import { AdminClient, type IntentView, type UtteranceView } from './adminClient';

const PASSWORD = 'correct horse 12';
const FAQ = { name: 'faq.office_hours', answers: { 'zh-CN': ['车管所工作时间：周一至周五8:30-17:00'] } };

describe('admin API over HTTP: access, intents, utterances, test box, OpenAPI', () => {
  let t: WeChatTestApp;
  let admin: AdminClient;
  let agent: AdminClient;
  const intents = async () => (await admin.get<{ live: { number: number } | null; intents: IntentView[] }>('/api/admin/intents')).body;
  const utterancesOf = async (name: string) => (await admin.get<{ utterances: UtteranceView[] }>(`/api/admin/intents/${name}/utterances`)).body.utterances;

  beforeAll(async () => {
    t = await startWeChatApp();
    await t.app.ready;
    await t.app.agents.create({ username: 'zhang.admin', password: PASSWORD, displayName: '张管理', role: 'admin' });
    await t.app.agents.create({ username: 'wang.kefu', password: PASSWORD, displayName: '王客服', role: 'agent' });
    admin = new AdminClient(t.base);
    agent = new AdminClient(t.base);
    expect(await admin.login('zhang.admin', PASSWORD)).toBe(200);
    expect(await agent.login('wang.kefu', PASSWORD)).toBe(200);
    expect((await admin.post('/api/admin/intents', { name: FAQ.name, answers: FAQ.answers })).status).toBe(201);
  }, 120_000);
  afterAll(() => t.close());

  it('needs a session (401), the admin role (403) and, for changes, the CSRF token (403)', async () => {
    const anonymous = new AdminClient(t.base);
    expect((await anonymous.get('/api/admin/intents')).status).toBe(401);
    expect((await anonymous.post('/api/admin/test', { text: '你好' })).status).toBe(401);
    expect(await agent.get('/api/admin/intents')).toEqual({ status: 403, body: { error: 'this needs the admin role' } });
    expect((await agent.get('/api/admin/audit')).status).toBe(403);
    expect((await agent.post('/api/admin/intents', { name: 'faq.by_agent' })).status).toBe(403);
    for (const csrf of ['', 'forged']) {
      expect(await admin.post('/api/admin/intents', { name: 'faq.no_csrf' }, csrf)).toEqual({ status: 403, body: { error: 'missing or wrong x-csrf-token header' } });
      expect((await admin.del(`/api/admin/intents/${FAQ.name}`, csrf)).status).toBe(403);
    }
    const names = (await intents()).intents.map((i) => i.name);
    expect(names).not.toContain('faq.no_csrf');
    expect(names).not.toContain('faq.by_agent');
    expect(names).toContain(FAQ.name);
  });

  it('lists every contract intent with its zh-CN/en training counts from the corpora, and the live version 1', async () => {
    const expected = new Map<string, number>();
    for (const c of projectCorpusFiles().map((f) => loadCorpusFile(f))) for (const d of c.data) {
      const k = `${d.intent} ${c.locale}`;
      expected.set(k, (expected.get(k) ?? 0) + d.utterances.length);
    }
    const view = await intents();
    expect(view.live).toMatchObject({ number: 1 });
    for (const name of CONTRACT_INTENTS) {
      const i = view.intents.find((x) => x.name === name);
      expect(i).toMatchObject({ isFaq: false, counts: { 'zh-CN': expected.get(`${name} zh-CN`), en: expected.get(`${name} en`) } });
      expect(i?.counts['zh-CN']).toBeGreaterThan(0);
      expect(i?.counts.en).toBeGreaterThan(0);
      expect(i?.tests).toBeGreaterThan(0);
    }
    expect(view.intents.find((x) => x.name === FAQ.name)).toMatchObject({ isFaq: true, domain: 'faq', answers: FAQ.answers, counts: { 'zh-CN': 0, en: 0 } });
  });

  it.each<[string, Record<string, unknown>]>([
    ['an upper-case name', { name: 'Fine.Query' }],
    ['a name with spaces', { name: 'fine query' }],
    ['no name', {}],
    ['an FAQ name too short', { name: 'faq.x' }],
    ['a description over 200 characters', { name: 'faq.long_text', description: 'x'.repeat(201) }],
    ['answers in an unknown locale', { name: 'faq.french', answers: { fr: ['oui'] } }],
    ['answers not a list', { name: 'faq.not_list', answers: { 'zh-CN': '八点' } }],
    ['an empty answer', { name: 'faq.empty_answer', answers: { 'zh-CN': ['  '] } }],
  ])('refuses to create an intent with %s (400)', async (_label, body) => {
    const r = await admin.post<{ error: string }>('/api/admin/intents', body);
    expect(r.status).toBe(400);
    expect(r.body.error).toEqual(expect.any(String));
  });

  it('creates, updates and deletes intents; duplicates 409; contract intents cannot be deleted', async () => {
    expect(await admin.post('/api/admin/intents', { name: FAQ.name })).toEqual({ status: 409, body: { error: `intent ${FAQ.name} already exists` } });
    expect((await admin.post('/api/admin/intents', { name: 'fine.query' })).status).toBe(409);
    const created = await admin.post<{ intent: IntentView }>('/api/admin/intents', { name: 'faq.parking', description: '停车' });
    expect(created).toMatchObject({ status: 201, body: { intent: { name: 'faq.parking', domain: 'faq', description: '停车', answers: {} } } });
    const updated = await admin.put('/api/admin/intents/faq.parking', { answers: { 'zh-CN': ['东门有停车场'] } });
    expect(updated).toMatchObject({ status: 200, body: { intent: { description: '停车', answers: { 'zh-CN': ['东门有停车场'] } } } });
    expect((await admin.put('/api/admin/intents/faq.nothing_here', { description: 'x' })).status).toBe(404);
    for (const name of ['fine.query', 'None', 'greet']) {
      const r = await admin.del<{ error: string }>(`/api/admin/intents/${name}`);
      expect(r.status).toBe(409);
      expect(r.body.error).toContain('understanding contract');
    }
    expect(await admin.del('/api/admin/intents/faq.parking')).toEqual({ status: 200, body: { deleted: 'faq.parking', effect: expect.stringContaining('发布') } });
    expect((await admin.del('/api/admin/intents/faq.parking')).status).toBe(404);
    const names = (await intents()).intents.map((i) => i.name);
    expect(names).toEqual(expect.arrayContaining(['fine.query', 'None', 'greet']));
    expect(names).not.toContain('faq.parking');
  });

  it('adds utterances (counted in the list) and deletes them; validates text, locale and intent', async () => {
    const added = await admin.post<{ utterance: UtteranceView }>(`/api/admin/intents/${FAQ.name}/utterances`, { text: ' 你们几点上班 ' });
    expect(added).toMatchObject({ status: 201, body: { utterance: { intent: FAQ.name, locale: 'zh-CN', text: '你们几点上班', split: 'train', source: 'admin' } } });
    expect((await admin.post(`/api/admin/intents/${FAQ.name}/utterances`, { text: 'when do you open', locale: 'en', split: 'test' })).status).toBe(201);
    const list = await utterancesOf(FAQ.name);
    expect(list.map((u) => `${u.locale} ${u.split} ${u.text}`)).toEqual(['zh-CN train 你们几点上班', 'en test when do you open']);
    expect(new Date(list[0].createdAt).toISOString()).toBe(list[0].createdAt);
    expect((await intents()).intents.find((i) => i.name === FAQ.name)).toMatchObject({ counts: { 'zh-CN': 1, en: 0 }, tests: 1 });
    for (const body of [{ text: '' }, { text: '长'.repeat(201) }, { text: '好', locale: 'fr' }]) {
      expect((await admin.post(`/api/admin/intents/${FAQ.name}/utterances`, body)).status).toBe(400);
    }
    expect((await admin.post('/api/admin/intents/faq.nothing_here/utterances', { text: '好' })).status).toBe(404);
    expect(await admin.del(`/api/admin/utterances/${list[1].id}`)).toMatchObject({ status: 200, body: { deleted: { id: list[1].id, text: 'when do you open' } } });
    expect((await admin.del(`/api/admin/utterances/${list[1].id}`)).status).toBe(404);
    expect((await utterancesOf(FAQ.name)).map((u) => u.text)).toEqual(['你们几点上班']);
  });

  it('refuses a duplicate utterance with 409 naming the intent that already has it', async () => {
    const corpusText = loadCorpusFile(projectCorpusFiles().find((f) => f.endsWith('fines/corpus/zh-CN.json')) ?? '').data[0].utterances[0];
    await admin.post(`/api/admin/intents/${FAQ.name}/utterances`, { text: '车管所几点开门' });
    const again = await admin.post<{ error: string }>(`/api/admin/intents/${FAQ.name}/utterances`, { text: '车管所几点开门' });
    expect(again).toEqual({ status: 409, body: { error: `"车管所几点开门" is already an utterance of ${FAQ.name}` } });
    const elsewhere = await admin.post<{ error: string }>('/api/admin/intents/greet/utterances', { text: corpusText });
    expect(elsewhere).toEqual({ status: 409, body: { error: `"${corpusText}" is already an utterance of fine.query` } });
  });

  it('the test box gives intent, score and entities', async () => {
    const r = await admin.post<{ intent: string; score: number; entities: unknown[]; alternatives: unknown[] }>('/api/admin/test', { text: '查苏A12345的违章' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ intent: 'fine.query', entities: [{ entity: 'plate_number', value: '苏A12345' }] });
    expect(r.body.score).toBeGreaterThan(0.6);
    expect(r.body.alternatives.length).toBeGreaterThan(0);
    expect((await admin.post('/api/admin/test', { text: '' })).status).toBe(400);
    expect((await admin.post('/api/admin/test', { text: '你好', versionId: 'no-such-version' })).status).toBe(404);
  });

  it('publishes a valid OpenAPI 3 document listing exactly the routes the server registers under /api/admin', async () => {
    await admin.get('/api/admin/versions');
    await admin.get('/api/admin/audit?limit=5');
    const r = await admin.get<OpenApi>('/api/admin/openapi.json');
    expect(r.status).toBe(200);
    const doc = r.body;
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    const documented: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      expect(path).toMatch(/^\/api\/admin\//);
      const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(item)) {
        documented.push(`${method.toUpperCase()} ${path}`);
        expect(['get', 'post', 'put', 'delete']).toContain(method);
        expect(Object.keys(op.responses ?? {}).length).toBeGreaterThan(0);
        const declared = (op.parameters ?? []).map((p) => resolve(doc, p)).filter((p) => p.in === 'path');
        expect(declared.map((p) => p.name).sort()).toEqual([...params].sort());
        for (const p of declared) expect(p.required).toBe(true);
      }
    }
    for (const ref of JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)) expect(() => resolve(doc, { $ref: ref[1] })).not.toThrow();
    const registered = Object.values(t.app.server.router.getRoutes() as unknown as Record<string, Route>)
      .map((route) => `${route.method.toUpperCase()} ${String(route.path).replace(/:(\w+)/g, '{$1}')}`)
      .filter((route) => route.includes(' /api/admin/') && !route.endsWith('/openapi.json'));
    expect([...new Set(registered)].sort()).toEqual(documented.sort());
    // Every call this test made is a documented route.
    const templates = documented.map((d) => new RegExp(`^${d.replace(/\{\w+\}/g, '[^/]+').replace(/\./g, '\\.')}$`));
    const exercised = [...new Set([...admin.calls, ...agent.calls])].filter((c) => c.includes(' /api/admin/') && !c.endsWith('/openapi.json'));
    expect(exercised.filter((c) => !templates.some((re) => re.test(c)))).toEqual([]);
    expect(exercised.length).toBeGreaterThanOrEqual(10);
  });
});

interface Parameter { name: string; in: string; required?: boolean }
interface OpenApi {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, { responses?: Record<string, unknown>; parameters?: Array<Parameter | { $ref: string }> }>>;
}

/** Follows a local $ref ("#/components/…"); throws when it points nowhere. */
function resolve(doc: OpenApi, p: Parameter | { $ref: string }): Parameter {
  if (!('$ref' in p)) return p;
  let at: unknown = doc;
  for (const key of p.$ref.replace(/^#\//, '').split('/')) {
    at = (at as Record<string, unknown> | undefined)?.[key];
    if (at === undefined) throw new Error(`dangling $ref ${p.$ref}`);
  }
  return at as Parameter;
}
