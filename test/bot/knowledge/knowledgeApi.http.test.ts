import { FakeWeChat, startWeChatApp, type WeChatTestApp } from '../wechat/wechatClient';
import { AdminClient, waitUntil, type AuditView } from '../admin/adminClient';

const PASSWORD = 'correct horse 12';
const RED_LIGHT = 'points.red-light';
const QUESTION = '闯红灯扣几分';
/** Rule questions (the NLU takes them to the knowledge answerer) that no card answers: they land in the inbox, as one group. */
const UNANSWERED = ['高速上最低速度是多少', '高速公路最低速度是多少'];
/** The card made of them (the implementing regulations, article 78, say the speeds). */
const SPEED_CARD = {
  id: 'rules.highway-minimum-speed', kind: 'answer', topic: 'rules',
  title: { 'zh-CN': '高速公路最低车速是多少', en: 'Minimum speed on expressways' },
  questions: { 'zh-CN': ['高速最低车速'], en: ['minimum speed on the expressway'] },
  answer: { 'zh-CN': '高速公路最低车速不得低于每小时60公里。\n按车道和限速标志标明的车速行驶。', en: 'On expressways the minimum speed is 60 km/h.\nFollow the speeds signed for each lane.' },
  cites: [{ law: 'road-traffic-safety-law-implementing-regulations', article: 78 }],
};

interface CardBody {
  id: string; kind: string; topic: string; title: Record<string, string>; questions: Record<string, string[]>;
  answer: Record<string, string>; cites: Array<{ law: string; article: number; item?: number }>; offer?: string; urgent?: string[][];
}
interface Overview {
  live: { id: string; number: number; publishedBy: string; createdAt: string } | null;
  draftChanged: boolean; repositoryChanged: boolean;
  problems: Array<{ card: string; code: string; message: string }>;
  cards: Array<{ id: string; kind: string; topic: string; title: Record<string, string>; status: string; state: string; updatedBy: string; updatedAt: string }>;
}
interface TestAnswer {
  answer: { kind: string; card?: { id: string; confidence: number; matched: string[]; via: string; answer: Record<string, string>; citation: string } };
  ranking: Array<{ id: string; confidence: number; matched: string[] }>;
}
interface Problem { card: string; code: string; message: string }
interface Unanswered { groups: Array<{ representative: string; count: number; items: Array<{ id: number; text: string; locale: string; createdAt: string }> }> }

