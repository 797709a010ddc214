import type { Page } from 'playwright-core';
import { startWeChatApp, type WeChatTestApp } from '../wechat/wechatClient';
import {
  ADMIN_WAIT_MS, adminGet, consoleErrors, logInAdmin, openIntent, sidewaysOverflow, utteranceItem, waitOn,
} from '../../browser/adminPage';
import { artifactPath } from '../../browser/chromium';
import { WatchedPages } from '../../browser/watchedPages';

jest.setTimeout(300_000);

const ADMIN = { username: 'admin', password: 'correct horse 12', displayName: '管理员', role: 'admin' as const };
const INTENT = 'exam.book';

interface Example { id: number; intent: string; text: string; locale: string; split: string }
interface IntentView { name: string; train: number; test: number }

/**
 * The admin console's work on examples, no training needed: the search across every intent (None included),
 * one count per intent everywhere, pasting many examples (checked first: new, duplicate, near-identical to
 * another intent's, not usable), the warning before saving one near-identical example, delete with undo; and the
 * same panels at 200 % zoom (720×450 CSS px).
 */
describe('the admin console: search, bulk paste, near-duplicates, undo (real browser)', () => {
  let bot: WeChatTestApp;
  let base: string;
  const pages = new WatchedPages();
  let admin: Page;

  beforeAll(async () => {
    bot = await startWeChatApp();
    base = bot.base;
    await bot.app.agents.create(ADMIN);
    await pages.launch();
    admin = await pages.newPage('admin', 1440, 900);
    await admin.goto(`${base}/admin/`);
    await admin.locator('body[data-ready="true"]').waitFor({ timeout: ADMIN_WAIT_MS });
    await logInAdmin(admin, ADMIN);
    await waitOn(admin, admin.getByTestId('intents-table').getByTestId('intent-row'), 'the intents table');
  }, 120_000);

  afterAll(async () => {
    await pages.close();
    if (bot) await bot.close();
  });

  afterEach(() => pages.expectNoProblems());

  const intentRow = (name: string) => admin.locator(`[data-testid="intent-row"][data-intent="${name}"]`);

  it('finds an example of None by a fragment, says training or test, and counts agree with the list and the editor', async () => {
    const api = await adminGet<{ utterances: Example[]; total: number }>(admin, `utterances?q=${encodeURIComponent('公积金')}&limit=1000`);
    expect(api.utterances.some((u) => u.intent === 'None')).toBe(true);

    await admin.getByTestId('search-input').fill('公积金');
    await admin.getByTestId('search-run').click();
    const none = admin.locator('[data-testid="search-result"][data-intent="None"]');
    await waitOn(admin, none, 'a None example among the search results');
    expect(await admin.getByTestId('search-summary').getAttribute('data-total')).toBe(String(api.total));
    expect(await admin.getByTestId('search-summary').innerText()).toContain(`找到 ${api.total} 条`);
    const first = none.first();
    expect(await first.getByTestId('search-text').innerText()).toContain('公积金');
    expect(await first.locator('mark').first().innerText()).toBe('公积金');
    const split = await first.getAttribute('data-split');
    expect(await first.getByTestId('search-split-label').innerText()).toBe(split === 'test' ? '测试集' : '训练集');

    // Only the test examples: every result says so.
    await admin.getByTestId('search-split').selectOption('test');
    await waitOn(admin, admin.locator('[data-testid="search-results"][data-loading="false"]'), 'the test-only results', 'attached');
    const testOnly = await adminGet<{ total: number }>(admin, `utterances?q=${encodeURIComponent('公积金')}&split=test`);
    expect(await admin.getByTestId('search-summary').getAttribute('data-total')).toBe(String(testOnly.total));
    for (const label of await admin.getByTestId('search-split-label').allInnerTexts()) expect(label).toBe('测试集');
    await admin.getByTestId('search-split').selectOption('');

    // A click on the intent opens it; the list, the editor and the API give the same training and test counts.
    await first.getByTestId('search-intent').click();
    await waitOn(admin, admin.locator('[data-testid="utterance-editor"][data-intent="None"]'), 'the editor of None');
    const intents = await adminGet<{ intents: IntentView[] }>(admin, 'intents');
    const noneCounts = intents.intents.find((i) => i.name === 'None');
    expect(noneCounts).toBeDefined();
    expect(await intentRow('None').getByTestId('intent-count-train').innerText()).toBe(String(noneCounts?.train));
    expect(await intentRow('None').getByTestId('intent-count-test').innerText()).toBe(String(noneCounts?.test));
    expect(await admin.getByTestId('utterance-splits').innerText()).toBe(`训练集 ${noneCounts?.train} 条 · 测试集 ${noneCounts?.test} 条`);
    const trainOfNone = await adminGet<{ total: number }>(admin, 'utterances?intent=None&split=train');
    expect(trainOfNone.total).toBe(noneCounts?.train);
    expect(await consoleErrors(admin)).toEqual([]);
  });

  it('checks pasted lines before saving (new, duplicate, near-identical to another intent, unusable) and adds the ticked ones', async () => {
    await openIntent(admin, INTENT);
    const own = (await adminGet<{ utterances: Example[] }>(admin, `utterances?intent=${INTENT}&split=train&locale=zh-CN`)).utterances[0];
    const none = (await adminGet<{ utterances: Example[] }>(admin, `utterances?q=${encodeURIComponent('社保怎么交')}&intent=None`)).utterances[0];
    expect(own && none).toBeTruthy();
    const fresh = '麻烦帮我约一下下下周六的科目四考试谢谢啦';
    const near = `${none.text}呀`;
    const before = (await adminGet<{ intents: IntentView[] }>(admin, 'intents')).intents.find((i) => i.name === INTENT);

    await admin.getByTestId('bulk-open').click();
    await admin.getByTestId('bulk-input').fill([fresh, own.text, near, '？？？', ''].join('\n'));
    await admin.getByTestId('bulk-check').click();
    await waitOn(admin, admin.getByTestId('bulk-line'), 'the checked lines');
    const statuses = await admin.getByTestId('bulk-line').evaluateAll(
      (nodes: Array<{ getAttribute(n: string): string | null }>) => nodes.map((n) => n.getAttribute('data-status')));
    expect(statuses).toEqual(['new', 'duplicate', 'near', 'invalid']);
    const nearLine = admin.locator('[data-testid="bulk-line"][data-status="near"]');
    // The near-identical line names the other intent and its example, and is not ticked.
    expect(await nearLine.getByTestId('bulk-detail').innerText()).toContain(`「None」的「${none.text}」`);
    expect(await nearLine.getByTestId('bulk-pick').isChecked()).toBe(false);
    expect(await admin.locator('[data-testid="bulk-line"][data-status="duplicate"]').getByTestId('bulk-status').innerText()).toBe('已经有了');
    expect(await admin.locator('[data-testid="bulk-line"][data-status="duplicate"]').getByTestId('bulk-pick').isDisabled()).toBe(true);
    expect(await admin.getByTestId('bulk-summary').innerText()).toContain('1 条新语料');
    // Nothing was saved by the check.
    expect((await adminGet<{ total: number }>(admin, `utterances?intent=${INTENT}&split=train`)).total).toBe(before?.train);
    await admin.screenshot({ path: artifactPath('admin-bulk-check.png') });

    expect(await admin.getByTestId('bulk-save').innerText()).toBe('添加选中的 1 条');
    await admin.getByTestId('bulk-save').click();
    await waitOn(admin, admin.locator('[data-testid="bulk-line"][data-status="added"]'), 'the added line');
    expect(await admin.getByTestId('bulk-summary').innerText()).toMatch(/已添加 1 条，跳过 3 条。.*发布/);
    await waitOn(admin, utteranceItem(admin, fresh), 'the pasted example in the editor');
    await waitOn(admin, intentRow(INTENT).locator('[data-testid="intent-count-train"]', { hasText: String((before?.train ?? 0) + 1) }),
      'the training count of the intent, one more');
    expect(await utteranceItem(admin, near).count()).toBe(0);
    expect(await consoleErrors(admin)).toEqual([]);
  });

  it('flags one example near-identical to another intent before saving it; deleting it offers undo', async () => {
    await openIntent(admin, INTENT);
    const none = (await adminGet<{ utterances: Example[] }>(admin, `utterances?q=${encodeURIComponent('公积金贷款')}&intent=None`)).utterances[0];
    const text = `${none.text}啊`;
    await admin.getByTestId('utterance-input').fill(text);
    await admin.getByTestId('utterance-add').click();
    await waitOn(admin, admin.getByTestId('similar-warning'), 'the near-duplicate warning');
    expect(await admin.getByTestId('similar-list').innerText()).toContain(none.text);
    expect(await admin.locator('[data-testid="similar-match"][data-intent="None"]').count()).toBeGreaterThan(0);
    expect(await utteranceItem(admin, text).count()).toBe(0);
    // 「不添加」 leaves it unsaved; asked again, 「仍然添加」 saves it.
    await admin.getByTestId('similar-cancel').click();
    await waitOn(admin, admin.getByTestId('similar-warning'), 'the warning gone', 'hidden');
    expect(await utteranceItem(admin, text).count()).toBe(0);
    await admin.getByTestId('utterance-add').click();
    await waitOn(admin, admin.getByTestId('similar-warning'), 'the near-duplicate warning again');
    await admin.getByTestId('similar-confirm').click();
    await waitOn(admin, utteranceItem(admin, text), 'the example added after the confirmation');

    // Delete it: gone at once, with 「撤销」 offered; the undo brings it back (audited as a restore).
    await utteranceItem(admin, text).getByTestId('utterance-delete').click();
    await waitOn(admin, admin.getByTestId('toast'), 'the undo toast');
    expect(await admin.getByTestId('toast-text').innerText()).toBe(`已删除「${text}」`);
    await waitOn(admin, utteranceItem(admin, text), 'the deleted example gone', 'hidden');
    expect((await adminGet<{ total: number }>(admin, `utterances?intent=${INTENT}&q=${encodeURIComponent(text)}`)).total).toBe(0);
    await admin.setViewportSize({ width: 720, height: 450 });
    const narrow = await sidewaysOverflow(admin, '[data-testid="toast"]');
    expect(narrow.outside).toEqual([]);
    await admin.getByTestId('toast-undo').click();
    await waitOn(admin, utteranceItem(admin, text), 'the example back after the undo');
    await waitOn(admin, admin.getByTestId('toast'), 'the toast gone', 'hidden');
    expect(await admin.getByTestId('notice').innerText()).toContain('已恢复');
    const audit = await adminGet<{ entries: Array<{ action: string }> }>(admin, 'audit?limit=5');
    expect(audit.entries.map((e) => e.action)).toContain('nlu.utterance.restore');
    await admin.setViewportSize({ width: 1440, height: 900 });
    expect(await consoleErrors(admin)).toEqual([]);
  });

  it('fits a laptop at 200 % zoom (720×450): the search, the editor with its bulk check, nothing sideways', async () => {
    await admin.setViewportSize({ width: 720, height: 450 });
    await admin.getByTestId('search-input').fill('公积金');
    await admin.getByTestId('search-run').click();
    await waitOn(admin, admin.locator('[data-testid="search-result"][data-intent="None"]'), 'the search results at 720 px');
    await admin.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await admin.screenshot({ path: artifactPath('admin-search-720.png') });
    await openIntent(admin, INTENT);
    if (!(await admin.getByTestId('bulk-input').isVisible())) await admin.getByTestId('bulk-open').click();
    await admin.getByTestId('bulk-input').fill('周末可以考科目一吗有没有名额呀\n社保怎么交');
    await admin.getByTestId('bulk-check').click();
    await waitOn(admin, admin.getByTestId('bulk-line'), 'the checked lines at 720 px');
    const overflow = await sidewaysOverflow(admin, '[data-testid="panel-intents"]');
    expect(overflow.outside).toEqual([]);
    expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.width);
    expect(await sidewaysOverflow(admin, '.topbar, .tabs')).toMatchObject({ outside: [] });
    await admin.getByTestId('bulk-line').first().scrollIntoViewIfNeeded();
    await admin.screenshot({ path: artifactPath('admin-examples-720.png') });
    await admin.setViewportSize({ width: 1440, height: 900 });
  });
});
