import { LI_NA, WANG_QIANG, ZHANG_WEI } from '../../integrations/platform/fixtures';
import { bindThrough, FakeWeChat, startWeChatApp, type WeChatTestApp } from '../wechat/wechatClient';
import type { NoticeTopicId } from '../../../dialogs/services/notices/NoticeTopic';

/** A template message as the sandbox WeChat received it. */
interface Notice { id: number; msgtype: string; template: { template_id: string; title: string; url?: string; fields: Array<{ key: string; label: string; value: string }> } }

async function notices(base: string, openid: string): Promise<Notice[]> {
  const res = await fetch(`${base}/sandbox/wechat/messages?openid=${encodeURIComponent(openid)}`);
  return ((await res.json()) as { messages: Notice[] }).messages.filter((m) => m.msgtype === 'template');
}

/** "label: value" lines of a notice, as the citizen reads it. */
const lines = (n: Notice): string => n.template.fields.map((f) => `${f.label}：${f.value}`).join('\n');

async function post(base: string, path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const setClock = async (base: string, now: string): Promise<void> => {
  const r = await post(base, '/sandbox/clock', { now });
  expect(r.status).toBe(200);
};

/** Waits (real time, the scheduler ticks every second) until the follower has `count` notices. */
async function until(base: string, openid: string, count: number, ms = 8000): Promise<Notice[]> {
  const end = Date.now() + ms;
  for (;;) {
    const got = await notices(base, openid);
    if (got.length >= count || Date.now() > end) return got;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const METRICS_TOKEN = 'notices-metrics-token-0123';
const ALL: NoticeTopicId[] = ['exam-reminder', 'exam-result', 'decision-issued', 'fine-deadline', 'plate-expiring', 'new-violation', 'licence-renewal'];

describe('notices: an event or the clock → the notice in the sandbox WeChat outbox, once', () => {
  let t: WeChatTestApp;
  const wx = (): FakeWeChat => new FakeWeChat(t.base);
  const grant = (openid: string, topics = ALL) => t.app.notices.consents.set(`wechat:${openid}`, topics, 'granted');

  beforeAll(async () => {
    // SANDBOX_TODAY 2026-11-25, 09:00 China time.
    t = await startWeChatApp({ METRICS_TOKEN });
    await t.app.ready;
    await bindThrough(wx(), t.base, 'o_n_zhangwei', '查询考试预约', ZHANG_WEI);
    await bindThrough(wx(), t.base, 'o_n_lina', '查询考试预约', LI_NA);
    await bindThrough(wx(), t.base, 'o_n_wangqiang', '查询考试预约', WANG_QIANG);
  });
  afterAll(() => t.close());

  it('exam reminder: the day before, with time, centre and address, what to bring, how to cancel; once', async () => {
    const booking = await t.app.platform.exams.book(ZHANG_WEI.idNumber, 2, 'nj-2', '2026-11-30', 'morning', 'notice-test-1');
    await grant('o_n_zhangwei', ['exam-reminder', 'exam-result']);
    expect(await notices(t.base, 'o_n_zhangwei')).toEqual([]);

    await setClock(t.base, '2026-11-29T09:00:00+08:00');
    const [n, ...more] = await until(t.base, 'o_n_zhangwei', 1);
    expect(more).toEqual([]);
    expect(n.template.title).toBe('考试预约提醒');
    expect(lines(n)).toBe([
      '考试科目：科目二',
      '考试时间：11月30日（周一）上午 8:00入场',
      '考场：南京市交管局第二考场（南京市江宁区秣陵街道考试路8号）',
      '携带证件：身份证原件、学习驾驶证明',
      '下一步：回复「改约」换时间；「取消考试」可取消，截止11月29日（周日） 23:59',
    ].join('\n'));
    expect(n.template.url).toBe(`/chat/reply?say=${encodeURIComponent('改约')}`);

    // Later the same day, another sweep, a restart of the loop: still one.
    await setClock(t.base, '2026-11-29T15:00:00+08:00');
    await t.app.notices.wake();
    expect(await notices(t.base, 'o_n_zhangwei')).toHaveLength(1);
    expect((await t.app.stores.notices.jobByKey(`exam-reminder:${booking.bookingId}:wechat:o_n_zhangwei`))?.status).toBe('sent');
  });

  it('exam result: failed → the retake rule and its earliest date', async () => {
    const [booking] = (await t.app.platform.exams.listBookings(ZHANG_WEI.idNumber)).filter((b) => b.status === 'booked');
    await setClock(t.base, '2026-11-30T15:00:00+08:00');
    const r = await post(t.base, '/sandbox/exam-results', { bookingId: booking.bookingId, passed: false, score: 70 });
    expect(r.status).toBeLessThan(300);
    const got = await until(t.base, 'o_n_zhangwei', 2);
    const n = got[1];
    expect(n.template.title).toBe('考试成绩通知');
    expect(lines(n)).toMatch(/考试结果：不合格（70分）/);
    expect(lines(n)).toMatch(/下一步：.*补考.*最早12月1\d日.*回复「预约补考」/s);
  });

  it('new violation on a bound vehicle → its owner; penalty decision after handling → amount and deadline', async () => {
    await grant('o_n_lina');
    const before = (await notices(t.base, 'o_n_lina')).length;
    const r = await post(t.base, '/sandbox/violations', { plate: '苏A12345', kind: 'speeding', location: '南京市玄武区北京东路', fineFen: 20000, points: 3 });
    expect(r.status).toBeLessThan(300);
    const got = await until(t.base, 'o_n_lina', before + 1);
    const n = got.find((m) => m.template.title === '交通违法提醒');
    expect(n && lines(n)).toMatch(/号牌：苏A12345\n违法时间：.*\n违法地点：南京市玄武区北京东路\n违法行为：超速行驶\n罚款记分：罚款200.00元，记3分/);
    expect(n?.template.url).toContain(encodeURIComponent('查违章'));

    const violationId = String((r.body.violation as { violationId?: string } | undefined)?.violationId ?? r.body.violationId);
    const decision = await t.app.platform.violations.handle(LI_NA.idNumber, violationId, 'notice-test-handle');
    // Not at once (she may be paying it in the chat right now): ten minutes later, still unpaid.
    await new Promise((r) => setTimeout(r, 2500));
    await t.app.notices.wake();
    expect(await notices(t.base, 'o_n_lina')).toHaveLength(got.length);
    const clockNow = ((await (await fetch(`${t.base}/sandbox/clock`)).json()) as { now: string }).now;
    await setClock(t.base, new Date(Date.parse(clockNow) + 10 * 60_000 + 1000).toISOString());
    const after = await until(t.base, 'o_n_lina', got.length + 1);
    const d = after.find((m) => m.template.title === '处罚决定书通知');
    expect(d && lines(d)).toContain(`决定书编号：${decision.decisionNumber}`);
    expect(d && lines(d)).toMatch(/罚款金额：200.00元\n缴款期限：12月1\d日（.*）前缴清/);
  });

  it('a decision paid at once (handled and paid in the chat) is not told', async () => {
    const before = (await notices(t.base, 'o_n_lina')).length;
    const r = await post(t.base, '/sandbox/violations', { plate: '苏A12345', kind: 'lane' });
    await until(t.base, 'o_n_lina', before + 1);
    const decision = await t.app.platform.violations.handle(LI_NA.idNumber, String(r.body.violationId), 'notice-test-handle-2');
    await t.app.platform.violations.pay(decision.decisionNumber, decision.amountDueFen, 'notice-test-pay-2');
    const count = (await notices(t.base, 'o_n_lina')).length;
    const clockNow = ((await (await fetch(`${t.base}/sandbox/clock`)).json()) as { now: string }).now;
    await setClock(t.base, new Date(Date.parse(clockNow) + 11 * 60_000).toISOString());
    const key = `decision-issued:${decision.decisionNumber}:wechat:o_n_lina`;
    expect(await t.app.stores.notices.jobByKey(key)).toMatchObject({ status: 'skipped', lastError: 'no longer true' });
    // The violation itself was told (new-violation); the decision was not.
    expect((await notices(t.base, 'o_n_lina')).filter((n) => lines(n).includes(decision.decisionNumber))).toEqual([]);
    expect(await notices(t.base, 'o_n_lina')).toHaveLength(count);
  });

  it('fine deadline: three days before late fees start, and once overdue', async () => {
    const violations = await t.app.platform.violations.byOwner(LI_NA.idNumber);
    const unpaid = [];
    for (const v of violations) if (v.decisionNumber) unpaid.push(await t.app.platform.violations.decision(v.decisionNumber));
    const fresh = unpaid.find((d) => d.status === 'unpaid' && d.dueOn > '2026-12-01');
    expect(fresh).toBeDefined();
    const [y, m, day] = fresh!.dueOn.split('-').map(Number);
    const threeBefore = new Date(Date.UTC(y, m - 1, day - 2)).toISOString().slice(0, 10);
    const lateFrom = new Date(Date.UTC(y, m - 1, day + 1)).toISOString().slice(0, 10);
    const count = (await notices(t.base, 'o_n_lina')).length;

    await setClock(t.base, `${threeBefore}T09:00:00+08:00`);
    const got = await until(t.base, 'o_n_lina', count + 1);
    const warn = got.filter((x) => x.template.title === '罚款缴纳提醒');
    expect(warn.map(lines).join('\n')).toContain('状态：3天后开始加处罚款');

    await setClock(t.base, `${lateFrom}T09:00:00+08:00`);
    const later = (await until(t.base, 'o_n_lina', got.length + 1)).filter((x) => x.template.title === '罚款缴纳提醒');
    expect(later.map((x) => x.template.fields.find((f) => f.label === '状态')?.value)).toEqual(
      expect.arrayContaining(['3天后开始加处罚款', '已逾期，每日加处罚款3%']),
    );
    // One of each for this decision.
    expect(later.filter((x) => lines(x).includes(fresh!.decisionNumber))).toHaveLength(2);
  });

  it('licence renewal: 90 days before the licence expires', async () => {
    const got = (await notices(t.base, 'o_n_lina')).filter((x) => x.template.title === '驾驶证到期换证提醒');
    expect(got).toHaveLength(1);
    expect(lines(got[0])).toMatch(/准驾车型：C1\n有效期至：2027年3月1日（周一）/);
  });

  it('reserved plate expiring: three days before the hold ends, with the plate and the VIN tail only', async () => {
    await grant('o_n_wangqiang');
    const round = await t.app.platform.plates.startRandomRound(WANG_QIANG.idNumber, 'LFV3A28K1R3008821');
    const held = await t.app.platform.plates.reserve(WANG_QIANG.idNumber, 'LFV3A28K1R3008821', round.candidates[0], 'notice-plate-1');
    const [y, m, d] = String(held.expiresOn).split('-').map(Number);
    const threeBefore = new Date(Date.UTC(y, m - 1, d - 3)).toISOString().slice(0, 10);
    expect(await notices(t.base, 'o_n_wangqiang')).toEqual([]);
    await setClock(t.base, `${threeBefore}T09:00:00+08:00`);
    const got = await until(t.base, 'o_n_wangqiang', 1);
    expect(got).toHaveLength(1);
    expect(got[0].template.title).toBe('号牌保留到期提醒');
    expect(lines(got[0])).toMatch(new RegExp(`^号牌：${held.plate}\n车辆：车架号后六位008821\n保留至：`));
    expect(JSON.stringify(got[0])).not.toContain('LFV3A28K1R3008821');
  });

  it('quiet hours: a violation recorded at 22:00 is told at 08:00 the next morning, not before', async () => {
    const now = ((await (await fetch(`${t.base}/sandbox/clock`)).json()) as { chinaTime: string }).chinaTime.slice(0, 10);
    const next = new Date(Date.parse(`${now}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await setClock(t.base, `${now}T22:00:00+08:00`);
    const before = (await notices(t.base, 'o_n_lina')).length;
    expect((await post(t.base, '/sandbox/violations', { plate: '苏A12345', kind: 'parking' })).status).toBe(201);
    await t.app.notices.wake();
    await new Promise((r) => setTimeout(r, 2500));
    await t.app.notices.wake();
    expect(await notices(t.base, 'o_n_lina')).toHaveLength(before);
    const job = (await t.app.stores.notices.jobsOf('wechat:o_n_lina', 1))[0];
    expect([job.topic, job.status]).toEqual(['new-violation', 'pending']);

    await setClock(t.base, `${next}T07:59:00+08:00`);
    expect(await notices(t.base, 'o_n_lina')).toHaveLength(before);
    await setClock(t.base, `${next}T08:00:00+08:00`);
    const got = await until(t.base, 'o_n_lina', before + 1);
    expect(got).toHaveLength(before + 1);
    expect(lines(got[before])).toContain('违法行为：违反规定停放');
  });

  it('WeChat refuses (the citizen turned notices off in WeChat: 43101): recorded as refused, nothing sent, nothing retried', async () => {
    expect((await post(t.base, '/sandbox/wechat/followers?openid=o_n_lina', { notices: 'reject' })).status).toBe(200);
    const count = (await notices(t.base, 'o_n_lina')).length;
    const r = await post(t.base, '/sandbox/violations', { plate: '苏A12345', kind: 'seatbelt' });
    const key = `new-violation:${String(r.body.violationId)}:wechat:o_n_lina`;
    const end = Date.now() + 8000;
    while ((await t.app.stores.notices.jobByKey(key))?.status !== 'skipped' && Date.now() < end) await new Promise((res) => setTimeout(res, 100));
    expect(await t.app.stores.notices.jobByKey(key)).toMatchObject({ status: 'skipped', lastError: 'refused by WeChat 43101', attempts: 1 });
    expect(await t.app.stores.notices.consent('wechat:o_n_lina', 'new-violation')).toMatchObject({ state: 'refused', reason: '43101' });
    expect(await notices(t.base, 'o_n_lina')).toHaveLength(count);
    const subs = (await (await fetch(`${t.base}/sandbox/wechat/subscriptions?openid=o_n_lina`)).json()) as { topics: Array<{ topic: string; state: string; reason?: string }> };
    expect(subs.topics.find((x) => x.topic === 'new-violation')).toMatchObject({ state: 'refused', reason: '43101' });
  });

  it('counts by topic and status on /metrics', async () => {
    const text = await (await fetch(`${t.base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    expect(text).toMatch(/jiaoguan_notice_jobs\{topic="exam-reminder",status="sent"\} 1/);
    expect(text).toMatch(/jiaoguan_notice_jobs\{topic="new-violation",status="skipped"\} 1/);
    expect(text).toMatch(/jiaoguan_notices_total\{topic="new-violation",outcome="refused"\} 1/);
    expect(text).toMatch(/jiaoguan_notices_total\{topic="new-violation",outcome="sent"\} 3/);
  });
});
