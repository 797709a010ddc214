import { parseCorpus } from '../../../nlu-models/corpus/loadCorpus';
import type { Corpus } from '../../../nlu-models/corpus/types';
import { FakeWeChat, startWeChatApp, type WeChatTestApp } from '../wechat/wechatClient';
import { AdminClient, waitUntil, type AuditView, type InboxView, type IntentView, type UtteranceView } from './adminClient';

const PASSWORD = 'correct horse 12';
const ID = '320583198512240024';
const MASKED_ID = '320583********0024';
const TICKETS = 'faq.air_tickets';

describe('admin API over HTTP: misunderstood inbox, export/import, audit, accounts', () => {
  let t: WeChatTestApp;
  let wx: FakeWeChat;
  let admin: AdminClient;
  let adminId: string;
  const intents = async () => (await admin.get<{ intents: IntentView[] }>('/api/admin/intents')).body.intents;
  const utterancesOf = async (name: string) => (await admin.get<{ utterances: UtteranceView[] }>(`/api/admin/intents/${name}/utterances`)).body.utterances;
  const inbox = async () => (await admin.get<InboxView>('/api/admin/inbox')).body.groups;
  const openItems = async () => (await inbox()).flatMap((g) => g.items);
  const audit = async () => (await admin.get<AuditView>('/api/admin/audit?limit=500')).body.entries;

  beforeAll(async () => {
    t = await startWeChatApp();
    wx = new FakeWeChat(t.base);
    await t.app.ready;
    adminId = (await t.app.agents.create({ username: 'zhang.admin', password: PASSWORD, displayName: '张管理', role: 'admin' })).id;
    admin = new AdminClient(t.base);
    expect(await admin.login('zhang.admin', PASSWORD)).toBe(200);
    expect((await admin.post('/api/admin/intents', { name: TICKETS, answers: { 'zh-CN': ['交管助手不办理机票业务'] } })).status).toBe(201);
  }, 120_000);
  afterAll(() => t.close());

  it('citizens\' messages the bot did not understand reach the inbox masked, similar ones grouped; filing makes them training data', async () => {
    // One citizen each: two misses in a row would hand the conversation to a person.
    const said: Array<[string, string]> = [
      ['o_inbox_id', `帮我订一张去北京的机票，我的身份证号是${ID}`],
      ['o_inbox_sh', '帮我订一张去上海的机票'],
      ['o_inbox_gz', '帮我订一张去广州的机票'],
      ['o_inbox_film', '推荐一部好看的电影'],
      ['o_inbox_stock', '今天股市怎么样'],
      ['o_inbox_fine', '查苏A12345的违章'],
    ];
    for (const [openid, text] of said) expect((await wx.text(openid, text)).status).toBe(200);
    await waitUntil('five inbox items', async () => (await openItems()).length >= 5, 10_000);
    const groups = await inbox();
    const json = JSON.stringify(groups);
    expect(json).not.toContain(ID);
    expect(json).toContain(MASKED_ID);
    // The understood request (a fine query) is not in the inbox.
    expect(json).not.toContain('违章');
    const items = groups.flatMap((g) => g.items);
    expect(items).toHaveLength(5);
    for (const i of items) expect(i).toMatchObject({ locale: 'zh-CN', status: 'new', createdAt: new Date(i.createdAt).toISOString() });
    expect(groups[0]).toMatchObject({ count: 2 });
    expect(groups[0].items.map((i) => i.text).sort()).toEqual(['帮我订一张去上海的机票', '帮我订一张去广州的机票']);
    const find = (text: string) => items.find((i) => i.text.startsWith(text))?.id ?? -1;

    const idItem = find('帮我订一张去北京');
    expect(await admin.post(`/api/admin/inbox/${idItem}`, { action: 'file', intent: TICKETS })).toEqual({ status: 200, body: { id: idItem, status: 'filed', intent: TICKETS } });
    expect((await utterancesOf(TICKETS)).map((u) => [u.text, u.source, u.split])).toEqual([[`帮我订一张去北京的机票，我的身份证号是${MASKED_ID}`, 'inbox', 'train']]);
    expect((await admin.post(`/api/admin/inbox/${idItem}`, { action: 'ignore' })).status).toBe(404);

    const film = find('推荐一部');
    expect((await admin.post(`/api/admin/inbox/${film}`, { action: 'out_of_scope' })).body).toEqual({ id: film, status: 'out_of_scope', intent: 'None' });
    expect((await utterancesOf('None')).filter((u) => u.source === 'inbox').map((u) => u.text)).toEqual(['推荐一部好看的电影']);

    const stock = find('今天股市');
    expect((await admin.post(`/api/admin/inbox/${stock}`, { action: 'nonsense' })).status).toBe(400);
    expect((await admin.post(`/api/admin/inbox/${stock}`, { action: 'file', intent: 'faq.no_such' })).status).toBe(400);
    expect((await admin.post(`/api/admin/inbox/${stock}`, { action: 'file' })).status).toBe(400);
    expect((await admin.post(`/api/admin/inbox/${stock}`, { action: 'ignore' })).body).toMatchObject({ status: 'ignored' });
    expect((await utterancesOf('None')).some((u) => u.text === '今天股市怎么样')).toBe(false);
    expect((await admin.post('/api/admin/inbox/999999', { action: 'ignore' })).status).toBe(404);

    expect((await openItems()).map((i) => i.text).sort()).toEqual(['帮我订一张去上海的机票', '帮我订一张去广州的机票']);
    const handled = (await audit()).filter((e) => e.action.startsWith('nlu.inbox.'));
    expect(handled.map((e) => [e.action, e.target])).toEqual([['nlu.inbox.ignored', String(stock)], ['nlu.inbox.out_of_scope', String(film)], ['nlu.inbox.filed', String(idItem)]]);
    expect(handled[2]).toMatchObject({ actor: adminId, details: { admin: 'zhang.admin', intent: TICKETS, text: expect.stringContaining(MASKED_ID) } });
  });

  it('filing an inbox message whose text is already training data still resolves it (200)', async () => {
    await wx.text('o_inbox_dup', '推荐一部好看的电影');
    await waitUntil('the repeated message', async () => (await openItems()).some((i) => i.text === '推荐一部好看的电影'), 10_000);
    const item = (await openItems()).find((i) => i.text === '推荐一部好看的电影');
    expect(await admin.post(`/api/admin/inbox/${item?.id}`, { action: 'out_of_scope' })).toMatchObject({ status: 200, body: { status: 'out_of_scope' } });
    expect((await utterancesOf('None')).filter((u) => u.text === '推荐一部好看的电影')).toHaveLength(1);
  });

  it('exports corpus files (zh-CN/fines.json…: <locale>/<domain>.json, a domain per service folder or core file) that parse as corpora and match the counts', async () => {
    const r = await admin.get<{ files: Record<string, Corpus> }>('/api/admin/export');
    expect(r.status).toBe(200);
    const files = r.body.files;
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['zh-CN/fines.json', 'en/fines.json', 'zh-CN/exams.json', 'en/points.json', 'en/none.json', 'zh-CN/service.json', 'zh-CN/faq.json']));
    for (const [file, corpus] of Object.entries(files)) {
      expect(file).toMatch(/^(zh-CN|en)\/[a-z0-9_-]+\.json$/);
      expect(parseCorpus(corpus, file).locale).toBe(file.split('/')[0]);
    }
    const list = await intents();
    for (const [file, corpus] of Object.entries(files)) {
      for (const d of corpus.data) expect([file, d.intent, d.utterances.length]).toEqual([file, d.intent, list.find((i) => i.name === d.intent)?.counts[corpus.locale]]);
    }
    expect(files['zh-CN/faq.json'].data.find((d) => d.intent === TICKETS)).toMatchObject({ answers: ['交管助手不办理机票业务'] });
  });

  it('imports corpus files: new intents and utterances are added; malformed files are refused (400)', async () => {
    const parking = { name: 'faq', locale: 'zh-CN', data: [{ intent: 'faq.parking', description: '停车', utterances: ['车管所有停车场吗', '哪里可以停车'], answers: ['东门有停车场'] }] };
    expect(await admin.post('/api/admin/import', { files: { 'zh-CN/faq.json': parking } })).toEqual({ status: 200, body: { intents: 1, utterances: 2 } });
    expect((await intents()).find((i) => i.name === 'faq.parking')).toMatchObject({ isFaq: true, description: '停车', answers: { 'zh-CN': ['东门有停车场'] }, counts: { 'zh-CN': 2 } });
    for (const files of [
      { 'faq.json': parking },
      { 'zh-CN/../faq.json': parking },
      { 'zh-CN/faq.json': { locale: 'zh-CN', data: [{ intent: 'faq.bad', utterances: '不是列表' }] } },
      [parking],
      undefined,
    ]) expect((await admin.post('/api/admin/import', { files })).status).toBe(400);
    expect((await intents()).some((i) => i.name === 'faq.bad')).toBe(false);
  });

  it('importing the same files again adds nothing (200, zero added)', async () => {
    const files = (await admin.get<{ files: Record<string, Corpus> }>('/api/admin/export')).body.files;
    expect(await admin.post('/api/admin/import', { files: { 'zh-CN/faq.json': files['zh-CN/faq.json'] } })).toEqual({ status: 200, body: { intents: 0, utterances: 0 } });
  });

  it('the audit log shows who changed what, with before and after', async () => {
    await admin.post('/api/admin/intents', { name: 'faq.audit_me', description: '一' });
    await admin.put('/api/admin/intents/faq.audit_me', { description: '二' });
    const added = await admin.post<{ utterance: UtteranceView }>('/api/admin/intents/faq.audit_me/utterances', { text: '审计一下' });
    await admin.del(`/api/admin/utterances/${added.body.utterance.id}`);
    await admin.del('/api/admin/intents/faq.audit_me');
    const mine = (await audit()).filter((e) => e.target === 'faq.audit_me').reverse();
    expect(mine.map((e) => e.action)).toEqual(['nlu.intent.create', 'nlu.intent.update', 'nlu.utterance.add', 'nlu.utterance.delete', 'nlu.intent.delete']);
    for (const e of mine) expect(e).toMatchObject({ actor: adminId, details: { admin: 'zhang.admin' } });
    expect(mine[0].details?.after).toMatchObject({ name: 'faq.audit_me', description: '一' });
    expect(mine[1].details).toMatchObject({ before: { description: '一' }, after: { description: '二' } });
    expect(mine[2].details?.after).toMatchObject({ text: '审计一下', intent: 'faq.audit_me' });
    expect(mine[3].details?.before).toMatchObject({ text: '审计一下' });
    expect(mine[4].details?.before).toMatchObject({ description: '二' });
    const limited = await admin.get<AuditView>('/api/admin/audit?limit=2');
    expect(limited.body.entries).toHaveLength(2);
  });

  it('an import is audited with what it added and, like every admin change, the admin\'s username', async () => {
    const imports = (await audit()).filter((e) => e.action === 'nlu.import');
    expect(imports).toContainEqual(expect.objectContaining({ actor: adminId, details: expect.objectContaining({ intents: 1, utterances: 2 }) }));
    for (const e of imports) expect(e.details).toMatchObject({ admin: 'zhang.admin' });
  });

  it('an admin creates console accounts (201), duplicates 409, invalid 400', async () => {
    const created = await admin.post<{ agent: Record<string, unknown> }>('/api/admin/agents', { username: 'li.kefu', password: PASSWORD, displayName: '李客服' });
    expect(created).toMatchObject({ status: 201, body: { agent: { username: 'li.kefu', displayName: '李客服', role: 'agent' } } });
    expect(JSON.stringify(created.body)).not.toContain(PASSWORD);
    expect((await admin.post('/api/admin/agents', { username: 'li.kefu', password: PASSWORD, displayName: '李' })).status).toBe(409);
    expect((await admin.post('/api/admin/agents', { username: 'x', password: 'short', displayName: '' })).status).toBe(400);
    expect(await new AdminClient(t.base).login('li.kefu', PASSWORD)).toBe(200);
  });
});
