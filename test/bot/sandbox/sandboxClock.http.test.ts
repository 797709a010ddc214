import { capture } from '../../support/capture';
import { ZHANG_WEI } from '../../integrations/platform/fixtures';
import { bindThrough, FakeWeChat, startWeChatApp, type WeChatTestApp } from '../wechat/wechatClient';

interface Answer { status: number; body: Record<string, unknown> }

async function clock(base: string, init?: { body: string }): Promise<Answer> {
  const res = await fetch(`${base}/sandbox/clock`, init
    ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: init.body }
    : undefined);
  const text = await res.text();
  if (res.status >= 400) capture('http-errors', `${init ? 'POST' : 'GET'} /sandbox/clock ${res.status} ${text}`);
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

const setClock = (base: string, now: unknown): Promise<Answer> => clock(base, { body: JSON.stringify({ now }) });

describe('POST /sandbox/clock moves the demo\'s time forward', () => {
  let t: WeChatTestApp;

  beforeAll(async () => {
    t = await startWeChatApp();
    await t.app.ready;
  });
  afterAll(() => t.close());

  it('tells the time: SANDBOX_TODAY from 09:00 China time', async () => {
    const r = await clock(t.base);
    expect(r.status).toBe(200);
    expect(r.body.chinaTime).toMatch(/^2026-11-25T09:0\d:\d\d\+08:00$/);
    // The same instant, China time to the second.
    expect(Math.floor(Date.parse(String(r.body.now)) / 1000) * 1000).toBe(Date.parse(String(r.body.chinaTime)));
  });

  it('set forward, a citizen\'s next turn reckons from the new day', async () => {
    const wx = new FakeWeChat(t.base);
    const offer = await bindThrough(wx, t.base, 'o_clock_zhangwei', '帮我约科目二', ZHANG_WEI);
    expect(offer.text).toMatch(/1\. 11月30日（周一）/);
    await wx.text('o_clock_zhangwei', '取消');

    const r = await setClock(t.base, '2026-12-01T09:00:00+08:00');
    expect(r).toEqual({ status: 200, body: { now: '2026-12-01T01:00:00.000Z', chinaTime: '2026-12-01T09:00:00+08:00' } });
    expect((await clock(t.base)).body.chinaTime).toMatch(/^2026-12-01T09:00/);

    // The first bookable day is the day after today (12月1日): 12月2日, no longer 11月30日.
    const next = await wx.text('o_clock_zhangwei', '帮我约科目二');
    expect(next.text).toMatch(/1\. 12月2日（周三）/);
    expect(next.text).not.toContain('11月30日');
    await wx.text('o_clock_zhangwei', '取消');
  });

  it('never backwards: 400 CLOCK_BACKWARDS, the time is kept', async () => {
    const r = await setClock(t.base, '2026-11-30T09:00:00+08:00');
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'CLOCK_BACKWARDS', error: expect.stringMatching(/never goes back/) });
    expect((await clock(t.base)).body.chinaTime).toMatch(/^2026-12-01T09:0/);
  });

  it.each([
    ['an invalid date', '2026-02-30T09:00:00+08:00'],
    ['a time without an offset', '2026-12-02T09:00:00'],
    ['a number', 1796169600000],
    ['a missing now', undefined],
  ])('refuses %s: 400 CLOCK_INVALID', async (_what, now) => {
    const r = await setClock(t.base, now);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'CLOCK_INVALID', error: expect.stringContaining('ISO date-time with an offset') });
  });
});

describe('a deployment has no sandbox clock', () => {
  let t: WeChatTestApp;

  beforeAll(async () => {
    // As test/bot/security/deployment.http.test.ts: a real gateway and a real official account, no demo date.
    t = await startWeChatApp({
      SANDBOX_TODAY: '', PLATFORM: 'http', PLATFORM_URL: 'http://127.0.0.1:9/',
      WECHAT_TOKEN: 'realAccountToken2026', WECHAT_APP_ID: 'wx0123456789abcdef', WECHAT_APP_SECRET: 'not-a-real-secret-0123456789',
    });
  });
  afterAll(() => t.close());

  it('GET and POST /sandbox/clock are not found', async () => {
    expect(t.app.config.mode).toBe('deployment');
    expect((await clock(t.base)).status).toBe(404);
    expect((await setClock(t.base, '2027-01-01T09:00:00+08:00')).status).toBe(404);
  });
});
