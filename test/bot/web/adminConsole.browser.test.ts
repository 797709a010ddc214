import type { Page } from 'playwright-core';
import { startWeChatApp, type WeChatTestApp } from '../wechat/wechatClient';
import {
  ADMIN_WAIT_MS, addUtterance, adminGet, backgroundColors, consoleErrors, logInAdmin, openTab, pageFetch, submitLogin,
  utteranceItem, waitOn,
} from '../../browser/adminPage';
import { artifactPath } from '../../browser/chromium';
import { WatchedPages } from '../../browser/watchedPages';
import {
  botTextsAfter, findPersona, fullPageScreenshot, openChat, sandboxWechatConfig, say, waitForBot, waitForIdle,
  openMessenger as openCitizenPage, type SandboxWechatConfig,
} from '../../browser/messengerPage';

jest.setTimeout(600_000);

/** Training a version (cross-validation, then the final model) takes tens of seconds. */
const TRAIN_MS = 240_000;
const ADMIN = { username: 'admin', password: 'correct horse 12', displayName: '管理员', role: 'admin' as const };
const AGENT = { username: 'wang.kefu', password: 'another horse 34', displayName: '王客服', role: 'agent' as const };

const QUESTION = '车管所周末上班吗';
const INTENT = 'faq.office_hours';
const DESCRIPTION = '车管所办公时间';
const ANSWER = '车管所工作时间：周一至周五8:30-17:00，周六上午9:00-12:00，周日和法定节假日休息。';
const UTTERANCES = [
  '车管所几点上班', '车管所周末上班吗', '车管所工作时间', '车管所下午几点关门', '办事大厅几点开门', '周六车管所开门吗',
  '车管所中午休息吗', '交警大队几点上班',
];

interface VersionView { id: string; number: number; status: string; intents: string[]; accuracy: number | null; live: boolean }
interface VersionsAnswer { versions: VersionView[]; liveId: string | null }
interface VersionAnswer {
  version: VersionView;
  metrics: { accuracy: number; confusion: { labels: string[]; matrix: number[][] } } | null;
}
interface AuditAnswer { entries: Array<{ action: string; target: unknown; actor: unknown }> }

