import { manualClock } from '../../../integrations/clock';
import { LI_NA, TODAY } from '../../integrations/platform/fixtures';
import { AgentClient, wechatVisitorLabel, type Queue, type QueueItem } from '../handoff/agentClient';
import { bindThrough, customMessages, FakeWeChat, startWeChatApp } from '../wechat/wechatClient';

/**
 * The agent console's API of issue 18, as agents use it over HTTP while citizens write over WeChat: drafts that
 * survive a re-login, the returning citizen's history with the earlier note, search by a masked fragment and China
 * days, the bot's options in the transcript, the last words of a waiting citizen on the card, availability and
 * transfer with a hand-over note, the ended alert, the rating question after close, Chinese refusals with codes.
 */
jest.setTimeout(120_000);

const PASSWORD = 'correct horse 12';
const ENV = { CONSOLE_READS_PER_MINUTE: '100000', CONSOLE_WRITES_PER_MINUTE: '100000' };
/** Han characters: every refusal is a plain Chinese sentence. */
const CHINESE = /^[^A-Za-z]*[\u4e00-\u9fff][^A-Za-z]*$/u;

interface Detail {
  handoff: QueueItem;
  transcript: Array<{ from: string; text: string; options?: string[] }>;
  notes: Array<{ agent: string; text: string }>;
  events: Array<{ kind: string; agent?: string; text?: string; label: string }>;
  draft?: string;
}

async function setup(clock = manualClock(TODAY)) {
  const t = await startWeChatApp(ENV, { clock });
  const wx = new FakeWeChat(t.base);
  const names = { wang: '王客服', li: '李客服', zhao: '赵客服', sun: '孙客服' } as const;
  const clients = { wang: new AgentClient(t.base), li: new AgentClient(t.base), zhao: new AgentClient(t.base), sun: new AgentClient(t.base) };
  for (const username of Object.keys(names) as Array<keyof typeof names>) {
    await t.app.agents.create({ username: `${username}.kefu`, password: PASSWORD, displayName: names[username], role: 'agent' });
    expect((await clients[username].login(`${username}.kefu`, PASSWORD)).status).toBe(200);
  }
  const queue = async (who = clients.wang) => (await who.get<Queue>('/api/agent/queue')).body;
  const card = async (label: string, list: keyof Omit<Queue, 'me'> = 'waiting') => {
    const item = (await queue())[list].find((w) => w.citizen.label === label);
    if (!item) throw new Error(`no ${label} in ${list}: ${JSON.stringify((await queue())[list])}`);
    return item;
  };
  const detail = async (id: string, who = clients.wang) => (await who.get<Detail>(`/api/agent/handoffs/${id}`)).body;
  const idOf = async (username: string) => (await t.app.stores.agents.list()).find((a) => a.username === `${username}.kefu`)?.id ?? '';
  return { t, wx, clock, ...clients, queue, card, detail, idOf } as const;
}
const connected = () => new Promise((r) => setTimeout(r, 300));

