import { FakeWeChat, type WeChatTestApp } from '../wechat/wechatClient';
import { AdminClient, waitUntil, type AuditView, type VersionView } from './adminClient';
import { startWithAdmin } from './adminApp';

const FAQ = 'faq.office_hours';
const ANSWER = '车管所工作时间：周一至周五8:30-17:00';
const UTTERANCES = [
  '你们几点上班', '车管所几点开门', '车管所办公时间是几点', '车管所周末上班吗', '车管所下午几点关门', '车管所中午休息吗',
  '车管所营业时间', '车管所什么时候开门', '你们上班时间是几点到几点', '车管所周六开不开门', '办事大厅几点关门', '窗口几点开始办公',
];
const ASK = '你们几点上班';

/** One real training over HTTP (the project corpora, 3 folds, in the worker thread): publish, refuse a re-publish, roll back. */
describe('admin API over HTTP: train, publish, roll back', () => {
  let t: WeChatTestApp;
  let wx: FakeWeChat;
  let admin: AdminClient;
  const intentOf = async (text: string, versionId?: string) =>
    (await admin.post<{ intent: string }>('/api/admin/test', { text, ...(versionId ? { versionId } : {}) })).body.intent;
  const versions = async () => (await admin.get<{ versions: VersionView[]; liveId: string | null }>('/api/admin/versions')).body;

  beforeAll(async () => {
    ({ t, admin } = await startWithAdmin());
    wx = new FakeWeChat(t.base);
  }, 120_000);
  afterAll(() => t.close());

  it('trains version 2 with progress, publishes it (the bot answers the new FAQ), refuses a re-publish, rolls back to version 1', async () => {
    expect((await admin.post('/api/admin/intents', { name: FAQ, answers: { 'zh-CN': [ANSWER] } })).status).toBe(201);
    for (const text of UTTERANCES) expect((await admin.post(`/api/admin/intents/${FAQ}/utterances`, { text })).status).toBe(201);
    const before = await versions();
    expect(before.versions.map((v) => [v.number, v.status, v.live])).toEqual([[1, 'ready', true]]);
    const v1 = before.versions[0].id;
    expect(before.liveId).toBe(v1);
    expect(await intentOf(ASK)).not.toBe(FAQ);
    expect((await wx.text('o_train_before', ASK)).text).not.toContain(ANSWER);

    for (const folds of [2, 11, 3.5, 'three']) expect((await admin.post('/api/admin/train', { folds })).status).toBe(400);
    const events = admin.events();
    try {
      expect(await events.status).toBe(200);
      const started = await admin.post<{ version: VersionView }>('/api/admin/train', { folds: 3 });
      expect(started).toMatchObject({ status: 202, body: { version: { number: 2, status: 'training', live: false } } });
      const v2 = started.body.version.id;
      expect((await admin.post<{ error: string }>('/api/admin/train', { folds: 3 })).status).toBe(409);

      const percents: number[] = [];
      let current: VersionView | undefined;
      await waitUntil('version 2 to finish training', async () => {
        current = (await admin.get<{ version: VersionView }>(`/api/admin/versions/${v2}`)).body.version;
        percents.push(current.progress.percent);
        if (current.status === 'failed') throw new Error(`training failed: ${current.error}`);
        return current.status === 'ready';
      }, 110_000);
      percents.slice(1).forEach((p, i) => expect(p).toBeGreaterThanOrEqual(percents[i]));
      expect(current).toMatchObject({ status: 'ready', progress: { phase: 'done', percent: 100 }, live: false });
      expect(current?.intents).toContain(FAQ);
      const detail = await admin.get<{ metrics: { accuracy: number; folds: number; perIntent: Array<{ intent: string }> }; comparison: Record<string, unknown> }>(`/api/admin/versions/${v2}`);
      expect(detail.body.metrics.folds).toBe(3);
      expect(detail.body.metrics.accuracy).toBeGreaterThan(0.8);
      expect(detail.body.metrics.accuracy).toBeLessThanOrEqual(1);
      expect(detail.body.metrics.perIntent.map((p) => p.intent)).toContain(FAQ);
      expect(detail.body.comparison).toEqual({ liveId: v1, liveAccuracy: null, accuracyDelta: null, lostIntents: [] });
      // The publish confirmation: a first publish (version 1 has no evaluation) says it cannot compare, and what changes.
      const diff = await admin.get<{ comparable: boolean; reason?: string; against: { number: number }; intentsAdded: string[]; faqChanged: Array<{ intent: string; after?: string }> }>(`/api/admin/versions/${v2}/diff`);
      expect(diff).toMatchObject({ status: 200, body: { comparable: false, reason: expect.stringContaining('没有评估结果'), against: { number: 1 }, intentsAdded: [FAQ] } });
      expect(diff.body.faqChanged).toContainEqual({ intent: FAQ, after: ANSWER });
      // A confusion cell lists its misclassified examples; version 1 (trained before they were recorded) has none.
      const { labels, matrix } = (await admin.get<{ metrics: { confusion: { labels: string[]; matrix: number[][] } } }>(`/api/admin/versions/${v2}`)).body.metrics.confusion;
      const cells = labels.flatMap((expected, i) => labels.map((predicted, j) => ({ expected, predicted, n: i === j ? 0 : matrix[i][j] }))).filter((c) => c.n > 0);
      expect(cells.length).toBeGreaterThan(0);
      const cell = cells.sort((a, b) => b.n - a.n)[0];
      const listed = await admin.get<{ examples: Array<{ text: string; expected: string; predicted: string }> }>(`/api/admin/versions/${v2}/confusion?expected=${encodeURIComponent(cell.expected)}&predicted=${encodeURIComponent(cell.predicted)}`);
      expect(listed.body.examples).toHaveLength(cell.n);
      for (const e of listed.body.examples) expect(e).toEqual({ text: expect.any(String), expected: cell.expected, predicted: cell.predicted });
      expect((await admin.get(`/api/admin/versions/${v1}/confusion?expected=fine.query&predicted=None`)).body).toEqual({ examples: [], reason: 'not_recorded' });
      const progress = events.received.filter((e) => e.event === 'training' && e.data.versionId === v2);
      expect(progress.length).toBeGreaterThan(2);
      expect(progress.at(-1)?.data).toMatchObject({ status: 'ready', percent: 100 });
      // Not live yet: the test box can try the new version, the bot still uses version 1.
      expect(await intentOf(ASK, v2)).toBe(FAQ);
      expect(await intentOf(ASK)).not.toBe(FAQ);

      expect(await admin.post(`/api/admin/versions/${v2}/publish`, {})).toMatchObject({ status: 200, body: { version: { id: v2, number: 2, live: true } } });
      expect(await admin.post(`/api/admin/versions/${v2}/publish`, {})).toEqual({ status: 409, body: { error: 'version 2 is already live' } });
      await waitUntil('the live event', async () => events.received.some((e) => e.event === 'live' && e.data.versionId === v2), 5000);
      expect(await intentOf(ASK)).toBe(FAQ);
      expect(await intentOf('查苏A12345的违章')).toBe('fine.query');
      expect((await wx.text('o_train_after', ASK)).text).toBe(ANSWER);
      expect((await versions()).liveId).toBe(v2);

      expect(await admin.post(`/api/admin/versions/${v1}/rollback`, {})).toMatchObject({ status: 200, body: { version: { id: v1, number: 1, live: true } } });
      expect((await versions()).liveId).toBe(v1);
      expect(await intentOf(ASK)).not.toBe(FAQ);
      expect((await wx.text('o_train_rolled_back', ASK)).text).not.toContain(ANSWER);
      expect((await admin.post('/api/admin/versions/no-such-version/publish', {})).status).toBe(404);

      const entries = (await admin.get<AuditView>('/api/admin/audit?limit=50')).body.entries;
      const nlu = entries.filter((e) => ['nlu.train', 'nlu.publish', 'nlu.rollback'].includes(e.action));
      expect(nlu.map((e) => [e.action, e.target])).toEqual([['nlu.rollback', v1], ['nlu.publish', v2], ['nlu.train', v2]]);
      expect(nlu[1].details).toMatchObject({ before: v1, after: v2, forced: false });
      expect(nlu[0].details).toMatchObject({ before: v2, after: v1 });
      expect(nlu[2].details).toMatchObject({ number: 2, folds: 3 });
      // Like every other admin change, these name the admin (the console shows it as the actor).
      for (const e of nlu) expect([e.action, e.details?.admin]).toEqual([e.action, 'zhang.admin']);
    } finally {
      events.close();
    }
  }, 180_000);
});