describe('the NLU admin console in a real browser (sandbox)', () => {
  let bot: WeChatTestApp;
  let base: string;
  const pages = new WatchedPages();
  let wechat: SandboxWechatConfig;

  const newPage = (who: string, width: number, height: number): Promise<Page> => pages.newPage(who, width, height);

  /** The admin console, fresh (no session): it shows the login form. */
  async function openConsole(who = 'admin'): Promise<Page> {
    const page = await newPage(who, 1440, 900);
    const response = await page.goto(`${base}/admin/`);
    expect(response?.status()).toBe(200);
    // The page must work under the strict CSP the server sends (no inline script or style).
    expect(response?.headers()['content-security-policy'] ?? '').toContain("script-src 'self'");
    await page.locator('body[data-ready="true"]').waitFor({ timeout: ADMIN_WAIT_MS });
    await waitOn(page, page.getByTestId('login-username'), 'the login form');
    return page;
  }

  const openMessenger = (): Promise<Page> => openCitizenPage(pages, base, ADMIN_WAIT_MS);

  beforeAll(async () => {
    bot = await startWeChatApp();
    base = bot.base;
    await bot.app.agents.create(ADMIN);
    await bot.app.agents.create(AGENT);
    wechat = await sandboxWechatConfig(base);
    await pages.launch();
  }, 120_000);

  afterAll(async () => {
    await pages.close();
    if (bot) await bot.close();
  });

  afterEach(() => pages.expectNoProblems());

  it('teaches the bot a new FAQ: intent, utterances, training, metrics, publishing; the citizen gets the answer', async () => {
    // 1. The citizen asks something the live model has never heard of: no office hours in the answer.
    const citizen = await openMessenger();
    await openChat(citizen, findPersona(wechat, '新用户'));
    let since = await say(citizen, QUESTION);
    await waitForBot(citizen, since, /\S/);
    await waitForIdle(citizen);
    const before = (await botTextsAfter(citizen, since)).join('\n');
    expect(before).not.toContain('周六上午');
    expect(before).not.toContain('8:30');

    // 2. The admin signs in and creates the FAQ intent with its answer.
    const admin = await openConsole();
    await logInAdmin(admin, ADMIN);
    await waitOn(admin, admin.getByTestId('intents-table').getByTestId('intent-row'), 'the intents table');
    expect(await admin.locator(`[data-testid="intent-row"][data-intent="${INTENT}"]`).count()).toBe(0);
    const intentCount = await admin.getByTestId('intent-row').count();

    await admin.getByTestId('new-intent-name').fill(INTENT);
    await admin.getByTestId('new-intent-description').fill(DESCRIPTION);
    await admin.getByTestId('new-intent-answer').fill(ANSWER);
    await admin.getByTestId('new-intent-create').click();
    const row = admin.locator(`[data-testid="intent-row"][data-intent="${INTENT}"]`);
    await waitOn(admin, row, `the new intent ${INTENT} in the table`);
    expect(await admin.getByTestId('intent-row').count()).toBe(intentCount + 1);
    expect(await row.innerText()).toContain(DESCRIPTION);
    // Creating it opened its (empty) utterance editor.
    await waitOn(admin, admin.locator(`[data-testid="utterance-editor"][data-intent="${INTENT}"]`), 'the utterance editor of the new intent');
    expect(await admin.getByTestId('editor-intent').textContent()).toBe(INTENT);
    expect(await admin.getByTestId('utterances').getByTestId('utterance').count()).toBe(0);

    // Another intent's utterances open on a click of its row; back to the new one the same way.
    const otherName = (await admin.locator(`[data-testid="intent-row"]:not([data-intent="${INTENT}"])`).first().getAttribute('data-intent')) ?? '';
    expect(otherName).not.toBe('');
    await admin.locator(`[data-testid="intent-row"][data-intent="${otherName}"]`).click();
    await waitOn(admin, admin.locator(`[data-testid="utterance-editor"][data-intent="${otherName}"]`), `the editor of ${otherName}`);
    await waitOn(admin, admin.getByTestId('utterances').getByTestId('utterance'), `the utterances of ${otherName}`);
    await row.click();
    await waitOn(admin, admin.locator(`[data-testid="utterance-editor"][data-intent="${INTENT}"]`), 'the editor of the new intent again');

    // The utterances, one by one through the editor.
    for (const text of UTTERANCES) await addUtterance(admin, text, 'zh-CN');
    expect(await admin.getByTestId('utterances').getByTestId('utterance').count()).toBe(UTTERANCES.length);
    for (const text of UTTERANCES) expect(await utteranceItem(admin, text).getAttribute('data-locale')).toBe('zh-CN');
    await waitOn(admin, row.locator('[data-testid="intent-count-train"]', { hasText: String(UTTERANCES.length) }),
      'the training count of the new intent in the table');
    // A duplicate is refused and said so on the page.
    await admin.getByTestId('utterance-input').fill(UTTERANCES[0]);
    await admin.getByTestId('utterance-add').click();
    await waitOn(admin, admin.locator('[data-testid="error"]', { hasText: '已经存在' }), 'the error line for a duplicate utterance (409)');
    expect(await admin.getByTestId('utterances').getByTestId('utterance').count()).toBe(UTTERANCES.length);
    await admin.getByTestId('error').locator('button').first().click();
    await admin.getByTestId('utterance-input').fill('');
    expect(await consoleErrors(admin)).toEqual([]);

    // The misunderstood question from step 1 may wait in the inbox; the tab renders either way.
    await openTab(admin, 'inbox');
    await waitOn(admin, admin.getByTestId('inbox-group').or(admin.getByTestId('inbox-empty')), 'the inbox (groups or empty)');

    // 3. Train with 3 folds; the progress bar follows the server's events up to 100%, then the metrics show.
    await openTab(admin, 'train');
    await admin.getByTestId('train-folds').fill('3');
    await admin.getByTestId('train').click();
    const progress = admin.getByTestId('train-progress');
    await waitOn(admin, admin.locator('[data-testid="train-progress"][data-version]'), 'the progress bar of the new version');
    const versionId = (await progress.getAttribute('data-version')) ?? '';
    expect(versionId).not.toBe('');
    await waitOn(admin, admin.locator(`[data-testid="train-progress"][data-version="${versionId}"][data-status="ready"][data-percent="100"]`),
      'the training finished (100%)', 'visible', TRAIN_MS);
    expect(await progress.innerText()).toContain('100%');
    const metrics = admin.locator(`[data-testid="metrics"][data-version="${versionId}"]`);
    await waitOn(admin, metrics, 'the metrics of the new version');
    expect(await admin.getByTestId('metrics-accuracy').innerText()).toMatch(/^\d{1,3}(\.\d)?%$/);
    await waitOn(admin, admin.locator(`[data-testid="metrics-table"] [data-testid="metrics-row"][data-intent="${INTENT}"]`),
      `the per-intent metrics of ${INTENT}`);
    const trained = await adminGet<VersionAnswer>(admin, `versions/${encodeURIComponent(versionId)}`);
    expect(trained.version.status).toBe('ready');
    expect(trained.version.intents).toContain(INTENT);
    expect(trained.metrics).not.toBeNull();
    // The heat map: a row per intent at least, a cell per (gold, predicted) pair, coloured where it counts.
    const rows = admin.getByTestId('confusion').getByTestId('confusion-row');
    expect(await rows.count()).toBeGreaterThanOrEqual(trained.version.intents.length);
    expect(await rows.count()).toBe(trained.metrics?.confusion.labels.length);
    const labels = trained.metrics?.confusion.labels ?? [];
    expect(await admin.getByTestId('confusion').getByTestId('confusion-cell').count()).toBe(labels.length * labels.length);
    const diagonal = admin.locator(`[data-testid="confusion-cell"][data-gold="${INTENT}"][data-predicted="${INTENT}"]`);
    const hits = Number(await diagonal.getAttribute('data-count'));
    const goldRow = labels.indexOf(INTENT);
    expect(hits).toBe(trained.metrics?.confusion.matrix[goldRow][goldRow]);
    expect(await diagonal.getAttribute('title')).toContain(`${hits} 条`);
    const coloured = (await backgroundColors(admin.locator('[data-testid="confusion-cell"]:not([data-count="0"])'))).filter((c) => c !== '');
    expect(coloured.length).toBeGreaterThan(0);
    expect(await consoleErrors(admin)).toEqual([]);
    await fullPageScreenshot(admin, artifactPath('admin-metrics.png'), 1440);

    // 4. Publish it: the live baseline has no cross-validation accuracy, so the gate lets it pass (force otherwise).
    await admin.setViewportSize({ width: 1440, height: 900 });
    await openTab(admin, 'versions');
    const versionRow = admin.locator(`[data-testid="version-row"][data-version="${versionId}"]`);
    await waitOn(admin, admin.locator(`[data-testid="version-row"][data-version="${versionId}"][data-status="ready"]`), 'the new version, ready');
    const liveBefore = await adminGet<VersionsAnswer>(admin, 'versions');
    expect(liveBefore.liveId).not.toBe(versionId);
    expect(await versionRow.getByTestId('live-badge').count()).toBe(0);
    await versionRow.getByTestId('publish').click();
    // Publishing asks first, with what changes against the live version.
    await waitOn(admin, admin.locator(`[data-testid="publish-dialog"][data-version="${versionId}"][data-loading="false"]`), 'the publish confirmation');
    expect(await admin.getByTestId('diff-added').evaluateAll(
      (nodes: Array<{ getAttribute(name: string): string | null }>) => nodes.map((n) => n.getAttribute('data-intent')))).toContain(INTENT);
    expect(await admin.getByTestId('diff-added').allInnerTexts()).toContainEqual(expect.stringContaining(DESCRIPTION));
    await admin.getByTestId('publish-confirm').click();
    const badge = versionRow.getByTestId('live-badge');
    await waitOn(admin, badge.or(admin.getByTestId('force-dialog')), 'the live badge or the force-publish dialog');
    if (await admin.getByTestId('force-dialog').isVisible()) {
      await admin.getByTestId('force-reason').fill('新增车管所办公时间问答，线上基线没有评估数据');
      await admin.getByTestId('force-publish').click();
    }
    await waitOn(admin, badge, 'the live badge on the new version');
    expect(await admin.getByTestId('live-badge').count()).toBe(1);
    expect(await versionRow.getAttribute('data-live')).toBe('true');
    await waitOn(admin, admin.locator(`[data-testid="live-version"][data-version="${versionId}"]`), 'the header naming the new live version');
    expect((await adminGet<VersionsAnswer>(admin, 'versions')).liveId).toBe(versionId);
    expect(await consoleErrors(admin)).toEqual([]);
    await fullPageScreenshot(admin, artifactPath('admin-published.png'), 1440);

    // 5. The test box (live model) now knows the question.
    await admin.setViewportSize({ width: 1440, height: 900 });
    await openTab(admin, 'test');
    await admin.getByTestId('test-input').fill(QUESTION);
    await admin.getByTestId('test-run').click();
    await waitOn(admin, admin.locator(`[data-testid="test-result"][data-intent="${INTENT}"]`), `the test result naming ${INTENT}`);
    expect(await admin.getByTestId('test-intent').textContent()).toBe(INTENT);
    expect(await admin.getByTestId('test-score').textContent()).toMatch(/^\d{1,3}(\.\d)?%$/);
    expect(await admin.getByTestId('test-entities').isVisible()).toBe(true);

    // 6. The citizen asks again and gets the answer.
    since = await say(citizen, QUESTION);
    const answer = await waitForBot(citizen, since, /周六上午/);
    expect(answer).toContain('周一至周五');
    await waitForIdle(citizen);
    expect(await citizen.getByTestId('error-message').count()).toBe(0);

    // 7. The audit log lists what the admin did.
    await openTab(admin, 'audit');
    await waitOn(admin, admin.getByTestId('audit-entry'), 'the audit entries');
    const actions = await admin.getByTestId('audit-entry').evaluateAll(
      (nodes: Array<{ getAttribute(name: string): string | null }>) => nodes.map((n) => n.getAttribute('data-action') ?? ''));
    const shownAudit = await admin.getByTestId('audit').innerText();
    const why = `audit actions: ${JSON.stringify(actions)}`;
    expect({ why, ok: actions.some((a) => /intent/i.test(a) && /create|add/i.test(a)) }).toEqual({ why, ok: true });
    expect({ why, ok: actions.filter((a) => /utterance/i.test(a)).length >= UTTERANCES.length }).toEqual({ why, ok: true });
    expect({ why, ok: actions.some((a) => /train/i.test(a)) }).toEqual({ why, ok: true });
    expect({ why, ok: actions.some((a) => /publish/i.test(a)) }).toEqual({ why, ok: true });
    // In words: the intent by its description (车管所办公时间), the example added, the version published.
    expect(shownAudit).toContain(`新建了意图「${DESCRIPTION}」`);
    expect(shownAudit).toContain(`给意图「${DESCRIPTION}」添加了例句「${UTTERANCES[0]}」`);
    expect(shownAudit).toMatch(/发布了第 \d+ 版模型/);
    const audit = await adminGet<AuditAnswer>(admin, 'audit?limit=50');
    expect(await admin.getByTestId('audit-entry').count()).toBe(audit.entries.length);
    expect(await consoleErrors(admin)).toEqual([]);
  });

  it('refuses a plain agent: 403 from the admin API, and the page says the admin role is needed', async () => {
    const page = await openConsole('agent');
    expect((await pageFetch(page, '/api/admin/intents')).status).toBe(401);

    await submitLogin(page, AGENT.username, AGENT.password);
    await waitOn(page, page.getByTestId('forbidden'), 'the message that the admin role is needed');
    expect(await page.getByTestId('forbidden').innerText()).toMatch(/管理员/);
    expect(await page.getByTestId('console-view').isVisible()).toBe(false);
    // The agent is signed in (the agent API answers), but the admin API refuses the session.
    expect((await pageFetch(page, '/api/agent/me')).status).toBe(200);
    expect((await pageFetch(page, '/api/admin/intents')).status).toBe(403);
    expect((await pageFetch(page, '/api/admin/versions')).status).toBe(403);
    await page.screenshot({ path: artifactPath('admin-forbidden.png') });
  });
});