describe('agent console: drafts, history, search, transcript options, queue cards, canned replies', () => {
  let s: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => { s = await setup(); });
  afterAll(() => s.t.close());

  it('a draft is kept per conversation across logout and login; the citizen ending is alerted and the draft stays; sending clears it', async () => {
    const openid = 'o_draft_1';
    await s.wx.text(openid, '转人工');
    const item = await s.card(wechatVisitorLabel(openid));
    expect((await s.wang.post(`/api/agent/handoffs/${item.id}/accept`)).status).toBe(200);
    expect((await s.wang.put(`/api/agent/handoffs/${item.id}/draft`, { text: '您好，关于红灯那条，' })).status).toBe(204);
    // Another agent's drafts are theirs.
    expect((await s.li.get('/api/agent/drafts')).body).toEqual({ drafts: [] });

    expect((await s.wang.post('/api/agent/logout')).status).toBe(204);
    expect((await s.wang.get('/api/agent/drafts')).status).toBe(401);
    expect((await s.wang.login('wang.kefu', PASSWORD)).status).toBe(200);
    expect((await s.wang.get('/api/agent/drafts')).body).toEqual({ drafts: [{ handoffId: item.id, text: '您好，关于红灯那条，', at: expect.any(String) }] });
    expect((await s.detail(item.id)).draft).toBe('您好，关于红灯那条，');
    expect((await s.detail(item.id, s.li)).draft).toBeUndefined();

    const events = s.wang.events();
    try {
      await connected();
      expect((await s.wx.text(openid, '结束人工')).text).toContain('人工服务已结束');
      await events.waitFor((e) => e.event === 'alert' && e.data.kind === 'ended' && e.data.handoffId === item.id);
      expect(events.received.find((e) => e.event === 'alert')?.data).toMatchObject({ kind: 'ended', text: `${wechatVisitorLabel(openid)}已结束会话，你的草稿仍然保留。` });
    } finally {
      events.close();
    }
    expect((await s.detail(item.id)).draft).toBe('您好，关于红灯那条，');
    expect((await s.wang.put(`/api/agent/handoffs/${item.id}/draft`, { text: '' })).status).toBe(204);
    expect((await s.wang.get('/api/agent/drafts')).body).toEqual({ drafts: [] });

    // A message sent is no longer a draft.
    await s.wx.text('o_draft_2', '转人工');
    const second = await s.card(wechatVisitorLabel('o_draft_2'));
    await s.wang.post(`/api/agent/handoffs/${second.id}/accept`);
    await s.wang.put(`/api/agent/handoffs/${second.id}/draft`, { text: '请稍等' });
    expect((await s.wang.post(`/api/agent/handoffs/${second.id}/messages`, { text: '请稍等' })).status).toBe(201);
    expect((await s.detail(second.id)).draft).toBeUndefined();
    await s.wang.post(`/api/agent/handoffs/${second.id}/close`, { reason: '已解答' });
  });

  it('a returning citizen: the card says there is history, which lists the earlier conversation with its note; search finds it closed by a masked ID fragment and the China day', async () => {
    const openid = 'o_history_lina';
    await bindThrough(s.wx, s.t.base, openid, '查记分', LI_NA);
    const label = '李*（320583********0024）';
    await s.wx.text(openid, '转人工');
    const first = await s.card(label);
    expect(first.hasHistory).toBe(false);
    await s.wang.post(`/api/agent/handoffs/${first.id}/accept`);
    expect((await s.wang.post(`/api/agent/handoffs/${first.id}/notes`, { text: '问红灯记录，已建议到窗口处理' })).status).toBe(201);
    expect((await s.wang.post(`/api/agent/handoffs/${first.id}/close`, { reason: '已解答' })).status).toBe(200);
    await s.wx.text(openid, '跳过');

    await s.wx.text(openid, '我要找人工');
    const again = await s.card(label);
    expect(again.id).not.toBe(first.id);
    expect(again.hasHistory).toBe(true);
    const history = (await s.li.get<{ handoffs: Array<QueueItem & { notes: Array<{ agent: string; text: string }> }> }>(`/api/agent/handoffs/${again.id}/history`)).body.handoffs;
    expect(history.map((h) => ({ id: h.id, status: h.status, outcome: h.outcome, notes: h.notes.map((n) => `${n.agent}: ${n.text}`) }))).toEqual([
      { id: first.id, status: 'closed', outcome: '已解答', notes: ['王客服: 问红灯记录，已建议到窗口处理'] },
    ]);
    expect(JSON.stringify(history)).not.toContain(LI_NA.idNumber);

    const search = async (query: string) => (await s.li.get<{ handoffs: QueueItem[] }>(`/api/agent/search?${query}`)).body.handoffs.map((h) => h.id);
    expect(await search('q=0024&from=2026-11-25&to=2026-11-25')).toEqual(expect.arrayContaining([first.id, again.id]));
    expect(await search('q=0024')).toEqual(expect.arrayContaining([first.id]));
    expect(await search('q=138****5678')).toEqual(expect.arrayContaining([first.id]));
    expect(await search('q=窗口处理')).toEqual([first.id]);
    expect(await search('from=2026-11-25&to=2026-11-25')).toEqual(expect.arrayContaining([first.id]));
    expect(await search('q=0024&from=2026-11-26')).toEqual([]);
    expect(await search('q=0024&to=2026-11-24')).toEqual([]);
    expect(await search(`q=${encodeURIComponent(LI_NA.idNumber)}`)).toEqual([]);
    await s.wx.text(openid, '取消');
  });

  it('the card shows what the waiting citizen typed last; the transcript shows the options the bot offered', async () => {
    const openid = 'o_topic_1';
    await s.wx.text(openid, '转人工');
    await s.wx.text(openid, '我想问一下驾驶证到期换证');
    await s.wx.text(openid, '我的手机是13812345678');
    const item = await s.card(wechatVisitorLabel(openid));
    expect(item.lastCitizenText).toBe('我的手机是138****5678');

    const record = await s.t.app.stores.handoffs.get(item.id);
    await s.t.app.stores.transcripts.append({
      conversationId: record?.conversationId ?? '', channelId: 'wechat', from: 'bot', text: '要办理哪一项？', options: ['预约考试', '查记分'], timestamp: new Date().toISOString(),
    });
    const transcript = (await s.detail(item.id)).transcript;
    expect(transcript.at(-1)).toEqual({ from: 'bot', text: '要办理哪一项？', options: ['预约考试', '查记分'], at: expect.any(String) });
    expect(transcript.filter((l) => l.from === 'user').every((l) => l.options === undefined)).toBe(true);
    await s.wx.text(openid, '取消');
  });

  it('canned replies have an id, a Chinese title and a text that may name the citizen ({name})', async () => {
    const { replies } = (await s.wang.get<{ replies: Array<{ id: string; title: string; text: string }> }>('/api/agent/canned')).body;
    expect(replies.length).toBeGreaterThanOrEqual(5);
    for (const r of replies) expect(r).toEqual({ id: expect.stringMatching(/^\w+$/), title: expect.stringMatching(CHINESE), text: expect.stringMatching(/[\u4e00-\u9fff]/) });
    expect(replies.find((r) => r.id === 'bye')?.text).toBe('感谢{name}的耐心，祝您出行平安！');
  });
});

