import { manualClock } from '../../../integrations/clock';
import type { OperationsReport } from '../../../bot/ops/operationsReport';
import { startWeChatApp, type WeChatTestApp } from '../wechat/wechatClient';
import { OPS_DAY, OPS_PASSWORD, scriptDay } from './opsDay';

jest.setTimeout(180_000);

const TOKEN = 'ops-metrics-token-0123456789';

/** An admin's session over HTTP (cookie), reading the operations figures. */
class Session {
  private cookie = '';
  constructor(private readonly base: string) {}
  async login(username: string): Promise<number> {
    const res = await fetch(`${this.base}/api/agent/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: OPS_PASSWORD }),
    });
    this.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
    return res.status;
  }
  async get(path: string): Promise<Response> {
    return fetch(`${this.base}${path}`, { headers: { cookie: this.cookie } });
  }
  async json<T>(path: string): Promise<{ status: number; body: T }> {
    const res = await this.get(path);
    return { status: res.status, body: (await res.json()) as T };
  }
}

/** The CSV's rows as [section, period, channel, item, value]. */
function csvRows(text: string): string[][] {
  return text.replace(/^\uFEFF/, '').trim().split('\r\n').map((line) => line.split(','));
}

/** A metric's value by its labels in the exposition text. */
function metric(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = (m[2] ?? '').split(',').filter(Boolean);
    if (wanted.length === have.length && wanted.every((w) => have.includes(w))) return Number(m[3]);
  }
  return undefined;
}

describe('operations figures of a scripted day: JSON, CSV and /metrics agree', () => {
  const clock = manualClock(`${OPS_DAY}T09:00:00+08:00`);
  let t: WeChatTestApp;
  let admin: Session;
  let report: OperationsReport;

  beforeAll(async () => {
    t = await startWeChatApp({ METRICS_TOKEN: TOKEN }, { clock });
    await t.app.ready;
    await scriptDay(t, clock);
    await t.app.agents.create({ username: 'zhang.admin', password: OPS_PASSWORD, displayName: '张管理', role: 'admin' });
    admin = new Session(t.base);
    expect(await admin.login('zhang.admin')).toBe(200);
    const r = await admin.json<OperationsReport>(`/api/admin/operations?from=${OPS_DAY}&to=${OPS_DAY}&by=hour`);
    expect(r.status).toBe(200);
    report = r.body;
  });
  afterAll(() => t?.close());

  it('counts conversations (30-minute gap), containment, handoffs, tasks, not understood, satisfaction and notices', () => {
    expect(report.totals).toMatchObject({
      conversations: 6, contained: 5, containmentRate: 0.833, handoffs: 1, notUnderstood: 1,
      tasksStarted: 3, tasksConfirmed: 2, ratings: 1, satisfactionAverage: 4, noticesSent: 1, noticesFailed: 0,
    });
    expect(report.handoffReasons).toEqual([{ reason: 'requested', label: '市民要求转人工', count: 1 }]);
    expect(report.tasks).toEqual([{
      service: 'exam.book', label: '预约考试', started: 3, confirmed: 2, completionRate: 0.667,
      dropOffs: [{ step: 'exam.book.confirm', label: '确认预约', count: 1 }],
    }]);
    expect(report.notUnderstoodGroups).toHaveLength(1);
    expect(report.notUnderstoodGroups[0].count).toBe(1);
    expect(report.notUnderstoodGroups[0].label).not.toMatch(/[A-Za-z]/);
    expect(report.satisfaction).toEqual({ count: 1, average: 4, distribution: [1, 2, 3, 4, 5].map((score) => ({ score, count: score === 4 ? 1 : 0 })) });
    expect(report.notices).toEqual({ sent: 1, failed: 0, topics: [{ topic: 'exam-reminder', label: expect.any(String), sent: 1, failed: 0 }] });
    expect(report.channels.map((c) => [c.channel, c.label, c.conversations])).toEqual([['wechat', '微信公众号', 6]]);
  });

  it('by China hour: each conversation in the hour it began', () => {
    expect(report.periods).toHaveLength(24);
    const conversations = Object.fromEntries(report.periods.filter((p) => p.conversations).map((p) => [p.period.slice(11), p.conversations]));
    expect(conversations).toEqual({ '10:00': 1, '11:00': 1, '14:00': 1, '15:00': 2, '16:00': 1 });
    expect(report.periods.find((p) => p.period === `${OPS_DAY} 12:00`)?.noticesSent).toBe(1);
  });

  it('the CSV holds the same figures', async () => {
    const res = await admin.get(`/api/admin/operations.csv?from=${OPS_DAY}&to=${OPS_DAY}&by=hour`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="operations-${OPS_DAY}.csv"`);
    const rows = csvRows(await res.text());
    expect(rows[0]).toEqual(['类别', '时段', '渠道', '项目', '数值']);
    const value = (section: string, item: string, period = OPS_DAY): string | undefined =>
      rows.find((r) => r[0] === section && r[1] === period && r[3] === item)?.[4];
    expect(value('汇总', '会话数')).toBe(String(report.totals.conversations));
    expect(value('汇总', '机器人独立完成的会话')).toBe('5');
    expect(value('汇总', '独立完成率')).toBe('0.833');
    expect(value('汇总', '平均满意度')).toBe('4');
    expect(value('按时段', '会话数', `${OPS_DAY} 15:00`)).toBe('2');
    expect(value('转人工原因', '市民要求转人工')).toBe('1');
    expect(value('业务办理', '预约考试 · 开始')).toBe('3');
    expect(value('业务办理', '预约考试 · 完成')).toBe('2');
    expect(value('业务办理', '预约考试 · 停在：确认预约')).toBe('1');
    expect(value('满意度分布', '4分')).toBe('1');
    expect(rows.every((r) => r.length === 5)).toBe(true);
  });

  it('/metrics shows today\'s figures with channel, service and reason labels', async () => {
    const res = await fetch(`${t.base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const text = await res.text();
    expect(metric(text, 'jiaoguan_ops_conversations_today', { channel: 'wechat' })).toBe(6);
    expect(metric(text, 'jiaoguan_ops_contained_conversations_today', { channel: 'wechat' })).toBe(5);
    expect(metric(text, 'jiaoguan_ops_handoffs_today', { channel: 'wechat', reason: 'requested' })).toBe(1);
    expect(metric(text, 'jiaoguan_ops_tasks_started_today', { channel: 'wechat', service: 'exam.book' })).toBe(3);
    expect(metric(text, 'jiaoguan_ops_tasks_confirmed_today', { channel: 'wechat', service: 'exam.book' })).toBe(2);
    expect(metric(text, 'jiaoguan_ops_task_dropoffs_today', { service: 'exam.book', step: 'exam.book.confirm' })).toBe(1);
    expect(metric(text, 'jiaoguan_ops_not_understood_today', { channel: 'wechat' })).toBe(1);
    expect(metric(text, 'jiaoguan_ops_satisfaction_ratings_today', { score: '4' })).toBe(1);
    expect(metric(text, 'jiaoguan_ops_notices_today', { outcome: 'sent' })).toBe(1);
    // No personal data: no openid, no hash of a conversation, no name.
    expect(text).not.toMatch(/o_ops_|张伟|陈静|周敏/);
  });

  it('a channel filter, another day, and what is refused', async () => {
    const teams = await admin.json<OperationsReport>(`/api/admin/operations?from=${OPS_DAY}&to=${OPS_DAY}&channel=msteams`);
    expect(teams.body.totals).toMatchObject({ conversations: 0, handoffs: 0, noticesSent: 0 });
    const week = await admin.json<OperationsReport>(`/api/admin/operations?from=2026-11-23&to=${OPS_DAY}`);
    expect(week.body.by).toBe('day');
    expect(week.body.periods.map((p) => [p.period, p.conversations])).toEqual([['2026-11-23', 0], ['2026-11-24', 0], [OPS_DAY, 6]]);
    for (const [query, code] of [
      ['from=2026-02-30', 'OPS_BAD_DATE'], ['from=2026-11-25&to=2026-11-24', 'OPS_BAD_RANGE'], ['by=week', 'OPS_BAD_GRANULARITY'],
      ['from=2026-01-01&to=2026-12-31', 'OPS_RANGE_TOO_LONG'], ['channel=%3Cx%3E', 'OPS_BAD_CHANNEL'],
    ]) {
      const r = await admin.json<{ error: string; code: string }>(`/api/admin/operations?${query}`);
      expect({ query, status: r.status, code: r.body.code }).toEqual({ query, status: 400, code });
      expect(r.body.error).not.toMatch(/[A-Za-z]{3}/);
    }
  });

  it('admins only: no session 401, an agent 403', async () => {
    expect((await fetch(`${t.base}/api/admin/operations`)).status).toBe(401);
    const agent = new Session(t.base);
    expect(await agent.login('zhao.kefu')).toBe(200);
    expect((await agent.get('/api/admin/operations.csv')).status).toBe(403);
  });
});
