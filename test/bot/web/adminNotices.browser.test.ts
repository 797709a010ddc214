import type { Locator, Page } from 'playwright-core';
import { startWeChatApp, type WeChatTestApp } from '../wechat/wechatClient';
import { artifactPath } from '../../browser/chromium';
import { ADMIN_WAIT_MS, consoleErrors, logInAdmin, waitOn } from '../../browser/adminPage';
import { WatchedPages } from '../../browser/watchedPages';

jest.setTimeout(120_000);

const ADMIN = { username: 'admin', password: 'correct horse 12', displayName: '管理员', role: 'admin' as const };
const DAY_MS = 24 * 3600 * 1000;
const CITIZEN = 'wechat:o_sandbox_admin_test';

describe("the admin console's 通知 tab in a real browser", () => {
  let bot: WeChatTestApp;
  const pages = new WatchedPages();
  /**
   * Jobs due a month from now: the bot's own scheduler (claiming what is due now) never touches them; the test
   * claims them with its own "now" to finish them as sent, failed and skipped.
   */
  const due = Date.now() + 30 * DAY_MS;
  let seq = 0;

  async function enqueue(topic: string, dueAt: number): Promise<string> {
    seq += 1;
    const { id } = await bot.app.stores.notices.enqueue({ key: `${topic}:admin-test-${seq}`, citizen: CITIZEN, topic, dueAt, payload: {}, createdAt: Date.now() });
    return id;
  }

  beforeAll(async () => {
    bot = await startWeChatApp();
    await bot.app.agents.create(ADMIN);
    const notices = bot.app.stores.notices;
    for (let i = 0; i < 3; i += 1) await enqueue('exam-reminder', due);
    await enqueue('exam-reminder', due + 10 * DAY_MS);
    await enqueue('exam-result', due + 10 * DAY_MS);
    const [sent, failed, skipped] = await notices.claim('admin-test', due, 60_000, 3);
    expect(await notices.markSent(sent.id, 'admin-test', due)).toBe(true);
    expect(await notices.markFailed(failed.id, 'admin-test', 'WeChat 40037 invalid template_id')).toBe(true);
    expect(await notices.markSkipped(skipped.id, 'admin-test', 'consent revoked')).toBe(true);
    await pages.launch();
  }, 120_000);
  afterAll(async () => {
    await pages.close();
    if (bot) await bot.close();
  });
  afterEach(() => pages.expectNoProblems());

  const topicRow = (page: Page, topic: string): Locator => page.locator(`[data-testid="notices-topic"][data-topic="${topic}"]`);
  async function counts(row: Locator): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const status of ['pending', 'sending', 'sent', 'failed', 'skipped']) out[status] = (await row.getByTestId(`notices-${status}`).textContent()) ?? '';
    return out;
  }

  it('shows pending, sent, failed and skipped notices by topic and the failed ones, and reads them again every 10 s while open', async () => {
    const page = await pages.newPage('admin', 1440, 900);
    await page.goto(`${bot.base}/admin/`);
    await page.locator('body[data-ready="true"]').waitFor({ timeout: ADMIN_WAIT_MS });
    await logInAdmin(page, ADMIN);
    await page.getByTestId('tab-notices').click();
    await waitOn(page, page.getByTestId('panel-notices'), 'the notices panel');

    await waitOn(page, topicRow(page, 'exam-reminder'), 'the exam reminders\' row');
    expect(await topicRow(page, 'exam-reminder').locator('td').first().textContent()).toBe('考前提醒');
    expect(await counts(topicRow(page, 'exam-reminder'))).toEqual({ pending: '1', sending: '0', sent: '1', failed: '1', skipped: '1' });
    expect(await counts(topicRow(page, 'exam-result'))).toEqual({ pending: '1', sending: '0', sent: '0', failed: '0', skipped: '0' });

    const failed = page.getByTestId('notices-failed-item');
    expect(await failed.count()).toBe(1);
    const cells = await failed.first().locator('td').allTextContents();
    expect(cells[1]).toBe('考前提醒');
    // Who it was for, never the whole id.
    expect(cells[2]).toBe('wechat:…test');
    expect(await page.getByTestId('panel-notices').innerText()).not.toContain(CITIZEN);
    expect(cells[3]).toBe('1');
    expect(cells[4]).toContain('40037');
    await page.getByTestId('panel-notices').screenshot({ path: artifactPath('admin-notices-tab.png') });

    // A new notice: the open tab shows it within its 10 s refresh, without a click.
    await enqueue('exam-result', due + 10 * DAY_MS);
    await waitOn(page, topicRow(page, 'exam-result').getByTestId('notices-pending').filter({ hasText: /^2$/ }), 'the new pending notice', 'visible', 15_000);
    expect(await consoleErrors(page)).toEqual([]);
  });
});