describe('agent console: availability, offers by load, transfer with a note, the rating question', () => {
  let s: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => { s = await setup(); });
  afterAll(() => s.t.close());

  const offeredTo = async (label: string) => (await s.card(label)).offeredTo?.displayName;

  it('new handoffs are offered to the available agent with the least load, never to an away one or one at capacity; an unaccepted offer moves on; nobody with room alerts everyone', async () => {
    // Nobody available yet: 孙客服 takes three conversations himself (capacity 3), then becomes available.
    for (const n of [1, 2, 3]) {
      await s.wx.text(`o_full_${n}`, '转人工');
      expect((await s.card(wechatVisitorLabel(`o_full_${n}`))).offeredTo).toBeUndefined();
      expect((await s.sun.post(`/api/agent/handoffs/${(await s.card(wechatVisitorLabel(`o_full_${n}`))).id}/accept`)).status).toBe(200);
    }
    expect((await s.sun.post('/api/agent/presence', { status: 'available' })).body).toEqual({ me: { status: 'available', load: 3, capacity: 3 } });
    expect((await s.zhao.post('/api/agent/presence', { status: 'away' })).body).toEqual({ me: { status: 'away', load: 0, capacity: 3 } });

    // Everyone connected hears that a citizen waits with nobody available having room.
    const zhaoEvents = s.zhao.events();
    const liEvents = s.li.events();
    const wangEvents = s.wang.events();
    try {
      await connected();
      await s.wx.text('o_offer_1', '转人工');
      const first = wechatVisitorLabel('o_offer_1');
      expect(await offeredTo(first)).toBeUndefined();
      await zhaoEvents.waitFor((e) => e.event === 'alert' && e.data.kind === 'new' && e.data.citizen === first);

      // 李客服 available with one conversation, 王客服 with none: 王客服 is offered the next one.
      await s.li.post('/api/agent/presence', { status: 'available' });
      expect(await offeredTo(first)).toBe('李客服');
      expect((await s.li.post(`/api/agent/handoffs/${(await s.card(first)).id}/accept`)).status).toBe(200);
      await s.wang.post('/api/agent/presence', { status: 'available' });
      expect((await s.queue(s.li)).me).toEqual({ status: 'available', load: 1, capacity: 3 });

      await s.wx.text('o_offer_2', '转人工');
      const second = wechatVisitorLabel('o_offer_2');
      expect(await offeredTo(second)).toBe('王客服');
      await wangEvents.waitFor((e) => e.event === 'alert' && e.data.kind === 'offered' && e.data.citizen === second);
      expect(wangEvents.received.find((e) => e.event === 'alert' && e.data.kind === 'offered')?.data.text).toBe(`新会话分配给你：${second}，请在30秒内接入。`);

      // Not accepted within 30 s: it moves to the next available agent with room (李客服), never to 孙 (full) or 赵 (away).
      s.clock.set(new Date(s.clock.now().getTime() + 29_000).toISOString());
      await s.t.app.handoff.assign();
      expect(await offeredTo(second)).toBe('王客服');
      s.clock.set(new Date(s.clock.now().getTime() + 2_000).toISOString());
      await s.t.app.handoff.assign();
      expect(await offeredTo(second)).toBe('李客服');
      await liEvents.waitFor((e) => e.event === 'alert' && e.data.kind === 'offered' && e.data.citizen === second);

      // 李客服 goes away: the offer goes back to 王客服; then 王客服 too: nobody with room, everyone is alerted.
      await s.li.post('/api/agent/presence', { status: 'away' });
      expect(await offeredTo(second)).toBe('王客服');
      await s.wang.post('/api/agent/presence', { status: 'away' });
      expect(await offeredTo(second)).toBeUndefined();
      await zhaoEvents.waitFor((e) => e.event === 'alert' && e.data.kind === 'new' && e.data.citizen === second);

      const offers = (await s.detail((await s.card(second)).id)).events.filter((e) => e.kind === 'offered').map((e) => e.label);
      expect(offers).toEqual(['分配给王客服', '分配给李客服', '分配给王客服', '暂无空闲客服，等待接入']);
      expect(zhaoEvents.received.some((e) => e.event === 'alert' && e.data.kind === 'offered')).toBe(false);
      await s.wx.text('o_offer_2', '取消');
    } finally {
      zhaoEvents.close();
      liEvents.close();
      wangEvents.close();
    }
  });

  it('transfer lists only available agents; an away one is refused; the receiver is alerted with the hand-over note, which the conversation keeps', async () => {
    await s.wang.post('/api/agent/presence', { status: 'available' });
    await s.li.post('/api/agent/presence', { status: 'available' });
    const openid = 'o_transfer_1';
    await s.wx.text(openid, '转人工');
    const item = await s.card(wechatVisitorLabel(openid));
    expect((await s.wang.post(`/api/agent/handoffs/${item.id}/accept`)).status).toBe(200);

    const list = (await s.wang.get<{ agents: Array<{ id: string; displayName: string; status: string; load: number; capacity: number }> }>('/api/agent/agents')).body.agents;
    expect(list.map(({ displayName, status, load, capacity }) => ({ displayName, status, load, capacity })).sort((a, b) => a.displayName.localeCompare(b.displayName))).toEqual([
      { displayName: '孙客服', status: 'available', load: 3, capacity: 3 },
      { displayName: '李客服', status: 'available', load: 1, capacity: 3 },
    ].sort((a, b) => a.displayName.localeCompare(b.displayName)));

    expect(await s.wang.post(`/api/agent/handoffs/${item.id}/transfer`, { agentId: await s.idOf('zhao'), note: '赵客服不在' }))
      .toEqual({ status: 409, body: { error: '赵客服现在不是可接待状态，请选择其他客服。', code: 'AGENT_NOT_AVAILABLE' } });
    expect(await s.wang.post(`/api/agent/handoffs/${item.id}/transfer`, { agentId: await s.idOf('li'), note: '很长'.repeat(251) }))
      .toEqual({ status: 400, body: { error: '转交说明最多500个字。', code: 'NOTE_TOO_LONG' } });

    const liEvents = s.li.events();
    try {
      await connected();
      const note = '市民问红灯记录，已核实身份，手机13812345678，请继续跟进缴款';
      expect((await s.wang.post(`/api/agent/handoffs/${item.id}/transfer`, { agentId: await s.idOf('li'), note })).status).toBe(200);
      await liEvents.waitFor((e) => e.event === 'alert' && e.data.kind === 'transferred');
      expect(liEvents.received.find((e) => e.event === 'alert')?.data).toEqual({
        kind: 'transferred', handoffId: item.id, text: '市民问红灯记录，已核实身份，手机138****5678，请继续跟进缴款',
        citizen: wechatVisitorLabel(openid), title: `${wechatVisitorLabel(openid)}的会话已转给你。`, from: '王客服',
      });
    } finally {
      liEvents.close();
    }
    expect((await s.detail(item.id, s.li)).events.map((e) => e.label)).toEqual(expect.arrayContaining([
      '王客服接入了会话', '转给了李客服，转交说明：市民问红灯记录，已核实身份，手机138****5678，请继续跟进缴款',
    ]));
    expect((await customMessages(s.t.base, openid)).at(-1)?.text?.content).toContain('已转给人工客服李客服');

    // Closed by the receiver: the citizen is asked to rate it (once), the answer shows on the card and in the events.
    const before = (await customMessages(s.t.base, openid)).length;
    expect((await s.li.post(`/api/agent/handoffs/${item.id}/close`, { reason: '已解答' })).status).toBe(200);
    const told = (await customMessages(s.t.base, openid)).slice(before).map((m) => m.text?.content ?? '');
    expect(told).toEqual(['人工服务已结束，交管助手继续为你服务。', expect.stringMatching(/^请为本次人工服务打分（1-5分，5分最满意）.*\n1\. 1分 很不满意/s)]);
    expect((await s.t.app.stores.handoffs.get(item.id))?.ratingAskedAt).toEqual(expect.any(Number));
    await s.wx.text(openid, '4');
    const closed = (await s.detail(item.id, s.li));
    expect(closed.handoff.rating).toEqual({ score: 4 });
    expect(closed.events.at(-1)).toMatchObject({ kind: 'rated', text: '4', label: '市民评价：4分' });
  });
});

