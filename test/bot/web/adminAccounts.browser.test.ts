import type { Locator, Page } from 'playwright-core';
import { AgentClient } from '../handoff/agentClient';
import { startWeChatApp, type WeChatTestApp } from '../wechat/wechatClient';
import { ADMIN_WAIT_MS, consoleErrors, exactly, logInAdmin, openTab, waitOn } from '../../browser/adminPage';
import { WatchedPages } from '../../browser/watchedPages';

jest.setTimeout(300_000);

const ADMIN = { username: 'admin', password: 'correct horse 12', displayName: '管理员', role: 'admin' as const };
const AGENT = { username: 'wang.kefu', password: 'another horse 34', displayName: '王客服', role: 'agent' as const };
/** A display name that is markup: it must show as text, never become an element. */
const MARKUP = { username: 'zhao.kefu', password: 'another horse 34', displayName: '<img src=x>赵', role: 'agent' as const };
const NEW_PASSWORD = 'a new horse 5678';

describe('the admin console\'s accounts view in a real browser', () => {
  let bot: WeChatTestApp;
  const pages = new WatchedPages();

  beforeAll(async () => {
    bot = await startWeChatApp();
    for (const who of [ADMIN, AGENT, MARKUP]) await bot.app.agents.create(who);
    await pages.launch();
  }, 120_000);
  afterAll(async () => {
    await pages.close();
    if (bot) await bot.close();
  });
  afterEach(() => pages.expectNoProblems());

  const row = (page: Page, username: string): Locator => page.locator(`[data-testid="account"][data-username="${username}"]`);

  it('lists the accounts (markup shown as text), disables an agent (whose session ends at once) and resets a password, saying why a weak one is refused', async () => {
    const page = await pages.newPage('admin', 1440, 900);
    await page.goto(`${bot.base}/admin/`);
    await page.locator('body[data-ready="true"]').waitFor({ timeout: ADMIN_WAIT_MS });
    await logInAdmin(page, ADMIN);
    await openTab(page, 'accounts');
    await waitOn(page, row(page, 'wang.kefu'), 'the agent\'s row');
    expect(await page.getByTestId('account').evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { username: string } }).dataset.username)))
      .toEqual(['admin', 'wang.kefu', 'zhao.kefu']);
    await waitOn(page, row(page, 'zhao.kefu').locator('td', { hasText: exactly(MARKUP.displayName) }), 'the markup display name as text');
    expect(await page.locator('[data-testid="accounts"] img').count()).toBe(0);
    // No disabling oneself.
    expect(await row(page, 'admin').getByTestId('account-disable').count()).toBe(0);

    const wang = new AgentClient(bot.base);
    expect((await wang.login(AGENT.username, AGENT.password)).status).toBe(200);
    await row(page, 'wang.kefu').getByTestId('account-disable').click();
    await waitOn(page, row(page, 'wang.kefu').getByTestId('account-status').filter({ hasText: '已停用' }), 'the agent shown disabled');
    await waitOn(page, page.getByTestId('notice').filter({ hasText: '已停用 wang.kefu' }), 'the notice');
    expect((await wang.get('/api/agent/me')).status).toBe(401);
    await row(page, 'wang.kefu').getByTestId('account-enable').click();
    await waitOn(page, row(page, 'wang.kefu').getByTestId('account-status').filter({ hasText: '正常' }), 'the agent shown enabled again');

    expect((await wang.login(AGENT.username, AGENT.password)).status).toBe(200);
    await row(page, 'wang.kefu').getByTestId('account-reset').click();
    await waitOn(page, page.getByTestId('reset-who').filter({ hasText: 'wang.kefu（王客服）' }), 'the reset form for the agent');
    await page.getByTestId('reset-password').fill('woaini1314');
    await page.getByTestId('reset-submit').click();
    await waitOn(page, page.getByTestId('reset-error').filter({ hasText: 'one of the most common passwords' }), 'the rule the weak password breaks');
    expect((await wang.get('/api/agent/me')).status).toBe(200);
    await page.getByTestId('reset-password').fill(NEW_PASSWORD);
    await page.getByTestId('reset-submit').click();
    await waitOn(page, page.getByTestId('notice').filter({ hasText: '已重置 wang.kefu（王客服） 的密码，1 个登录已失效。' }), 'the reset notice');
    await waitOn(page, page.getByTestId('reset-card'), 'the reset form closed', 'hidden');
    expect((await wang.get('/api/agent/me')).status).toBe(401);
    expect((await new AgentClient(bot.base).login(AGENT.username, NEW_PASSWORD)).status).toBe(200);
    expect(await consoleErrors(page)).toEqual([]);
  });
});
