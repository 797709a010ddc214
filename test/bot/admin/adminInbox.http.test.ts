import { FakeWeChat, type WeChatTestApp } from '../wechat/wechatClient';
import { AdminClient, waitUntil, type AuditView } from './adminClient';
import { startWithAdmin } from './adminApp';
import { MIN_EXAMPLES } from '../../../bot/admin/intentAdvice';

type Item = { id: number; text: string; intent: string; reasonText: string; context?: { botAsked?: string; citizenSaid: string } };
type Inbox = { groups: Array<{ items: Item[] }> };
type Advice = { advice: Array<{ intent: string; kind: string; text: string; need?: number }> };

describe('admin API over HTTP: inbox items in their conversation, plain reasons, advice per intent, readable audit', () => {
  let t: WeChatTestApp;
  let wx: FakeWeChat;
  let admin: AdminClient;
  const items = async () => (await admin.get<Inbox>('/api/admin/inbox')).body.groups.flatMap((g) => g.items);

  beforeAll(async () => {
    ({ t, admin } = await startWithAdmin());
    wx = new FakeWeChat(t.base);
  }, 120_000);
  afterAll(() => t.close());

  it('an inbox item shows the bot\'s question before the citizen\'s message, and why in plain Chinese', async () => {
    const welcome = await wx.text('o_ctx_film', '你好');
    expect(welcome.status).toBe(200);
    expect((await wx.text('o_ctx_film', '推荐一部好看的电影')).status).toBe(200);
    expect((await wx.text('o_ctx_first', '今天股市怎么样')).status).toBe(200);
    await waitUntil('two inbox items', async () => (await items()).length >= 2, 10_000);
    const all = await items();
    const film = all.find((i) => i.text === '推荐一部好看的电影')!;
    expect(film).toMatchObject({ intent: 'None', reasonText: '没听懂', context: { citizenSaid: '推荐一部好看的电影', botAsked: expect.any(String) } });
    // The bot's line as the transcript keeps it (personal data masked: the example plate 苏A12345 too).
    expect(film.context?.botAsked?.slice(0, 12)).toBe(welcome.text?.slice(0, 12));
    // A citizen's first message has no question before it.
    expect(all.find((i) => i.text === '今天股市怎么样')).toMatchObject({ reasonText: '没听懂', context: { citizenSaid: '今天股市怎么样' } });
    expect(all.find((i) => i.text === '今天股市怎么样')?.context).not.toHaveProperty('botAsked');
    expect(JSON.stringify(all)).not.toContain('模型识别为');
  });

  it('advises an intent with too few examples how many more it needs', async () => {
    expect((await admin.post('/api/admin/intents', { name: 'faq.parking', description: '停车' })).status).toBe(201);
    for (const text of ['哪里可以停车', '车管所有停车场吗', '停车收费吗']) expect((await admin.post('/api/admin/intents/faq.parking/utterances', { text })).status).toBe(201);
    const r = await admin.get<Advice>('/api/admin/advice');
    expect(r.status).toBe(200);
    expect(r.body.advice).toContainEqual(expect.objectContaining({ intent: 'faq.parking', kind: 'too_few', need: MIN_EXAMPLES - 3, text: expect.stringContaining('「停车」只有 3 条') }));
    for (const a of r.body.advice) expect(a.text).toMatch(/[\u4e00-\u9fff]/);
  });

  it('the audit log reads as who did what, before → after', async () => {
    await admin.put('/api/admin/intents/faq.parking', { answers: { 'zh-CN': ['东门有停车场'] } });
    await admin.put('/api/admin/intents/faq.parking', { answers: { 'zh-CN': ['东门和西门都有停车场'] } });
    const { entries } = (await admin.get<AuditView>('/api/admin/audit?limit=10')).body;
    expect(entries[0].summary).toBe('张管理 修改了意图「停车」的回答：「东门有停车场」→「东门和西门都有停车场」');
    expect(entries.find((e) => e.action === 'nlu.utterance.add')?.summary).toBe('张管理 给意图「停车」添加了例句「停车收费吗」');
    expect(entries.find((e) => e.action === 'nlu.intent.create')?.summary).toBe('张管理 新建了意图「停车」');
    for (const e of entries.filter((x) => x.action.startsWith('nlu.'))) expect(e.summary).toMatch(/^张管理 /);
    expect(entries.find((e) => e.action === 'agent.create')?.summary).toBe('命令行 新建了管理员账号「zhang.admin」');
  });
});