describe('agent console: every refusal is a Chinese sentence with a stable code', () => {
  let s: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => { s = await setup(); });
  afterAll(() => s.t.close());

  it('refusals', async () => {
    await s.wx.text('o_err_1', '转人工');
    const waiting = await s.card(wechatVisitorLabel('o_err_1'));
    await s.wx.text('o_err_2', '转人工');
    const taken = await s.card(wechatVisitorLabel('o_err_2'));
    await s.li.post(`/api/agent/handoffs/${taken.id}/accept`);
    const anonymous = new AgentClient(s.t.base);
    const rows: Array<[string, () => Promise<{ status: number; body: unknown }>, number, string]> = [
      ['no session', () => anonymous.get('/api/agent/queue'), 401, 'NOT_LOGGED_IN'],
      ['no session (drafts)', () => anonymous.get('/api/agent/drafts'), 401, 'NOT_LOGGED_IN'],
      ['wrong CSRF token', () => s.wang.post(`/api/agent/handoffs/${waiting.id}/accept`, {}, 'forged'), 403, 'CSRF_INVALID'],
      ['unknown path', () => s.wang.get('/api/agent/no-such-route'), 404, 'ROUTE_NOT_FOUND'],
      ['unknown handoff', () => s.wang.get('/api/agent/handoffs/nope'), 404, 'HANDOFF_NOT_FOUND'],
      ['history of an unknown handoff', () => s.wang.get('/api/agent/handoffs/nope/history'), 404, 'HANDOFF_NOT_FOUND'],
      ['draft of an unknown handoff', () => s.wang.put('/api/agent/handoffs/nope/draft', { text: 'x' }), 404, 'HANDOFF_NOT_FOUND'],
      ['draft too long', () => s.wang.put(`/api/agent/handoffs/${waiting.id}/draft`, { text: '长'.repeat(2001) }), 400, 'TEXT_INVALID'],
      ['accepted by somebody else', () => s.wang.post(`/api/agent/handoffs/${taken.id}/accept`), 409, 'ALREADY_ACCEPTED'],
      ['message to somebody else\'s', () => s.wang.post(`/api/agent/handoffs/${taken.id}/messages`, { text: '插话' }), 403, 'NOT_YOURS'],
      ['empty message', () => s.li.post(`/api/agent/handoffs/${taken.id}/messages`, { text: '  ' }), 400, 'TEXT_INVALID'],
      ['note on a waiting one', () => s.wang.post(`/api/agent/handoffs/${waiting.id}/notes`, { text: '备注' }), 403, 'NOTE_NOT_YOURS'],
      ['close without a reason', () => s.li.post(`/api/agent/handoffs/${taken.id}/close`, {}), 400, 'REASON_INVALID'],
      ['transfer to nobody', () => s.li.post(`/api/agent/handoffs/${taken.id}/transfer`, { agentId: 'nobody' }), 400, 'AGENT_UNKNOWN'],
      ['transfer to oneself', async () => s.li.post(`/api/agent/handoffs/${taken.id}/transfer`, { agentId: await s.idOf('li') }), 409, 'AGENT_SELF'],
      ['transfer to an away agent', async () => s.li.post(`/api/agent/handoffs/${taken.id}/transfer`, { agentId: await s.idOf('wang') }), 409, 'AGENT_NOT_AVAILABLE'],
      ['presence neither', () => s.wang.post('/api/agent/presence', { status: 'busy' }), 400, 'STATUS_INVALID'],
      ['search without anything', () => s.wang.get('/api/agent/search'), 400, 'QUERY_INVALID'],
      ['search of one character', () => s.wang.get('/api/agent/search?q=1'), 400, 'QUERY_INVALID'],
      ['search with a date that is none', () => s.wang.get('/api/agent/search?q=0024&from=2026-02-30'), 400, 'DATE_INVALID'],
      ['search with a date in another form', () => s.wang.get('/api/agent/search?from=25/11/2026'), 400, 'DATE_INVALID'],
      ['search backwards', () => s.wang.get('/api/agent/search?from=2026-11-26&to=2026-11-25'), 400, 'DATE_RANGE_INVALID'],
    ];
    const seen: string[] = [];
    for (const [label, call, status, code] of rows) {
      const res = await call();
      const body = res.body as { error?: unknown; code?: unknown };
      expect({ label, status: res.status, code: body.code }).toEqual({ label, status, code });
      expect({ label, error: body.error }).toEqual({ label, error: expect.stringMatching(CHINESE) });
      seen.push(`${code}: ${String(body.error)}`);
    }
    expect(seen).toContain('ALREADY_ACCEPTED: 这段会话已由李客服接入。');
  });
});