describe('knowledge admin API over HTTP: access, cards, test box, publish, rollback, unanswered questions', () => {
  let t: WeChatTestApp;
  let admin: AdminClient;
  let agent: AdminClient;
  let adminId: string;
  const overview = async () => (await admin.get<Overview>('/api/admin/knowledge')).body;
  const cardOf = async (id: string) => (await admin.get<{ card: CardBody; state: string; status: string; citation: string }>(`/api/admin/knowledge/cards/${id}`)).body;
  const ask = async (text: string, source: 'live' | 'draft' = 'live', locale = 'zh-CN') =>
    (await admin.post<TestAnswer>('/api/admin/knowledge/test', { text, locale, source })).body;
  const audit = async () => (await admin.get<AuditView>('/api/admin/audit?limit=500')).body.entries;

  beforeAll(async () => {
    t = await startWeChatApp();
    await t.app.ready;
    adminId = (await t.app.agents.create({ username: 'zhang.admin', password: PASSWORD, displayName: '张管理', role: 'admin' })).id;
    await t.app.agents.create({ username: 'wang.kefu', password: PASSWORD, displayName: '王客服', role: 'agent' });
    admin = new AdminClient(t.base);
    agent = new AdminClient(t.base);
    expect(await admin.login('zhang.admin', PASSWORD)).toBe(200);
    expect(await agent.login('wang.kefu', PASSWORD)).toBe(200);
  }, 120_000);
  afterAll(() => t.close());

  it('starts with the repository cards as live version 1, the draft equal to it', async () => {
    const o = await overview();
    expect(o.live).toMatchObject({ number: 1, publishedBy: 'system' });
    expect(o.draftChanged).toBe(false);
    expect(o.repositoryChanged).toBe(false);
    expect(o.cards.length).toBeGreaterThan(50);
    expect(o.cards.every((c) => c.state === 'live' && c.status === 'active')).toBe(true);
    expect(o.cards.find((c) => c.id === RED_LIGHT)).toMatchObject({ kind: 'answer', topic: 'points', title: { 'zh-CN': expect.any(String), en: expect.any(String) } });
    expect(o.problems.filter((p) => p.code !== 'POINT_ITEM_UNCOVERED')).toEqual([]);
    const laws = (await admin.get<{ laws: Array<{ id: string; title: string; articles: number }> }>('/api/admin/knowledge/laws')).body.laws;
    expect(laws.map((l) => l.id)).toEqual(expect.arrayContaining(['points-scoring-measures-2022', 'road-traffic-safety-law']));
    const article = await admin.get<{ number: number; text: string; items: string[]; citation: string }>('/api/admin/knowledge/laws/points-scoring-measures-2022/articles/10');
    expect(article.status).toBe(200);
    expect(article.body.items.length).toBeGreaterThan(5);
    expect(article.body.citation).toContain('第十条');
    expect(await admin.get('/api/admin/knowledge/laws/points-scoring-measures-2022/articles/999')).toMatchObject({ status: 404, body: { code: 'NO_SUCH_ARTICLE' } });
    expect((await admin.get('/api/admin/knowledge/cards/points.no-such-card')).body).toMatchObject({ code: 'NO_SUCH_CARD' });
  });

  it('needs a session (401), the admin role (403) and, for changes, the CSRF token (403)', async () => {
    const anonymous = new AdminClient(t.base);
    expect((await anonymous.get('/api/admin/knowledge')).status).toBe(401);
    expect((await agent.get('/api/admin/knowledge')).status).toBe(403);
    expect((await agent.post('/api/admin/knowledge/test', { text: QUESTION })).status).toBe(403);
    expect((await agent.post('/api/admin/knowledge/publish', { note: 'agent' })).status).toBe(403);
    const { card } = await cardOf(RED_LIGHT);
    const edited = { ...card, answer: { ...card.answer, 'zh-CN': `${card.answer['zh-CN']}\n（不该保存）` } };
    expect((await agent.put(`/api/admin/knowledge/cards/${RED_LIGHT}`, { card: edited })).status).toBe(403);
    for (const csrf of ['', 'forged']) {
      expect(await admin.put(`/api/admin/knowledge/cards/${RED_LIGHT}`, { card: edited }, csrf)).toEqual({ status: 403, body: { error: 'missing or wrong x-csrf-token header' } });
      expect((await admin.post(`/api/admin/knowledge/cards/${RED_LIGHT}/retire`, {}, csrf)).status).toBe(403);
      expect((await admin.post('/api/admin/knowledge/publish', { note: 'x' }, csrf)).status).toBe(403);
      expect((await admin.post('/api/admin/knowledge/unanswered/card', { items: [1], card: edited }, csrf)).status).toBe(403);
    }
    // A read needs no token: the test box answers.
    expect((await admin.post('/api/admin/knowledge/test', { text: QUESTION }, '')).status).toBe(200);
    expect(await cardOf(RED_LIGHT)).toMatchObject({ card, state: 'live' });
    expect((await overview()).draftChanged).toBe(false);
  });

  it('the test box names the card, its confidence, the matched terms and the runners-up', async () => {
    const r = await ask(QUESTION);
    expect(r.answer.kind).toBe('card');
    expect(r.answer.card).toMatchObject({ id: RED_LIGHT, citation: expect.stringContaining('第十条') });
    expect(r.answer.card?.confidence).toBeGreaterThan(0);
    expect(r.answer.card?.matched.length).toBeGreaterThan(0);
    expect(r.answer.card?.answer['zh-CN']).toContain('6分');
    expect(r.ranking[0].id).toBe(RED_LIGHT);
    expect(r.ranking.length).toBeGreaterThan(1);
    expect((await admin.post('/api/admin/knowledge/test', { text: '' })).status).toBe(400);
    expect((await admin.post('/api/admin/knowledge/test', { text: QUESTION, locale: 'fr' })).body).toMatchObject({ code: 'CARD_INVALID' });
  });

  it('refuses a card that cites what the texts do not have (400, CARD_INVALID, the problems by code) and saves nothing', async () => {
    const { card } = await cardOf(RED_LIGHT);
    const bad = await admin.put<{ error: string; code: string; problems: Problem[] }>(`/api/admin/knowledge/cards/${RED_LIGHT}`, {
      card: { ...card, cites: [{ law: 'points-scoring-measures-2022', article: 999 }], questions: { 'zh-CN': ['闯红灯'], en: [] } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('CARD_INVALID');
    expect(bad.body.problems.map((p) => p.code).sort()).toEqual(['TOO_FEW_QUESTIONS', 'TOO_FEW_QUESTIONS', 'UNKNOWN_ARTICLE']);
    expect(bad.body.problems.find((p) => p.code === 'UNKNOWN_ARTICLE')).toMatchObject({ card: RED_LIGHT, message: expect.stringContaining('999') });
    const badItem = await admin.put<{ code: string; problems: Problem[] }>(`/api/admin/knowledge/cards/${RED_LIGHT}`, {
      card: { ...card, cites: [{ law: 'points-scoring-measures-2022', article: 10, item: 99 }] },
    });
    expect(badItem.body.problems.map((p) => p.code)).toEqual(['UNKNOWN_ITEM']);
    expect((await admin.put<{ code: string }>('/api/admin/knowledge/cards/Bad%20Id', { card: { ...card } })).body).toMatchObject({ code: 'CARD_INVALID' });
    expect((await admin.put<{ code: string }>(`/api/admin/knowledge/cards/${RED_LIGHT}`, { card: { ...card, offer: 'nothing.here' } })).body).toMatchObject({ code: 'CARD_INVALID' });
    expect((await admin.put<{ code: string }>(`/api/admin/knowledge/cards/${RED_LIGHT}`, { card: { ...card, cites: [{ law: 'points-scoring-measures-2022', article: 'ten' }] } })).body).toMatchObject({ code: 'CARD_INVALID' });
    expect(await cardOf(RED_LIGHT)).toMatchObject({ card, state: 'live' });
    expect((await audit()).filter((e) => e.action.startsWith('knowledge.'))).toEqual([]);
  });

  it('publishes an edited card (audited; NOTHING_TO_PUBLISH when the draft is live), rolls back to version 1', async () => {
    expect(await admin.post('/api/admin/knowledge/publish', { note: 'nothing' })).toMatchObject({ status: 409, body: { code: 'NOTHING_TO_PUBLISH' } });
    const { card } = await cardOf(RED_LIGHT);
    const before = card.answer['zh-CN'];
    const after = `${before}\n记满12分要参加满分学习。`;
    const saved = await admin.put<{ card: CardBody; status: string }>(`/api/admin/knowledge/cards/${RED_LIGHT}`, { card: { ...card, answer: { ...card.answer, 'zh-CN': after } } });
    expect(saved).toMatchObject({ status: 200, body: { status: 'active', card: { id: RED_LIGHT, answer: { 'zh-CN': after } } } });
    let o = await overview();
    expect(o.draftChanged).toBe(true);
    expect(o.cards.find((c) => c.id === RED_LIGHT)).toMatchObject({ state: 'changed', updatedBy: adminId });
    // The draft answers with the new text, the live version still with the old one.
    expect((await ask(QUESTION, 'draft')).answer.card?.answer['zh-CN']).toBe(after);
    expect((await ask(QUESTION, 'live')).answer.card?.answer['zh-CN']).toBe(before);

    const published = await admin.post<{ version: { id: string; number: number; note: string }; warnings: Problem[] }>('/api/admin/knowledge/publish', { note: '闯红灯加一句满分学习' });
    expect(published.status).toBe(200);
    expect(published.body.version).toMatchObject({ number: 2, note: '闯红灯加一句满分学习' });
    expect(Array.isArray(published.body.warnings)).toBe(true);
    o = await overview();
    expect(o.live).toMatchObject({ id: published.body.version.id, number: 2, publishedBy: adminId });
    expect(o.draftChanged).toBe(false);
    expect(o.cards.find((c) => c.id === RED_LIGHT)?.state).toBe('live');
    expect((await ask(QUESTION, 'live')).answer.card?.answer['zh-CN']).toBe(after);
    expect(await admin.post('/api/admin/knowledge/publish', { note: 'again' })).toMatchObject({ status: 409, body: { code: 'NOTHING_TO_PUBLISH' } });

    const entries = await audit();
    expect(entries.find((e) => e.action === 'knowledge.card.edit')).toMatchObject({ actor: adminId, target: RED_LIGHT });
    expect(entries.find((e) => e.action === 'knowledge.publish')).toMatchObject({ actor: adminId, target: published.body.version.id, details: expect.objectContaining({ number: 2, note: '闯红灯加一句满分学习' }) });

    const versions = (await admin.get<{ versions: Array<{ id: string; number: number; live: boolean }> }>('/api/admin/knowledge/versions')).body.versions;
    expect(versions.map((v) => [v.number, v.live]).sort()).toEqual([[1, false], [2, true]]);
    const first = versions.find((v) => v.number === 1)!;
    expect((await admin.post(`/api/admin/knowledge/versions/${first.id}/live`, {}, '')).status).toBe(403);
    expect((await agent.post(`/api/admin/knowledge/versions/${first.id}/live`, {})).status).toBe(403);
    expect(await admin.post('/api/admin/knowledge/versions/no-such-version/live', {})).toMatchObject({ status: 404, body: { code: 'NO_SUCH_VERSION' } });
    expect(await admin.post(`/api/admin/knowledge/versions/${first.id}/live`, {})).toMatchObject({ status: 200, body: { version: { id: first.id, number: 1 } } });
    expect(await admin.post(`/api/admin/knowledge/versions/${first.id}/live`, {})).toMatchObject({ status: 409, body: { code: 'ALREADY_LIVE' } });
    expect((await overview()).live).toMatchObject({ number: 1 });
    expect((await ask(QUESTION, 'live')).answer.card?.answer['zh-CN']).toBe(before);
    // The draft keeps the edit: against the live version 1 it is 'changed' again.
    o = await overview();
    expect(o.draftChanged).toBe(true);
    expect(o.cards.find((c) => c.id === RED_LIGHT)?.state).toBe('changed');
    expect((await audit()).find((e) => e.action === 'knowledge.rollback')).toMatchObject({ actor: adminId, target: first.id, details: expect.objectContaining({ number: 1 }) });
  });

  it('retires and restores a card (retired cards leave the draft answers)', async () => {
    const target = (await overview()).cards.find((c) => c.topic === 'points' && c.id !== RED_LIGHT)?.id ?? '';
    expect(await admin.post(`/api/admin/knowledge/cards/${target}/retire`, {})).toEqual({ status: 200, body: { id: target, status: 'retired' } });
    expect((await overview()).cards.find((c) => c.id === target)?.state).toBe('retired');
    const title = (await cardOf(target)).card.title['zh-CN'];
    expect((await ask(title, 'draft')).ranking.map((m) => m.id)).not.toContain(target);
    expect(await admin.post(`/api/admin/knowledge/cards/${target}/restore`, {})).toEqual({ status: 200, body: { id: target, status: 'active' } });
    expect((await overview()).cards.find((c) => c.id === target)?.state).toBe('live');
    expect((await admin.post('/api/admin/knowledge/cards/points.no-such-card/retire', {})).body).toMatchObject({ code: 'NO_SUCH_CARD' });
    const actions = (await audit()).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['knowledge.card.retire', 'knowledge.card.restore']));
  });

  it('groups the questions no card answered; a group becomes a new card with their texts as questions, and leaves the inbox', async () => {
    // Precondition: no live card answers them (if one is added to the repository, pick other questions here).
    for (const text of UNANSWERED) expect({ text, kind: (await ask(text)).answer.kind }).toEqual({ text, kind: 'none' });
    const wx = new FakeWeChat(t.base);
    // One citizen each: two misses in a row would hand the conversation to a person.
    for (const [i, text] of UNANSWERED.entries()) expect((await wx.text(`o_knowledge_${i}`, text)).status).toBe(200);
    const groups = async () => (await admin.get<Unanswered>('/api/admin/knowledge/unanswered')).body.groups;
    await waitUntil('the unanswered questions', async () => (await groups()).flatMap((g) => g.items).length >= UNANSWERED.length, 10_000);
    const items = (await groups()).flatMap((g) => g.items);
    expect(items.map((i) => i.text).sort()).toEqual([...UNANSWERED].sort());
    for (const i of items) expect(i).toMatchObject({ locale: 'zh-CN', createdAt: new Date(i.createdAt).toISOString() });
    // The misunderstood inbox (NLU) lists them too, under the knowledge intent.
    expect((await admin.get<{ groups: Array<{ items: Array<{ intent: string; text: string }> }> }>('/api/admin/inbox')).body.groups.flatMap((g) => g.items).filter((i) => UNANSWERED.includes(i.text)).map((i) => i.intent))
      .toEqual(UNANSWERED.map(() => 'knowledge.question'));

    const card = SPEED_CARD;
    const groupsNow = await groups();
    expect(groupsNow).toHaveLength(1);
    expect(groupsNow[0]).toMatchObject({ count: 2, representative: expect.stringMatching(/最低速度/) });
    const ids = items.map((i) => i.id);
    expect((await admin.post('/api/admin/knowledge/unanswered/card', { items: [], card })).body).toMatchObject({ code: 'CARD_INVALID' });
    expect((await admin.post('/api/admin/knowledge/unanswered/card', { items: [999999], card })).body).toMatchObject({ code: 'NO_SUCH_INBOX_ITEM' });
    // A bad card files nothing.
    const bad = await admin.post<{ code: string; problems: Problem[] }>('/api/admin/knowledge/unanswered/card', { items: ids, card: { ...card, cites: [{ law: 'road-traffic-safety-law-implementing-regulations', article: 999 }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.problems.map((p) => p.code)).toEqual(['UNKNOWN_ARTICLE']);
    expect((await groups()).flatMap((g) => g.items).map((i) => i.id).sort()).toEqual([...ids].sort());

    const made = await admin.post<{ card: CardBody; status: string }>('/api/admin/knowledge/unanswered/card', { items: ids, card });
    expect(made.status).toBe(200);
    expect(made.body.card.questions['zh-CN']).toEqual(['高速最低车速', ...items.map((i) => i.text)]);
    expect((await groups()).flatMap((g) => g.items)).toEqual([]);
    expect((await overview()).cards.find((c) => c.id === card.id)).toMatchObject({ state: 'new', kind: 'answer', topic: 'rules' });
    expect((await ask(UNANSWERED[0], 'draft')).answer.card?.id).toBe(card.id);
    expect((await admin.post('/api/admin/knowledge/unanswered/card', { items: ids, card })).body).toMatchObject({ code: 'NO_SUCH_INBOX_ITEM' });
    const entries = await audit();
    expect(entries.find((e) => e.action === 'knowledge.inbox.card')).toMatchObject({ actor: adminId, target: card.id, details: expect.objectContaining({ items: ids }) });
    expect(entries.find((e) => e.action === 'knowledge.card.create')).toMatchObject({ target: card.id });
  });
});
