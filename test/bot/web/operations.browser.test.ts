import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { manualClock } from '../../../integrations/clock';
import { ADMIN_WAIT_MS, submitLogin, waitOn } from '../../browser/adminPage';
import { artifactPath } from '../../browser/chromium';
import { readmeScreenshot } from '../../browser/readmeScreenshot';
import { WatchedPages } from '../../browser/watchedPages';
import { OPS_DAY, OPS_PASSWORD, scriptDay } from '../ops/opsDay';
import { startWeChatApp, type WeChatTestApp } from '../wechat/wechatClient';

jest.setTimeout(300_000);

const ADMIN = { username: 'zhang.admin', displayName: '张管理' };

/** The texts of the elements matching a test id, in order. */
async function texts(page: Page, testId: string): Promise<string[]> {
  return (await page.getByTestId(testId).allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

describe('the operations view shows the figures of a scripted day (real browser)', () => {
  const clock = manualClock(`${OPS_DAY}T09:00:00+08:00`);
  let bot: WeChatTestApp;
  const pages = new WatchedPages();

  /** /ops/ signed in as the admin, the day's figures loaded. */
  async function openOps(width: number, height: number, who = 'admin'): Promise<Page> {
    const page = await pages.newPage(who, width, height);
    const response = await page.goto(`${bot.base}/ops/`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy'] ?? '').toContain("script-src 'self'");
    await page.locator('body[data-ready="true"]').waitFor({ timeout: ADMIN_WAIT_MS });
    return page;
  }

  async function signIn(page: Page, username: string): Promise<void> {
    await submitLogin(page, username, OPS_PASSWORD);
  }

  beforeAll(async () => {
    bot = await startWeChatApp({}, { clock });
    await bot.app.ready;
    await scriptDay(bot, clock);
    await bot.app.agents.create({ username: ADMIN.username, password: OPS_PASSWORD, displayName: ADMIN.displayName, role: 'admin' });
    await pages.launch();
  }, 180_000);

  afterAll(async () => {
    await pages.close();
    if (bot) await bot.close();
  });

  afterEach(() => pages.expectNoProblems());

  it('the admin signs in and sees the day: tiles, hours, the booking\'s drop-off step, reasons, groups, satisfaction, notices', async () => {
    const page = await openOps(1280, 800);
    await signIn(page, ADMIN.username);
    await waitOn(page, page.locator('body[data-loaded="true"]'), 'the figures loaded', 'attached');
    await waitOn(page, page.getByTestId('me-name').filter({ hasText: ADMIN.displayName }), 'the admin\'s name');

    // Today on the bot's clock, by hour (one day).
    expect(await page.getByTestId('from').inputValue()).toBe(OPS_DAY);
    expect(await page.getByTestId('range').innerText()).toBe(`${OPS_DAY}（北京时间，按小时，全部渠道）`);
    expect(await texts(page, 'tile-conversations')).toEqual(['会话数 6 市民消息 18 条']);
    expect(await texts(page, 'tile-containment')).toEqual(['机器人独立完成 83.3% 5 个会话没有转人工']);
    expect(await texts(page, 'tile-handoffs')).toEqual(['转人工 1 次']);
    expect(await texts(page, 'tile-completion')).toEqual(['业务办理完成率 66.7% 开始 3，完成 2']);
    expect(await texts(page, 'tile-satisfaction')).toEqual(['平均满意度 4 分 1 个评价']);
    expect(await texts(page, 'tile-notices')).toEqual(['通知 发送 1 失败 0']);
    expect((await texts(page, 'tile-not-understood'))[0]).toMatch(/^未听懂率 \d+(\.\d)?% 1 条没听懂$/);

    // The hours with something in them (the 15:00 hour: the visitor not understood and the citizen who asked for a person).
    const hours = await texts(page, 'period');
    expect(hours.map((h) => h.split(' ').slice(0, 3).join(' '))).toEqual([
      '11-25 10:00 1', '11-25 11:00 1', '11-25 12:00 0', '11-25 14:00 1', '11-25 15:00 2', '11-25 16:00 1',
    ]);
    expect(await texts(page, 'task')).toEqual(['预约考试 3 2 66.7% 确认预约 · 1 人']);
    expect(await texts(page, 'drop-off')).toEqual(['确认预约 · 1 人']);
    expect(await page.getByTestId('reasons').innerText()).toMatch(/市民要求转人工\s*1/);
    expect((await page.getByTestId('groups').getByTestId('bar').allInnerTexts())).toHaveLength(1);
    expect(await page.getByTestId('satisfaction-summary').innerText()).toBe('平均 4 分，共 1 个评价（1 分最不满意，5 分最满意）');
    expect(await page.getByTestId('satisfaction').innerText()).toMatch(/4 分\s*1/);
    expect(await texts(page, 'channel-row')).toEqual(['微信公众号 6 5 1 1']);
    expect(await texts(page, 'notice-row')).toEqual([expect.stringMatching(/^\S+ 1 0$/)]);
    // Chinese only: no English words (product names aside), no addresses.
    expect((await page.locator('#console-view').innerText()).replace(/NLU|CSV|Teams/g, '')).not.toMatch(/[A-Za-z]{3,}|https?:/);
    await readmeScreenshot(page, 'operations');

    // The CSV of the same query, downloaded.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv').click()]);
    expect(download.suggestedFilename()).toBe(`operations-${OPS_DAY}.csv`);
    const file = artifactPath('operations.csv');
    await download.saveAs(file);
    const rows = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.split(','));
    expect(rows[0]).toEqual(['类别', '时段', '渠道', '项目', '数值']);
    expect(rows).toContainEqual(['汇总', OPS_DAY, '全部', '会话数', '6']);
    expect(rows).toContainEqual(['业务办理', OPS_DAY, '全部', '预约考试 · 停在：确认预约', '1']);
    expect(rows).toContainEqual(['按时段', `${OPS_DAY} 15:00`, '全部', '会话数', '2']);

    // Another channel: nothing there.
    await page.getByTestId('channel').selectOption('msteams');
    await page.getByTestId('apply').click();
    await waitOn(page, page.getByTestId('range').filter({ hasText: '微软 Teams' }), 'the Teams figures');
    await waitOn(page, page.locator('body[data-loaded="true"]'), 'the figures loaded', 'attached');
    expect(await texts(page, 'tile-conversations')).toEqual(['会话数 0 市民消息 0 条']);
    expect(await page.getByTestId('periods').innerText()).toContain('这段时间没有数据。');
  });

  it('several days by day; at 200 % zoom (720×450) nothing runs off the side', async () => {
    const page = await openOps(720, 450, 'admin at 200 %');
    await signIn(page, ADMIN.username);
    await waitOn(page, page.locator('body[data-loaded="true"]'), 'the figures loaded', 'attached');
    await page.getByTestId('from').fill('2026-11-23');
    await page.getByTestId('by').selectOption('day');
    await page.getByTestId('apply').click();
    await waitOn(page, page.getByTestId('range').filter({ hasText: '2026-11-23 至' }), 'the three days');
    expect(await texts(page, 'period')).toEqual([expect.stringMatching(new RegExp(`^${OPS_DAY} 6 5 1 18 1 3 2 1 1 0$`))]);
    const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: artifactPath('operations-200-percent.png'), fullPage: true });
  });

  it('an agent is told the page is for admins', async () => {
    const page = await openOps(1280, 800, 'agent');
    await signIn(page, 'zhao.kefu');
    await waitOn(page, page.getByTestId('denied-view'), 'the denied view');
    expect(await page.getByTestId('forbidden').innerText()).toBe('需要管理员权限才能查看运营数据。');
  });
});