describe('agent console: AGENT_CAPACITY and AGENT_OFFER_SECONDS are what the server runs with', () => {
  it('an agent at capacity 1 is offered nothing more, and an offer says the configured seconds', async () => {
    const t = await startWeChatApp({ ...ENV, AGENT_CAPACITY: '1', AGENT_OFFER_SECONDS: '45' });
    try {
      const wx = new FakeWeChat(t.base);
      await t.app.agents.create({ username: 'wang.kefu', password: PASSWORD, displayName: '王客服', role: 'agent' });
      const wang = new AgentClient(t.base);
      expect((await wang.login('wang.kefu', PASSWORD)).status).toBe(200);
      expect((await wang.post('/api/agent/presence', { status: 'available' })).body).toEqual({ me: { status: 'available', load: 0, capacity: 1 } });
      const events = wang.events();
      await connected();
      await wx.text('o_cap_1', '转人工');
      const first = wechatVisitorLabel('o_cap_1');
      await events.waitFor((e) => e.event === 'alert' && e.data.kind === 'offered' && e.data.citizen === first);
      expect(events.received.find((e) => e.event === 'alert' && e.data.kind === 'offered')?.data.text).toBe(`新会话分配给你：${first}，请在45秒内接入。`);
      const queue = async () => (await wang.get<Queue>('/api/agent/queue')).body;
      const item = (await queue()).waiting.find((w) => w.citizen.label === first)!;
      expect((await wang.post(`/api/agent/handoffs/${item.id}/accept`)).status).toBe(200);
      // Full at one conversation: the next citizen waits for anyone, offered to nobody.
      await wx.text('o_cap_2', '转人工');
      expect((await queue()).me).toEqual({ status: 'available', load: 1, capacity: 1 });
      expect((await queue()).waiting.find((w) => w.citizen.label === wechatVisitorLabel('o_cap_2'))?.offeredTo).toBeUndefined();
      events.close();
    } finally {
      await t.close();
    }
  });
});
