import type { WeChatTestApp } from '../wechat/wechatClient';
import { AdminClient, type AuditView, type IntentView, type UtteranceView } from './adminClient';
import { startWithAdmin } from './adminApp';

type Line = { text: string; status: string; otherIntent?: string; similarTo?: string; similarity?: number; reason?: string };
type Bulk = { lines: Line[]; added: number; skipped: number; effect?: string };

describe('admin API: searching every example, pasting many, similarity, delete with undo', () => {
  let t: WeChatTestApp;
  let admin: AdminClient;
  const search = async (query: string) => (await admin.get<{ utterances: UtteranceView[]; total: number }>(`/api/admin/utterances?${query}`)).body;

  beforeAll(async () => {
    ({ t, admin } = await startWithAdmin());
    expect((await admin.post('/api/admin/intents', { name: 'faq.parking', description: '停车' })).status).toBe(201);
  }, 120_000);
  afterAll(() => t.close());

  it('finds examples of every intent, None included, by a case-insensitive fragment, with the total before the limit', async () => {
    const none = (await admin.get<{ utterances: UtteranceView[] }>('/api/admin/intents/None/utterances')).body.utterances.find((u) => u.locale === 'zh-CN')!;
    const found = await search(`q=${encodeURIComponent(none.text)}`);
    expect(found.utterances).toContainEqual(expect.objectContaining({ id: none.id, intent: 'None', text: none.text, split: none.split, source: 'corpus' }));
    const upper = await search('q=HELLO&locale=en');
    expect(upper.utterances.length).toBeGreaterThan(0);
    for (const u of upper.utterances) expect(u.text.toLowerCase()).toContain('hello');
    const limited = await search('split=test&limit=3');
    expect(limited.utterances).toHaveLength(3);
    expect(limited.total).toBeGreaterThan(3);
    for (const u of limited.utterances) expect(u.split).toBe('test');
    expect((await search('intent=None&limit=1000')).utterances.every((u) => u.intent === 'None')).toBe(true);
  });

  it('counts training and test examples per intent the same way as the search does', async () => {
    const { intents } = (await admin.get<{ intents: Array<IntentView & { train: number; test: number }> }>('/api/admin/intents')).body;
    for (const name of ['None', 'fine.query']) {
      const i = intents.find((x) => x.name === name)!;
      expect(i.train).toBe((await search(`intent=${name}&split=train&limit=1`)).total);
      expect(i.test).toBe((await search(`intent=${name}&split=test&limit=1`)).total);
      expect(i.train).toBe(Object.values(i.counts).reduce((s, n) => s + n, 0));
      expect(i.test).toBe(i.tests);
    }
  });

  it('flags an example near-identical to another intent\'s before it is saved', async () => {
    const fine = (await search('intent=fine.query&locale=zh-CN&split=train&limit=1')).utterances[0];
    const r = await admin.get<{ matches: Array<{ intent: string; text: string; similarity: number }> }>(`/api/admin/similar?text=${encodeURIComponent(`${fine.text}？`)}&intent=faq.parking`);
    expect(r.status).toBe(200);
    expect(r.body.matches[0]).toEqual({ intent: 'fine.query', text: fine.text, similarity: 1 });
    const own = await admin.get<{ matches: Array<{ intent: string }> }>(`/api/admin/similar?text=${encodeURIComponent(fine.text)}&intent=fine.query`);
    expect(own.body.matches.map((m) => m.intent)).not.toContain('fine.query');
    expect((await admin.get('/api/admin/similar?text=')).status).toBe(400);
  });

  it('checks a pasted list without saving (dry run), then adds only the new lines', async () => {
    const fine = (await search('intent=fine.query&locale=zh-CN&split=train&limit=1')).utterances[0];
    const texts = ['东门那边能停车吗', '', '  车管所停车场在哪 ', '东门那边能停车吗', fine.text, `${fine.text}。`, '长'.repeat(201), '？！'];
    const dry = await admin.post<Bulk>('/api/admin/intents/faq.parking/utterances/bulk', { texts, locale: 'zh-CN', split: 'train', dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body.lines.map((l) => [l.text.slice(0, 12), l.status, l.otherIntent])).toEqual([
      ['东门那边能停车吗', 'new', undefined],
      ['车管所停车场在哪', 'new', undefined],
      ['东门那边能停车吗', 'duplicate', undefined],
      [fine.text.slice(0, 12), 'duplicate', 'fine.query'],
      [`${fine.text}。`.slice(0, 12), 'near', 'fine.query'],
      ['长'.repeat(12), 'invalid', undefined],
      ['？！', 'invalid', undefined],
    ]);
    expect(dry.body.lines[4]).toMatchObject({ similarTo: fine.text, similarity: 1, reason: expect.stringContaining('fine.query') });
    expect(dry.body).toMatchObject({ added: 0, skipped: 5 });
    expect((await search('intent=faq.parking')).total).toBe(0);

    const saved = await admin.post<Bulk>('/api/admin/intents/faq.parking/utterances/bulk', { texts, locale: 'zh-CN', split: 'train' });
    expect(saved.status).toBe(201);
    expect(saved.body.lines.filter((l) => l.status === 'added').map((l) => l.text)).toEqual(['东门那边能停车吗', '车管所停车场在哪']);
    expect(saved.body).toMatchObject({ added: 2, skipped: 5, effect: expect.stringContaining('发布') });
    expect((await search('intent=faq.parking')).utterances.map((u) => u.text)).toEqual(['东门那边能停车吗', '车管所停车场在哪']);
    const audit = (await admin.get<AuditView>('/api/admin/audit?limit=5')).body.entries;
    expect(audit[0]).toMatchObject({ action: 'nlu.utterance.bulk', target: 'faq.parking', details: { added: 2 } });

    expect((await admin.post('/api/admin/intents/faq.nothing_here/utterances/bulk', { texts: ['好'] })).status).toBe(404);
    expect((await admin.post('/api/admin/intents/faq.parking/utterances/bulk', { texts: '好' })).status).toBe(400);
  });

  it('deletes an example, answering what was deleted, and restores it (undo, audited as a restore)', async () => {
    const [u] = (await search('intent=faq.parking&q=东门')).utterances;
    const del = await admin.del<{ deleted: UtteranceView; effect: string }>(`/api/admin/utterances/${u.id}`);
    expect(del).toMatchObject({ status: 200, body: { deleted: { id: u.id, intent: 'faq.parking', text: '东门那边能停车吗', locale: 'zh-CN', split: 'train', source: 'admin' } } });
    expect((await search('intent=faq.parking&q=东门')).total).toBe(0);
    const { intent, text, locale, split, source } = del.body.deleted;
    const restored = await admin.post<{ utterance: UtteranceView }>('/api/admin/utterances/restore', { intent, text, locale, split, source });
    expect(restored).toMatchObject({ status: 201, body: { utterance: { intent: 'faq.parking', text: '东门那边能停车吗', source: 'admin' } } });
    expect((await search('intent=faq.parking&q=东门')).total).toBe(1);
    expect((await admin.post('/api/admin/utterances/restore', { intent, text, locale, split, source })).status).toBe(409);
    expect((await admin.post('/api/admin/utterances/restore', { intent: 'faq.gone_now', text, locale, split })).status).toBe(404);
    const audit = (await admin.get<AuditView>('/api/admin/audit?limit=5')).body.entries.map((e) => e.action);
    expect(audit.slice(0, 2)).toEqual(['nlu.utterance.restore', 'nlu.utterance.delete']);
  });
});
