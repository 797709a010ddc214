import type { Page } from 'playwright-core';
import { FakeWeChat, startWeChatApp, type WeChatTestApp } from '../wechat/wechatClient';
import { AdminClient, waitUntil, type VersionView } from '../admin/adminClient';
import {
  ADMIN_WAIT_MS, adminGet, consoleErrors, logInAdmin, openIntent, openTab, sidewaysOverflow, waitOn,
} from '../../browser/adminPage';
import { artifactPath } from '../../browser/chromium';
import { readmeScreenshot } from '../../browser/readmeScreenshot';
import { WatchedPages } from '../../browser/watchedPages';

jest.setTimeout(600_000);

/** A training (cross-validation, then the final model) takes tens of seconds. */
const TRAIN_MS = 240_000;
const ADMIN = { username: 'admin', password: 'correct horse 12', displayName: '管理员', role: 'admin' as const };
const FAQ = 'faq.office_hours';
const ANSWER = '车管所工作时间：周一至周五8:30-17:00。';
const NEW_ANSWER = '车管所工作时间：周一至周五8:30-17:00，周六上午9:00-12:00。';
const UTTERANCES = [
  '你们几点上班', '车管所几点开门', '车管所办公时间是几点', '车管所周末上班吗', '车管所下午几点关门', '车管所中午休息吗',
  '车管所营业时间', '车管所什么时候开门', '你们上班时间是几点到几点', '车管所周六开不开门', '办事大厅几点关门', '窗口几点开始办公',
];
const PARKING = 'faq.parking';
const PARKING_UTTERANCES = [
  '车管所有停车场吗', '去车管所车停哪里', '车管所停车收费吗', '办事大厅附近哪里能停车', '车管所门口能停车吗', '车管所停车位多不多',
  '开车去车管所好停车吗', '车管所的停车场在哪', '车管所停车要钱吗', '车管所停车场几点开',
];

/** The intents (their names) of the elements with this test id. */
const intentsOf = (page: Page, testid: string): Promise<Array<string | null>> => page.getByTestId(testid).evaluateAll(
  (nodes: Array<{ getAttribute(name: string): string | null }>) => nodes.map((n) => n.getAttribute('data-intent')));

interface ConfusionAnswer { examples: Array<{ text: string; expected: string; predicted: string }>; reason?: string }
interface VersionAnswer { version: VersionView; metrics: { confusion: { labels: string[]; matrix: number[][] } } | null }

/**
 * The admin console's model work with one app, trained twice (each training takes tens of seconds): the
 * confusion heat map's cells list their misclassified examples; publishing and rolling back ask first and show
 * what changes (a first publish says plainly that nothing can be compared); saving an FAQ answer says it takes
 * effect after training and publishing; the inbox shows the conversation and why; the audit log reads as sentences.
 */
describe('the admin console: confusion cells, advice, publish and rollback with the diff (real browser)', () => {
  let bot: WeChatTestApp;
  let api: AdminClient;
  const pages = new WatchedPages();
  let admin: Page;
  let v2 = '';

  const versions = async () => (await api.get<{ versions: VersionView[]; liveId: string | null }>('/api/admin/versions')).body;

  /** Starts a training over the API and waits for the version to be ready. */
  async function train(): Promise<string> {
    const started = await api.post<{ version: VersionView }>('/api/admin/train', { folds: 3 });
    expect(started.status).toBe(202);
    const id = started.body.version.id;
    await waitUntil(`version ${started.body.version.number} trained`, async () => {
      const v = (await versions()).versions.find((x) => x.id === id);
      if (v?.status === 'failed') throw new Error(`training failed: ${v.error}`);
      return v?.status === 'ready';
    }, TRAIN_MS);
    return id;
  }

  beforeAll(async () => {
    bot = await startWeChatApp();
    await bot.app.ready;
    await bot.app.agents.create(ADMIN);
    api = new AdminClient(bot.base);
    expect(await api.login(ADMIN.username, ADMIN.password)).toBe(200);
    // A citizen asks what the live model does not know: it waits in the inbox.
    const wx = new FakeWeChat(bot.base);
    await wx.text('o_publish_inbox', '车管所星期天开门不开门啊');
    expect((await api.post('/api/admin/intents', { name: FAQ, description: '车管所办公时间', answers: { 'zh-CN': [ANSWER] } })).status).toBe(201);
    expect((await api.post(`/api/admin/intents/${FAQ}/utterances/bulk`, { texts: UTTERANCES, locale: 'zh-CN', split: 'train' })).status).toBe(201);
    v2 = await train();
    await pages.launch();
    admin = await pages.newPage('admin', 1440, 900);
    await admin.goto(`${bot.base}/admin/`);
    await admin.locator('body[data-ready="true"]').waitFor({ timeout: ADMIN_WAIT_MS });
    await logInAdmin(admin, ADMIN);
  }, TRAIN_MS + 120_000);

  afterAll(async () => {
    await pages.close();
    if (bot) await bot.close();
  });

  afterEach(() => pages.expectNoProblems());

  it('lists the misclassified examples of a clicked confusion cell (expected → predicted)', async () => {
    await openTab(admin, 'train');
    await waitOn(admin, admin.locator(`[data-testid="metrics"][data-version="${v2}"]`), 'the metrics of the trained version');
    const trained = await adminGet<VersionAnswer>(admin, `versions/${v2}`);
    const { labels, matrix } = trained.metrics?.confusion ?? { labels: [], matrix: [] };
    // The busiest mistake: annotated as one intent, predicted as another.
    let worst = { gold: '', predicted: '', n: 0 };
    labels.forEach((gold, i) => labels.forEach((predicted, j) => {
      if (i !== j && matrix[i][j] > worst.n) worst = { gold, predicted, n: matrix[i][j] };
    }));
    expect(worst.n).toBeGreaterThan(0);
    const cell = admin.locator(`[data-testid="confusion-cell"][data-gold="${worst.gold}"][data-predicted="${worst.predicted}"]`);
    expect(await cell.getAttribute('data-count')).toBe(String(worst.n));
    await cell.click();
    const detail = admin.locator(`[data-testid="confusion-detail"][data-expected="${worst.gold}"][data-predicted="${worst.predicted}"][data-loading="false"]`);
    await waitOn(admin, detail, 'the examples of the clicked cell');
    expect(await admin.getByTestId('confusion-detail-title').innerText()).toBe(`标注为 ${worst.gold}、却被预测为 ${worst.predicted} 的 ${worst.n} 条语料`);
    const answer = await adminGet<ConfusionAnswer>(admin,
      `versions/${v2}/confusion?expected=${encodeURIComponent(worst.gold)}&predicted=${encodeURIComponent(worst.predicted)}`);
    expect(answer.examples).toHaveLength(worst.n);
    const shown = await admin.getByTestId('confusion-example').allInnerTexts();
    expect(shown).toHaveLength(worst.n);
    for (const [i, e] of answer.examples.entries()) {
      expect(shown[i]).toContain(e.text);
      expect(shown[i]).toContain(`${worst.gold} → ${worst.predicted}`);
    }
    // 「查找」 finds the sentence among the utterances.
    await admin.getByTestId('confusion-find').first().click();
    await waitOn(admin, admin.locator(`[data-testid="search-result"][data-intent="${worst.gold}"]`), 'the example found by the search');

    // At 200 % zoom the detail fits.
    await openTab(admin, 'train');
    await admin.setViewportSize({ width: 720, height: 450 });
    await cell.scrollIntoViewIfNeeded();
    await cell.click();
    await waitOn(admin, detail, 'the examples at 720 px');
    expect((await sidewaysOverflow(admin, '[data-testid="confusion-detail"], [data-testid="advice-card"]')).outside).toEqual([]);
    await admin.getByTestId('confusion-detail').scrollIntoViewIfNeeded();
    await admin.screenshot({ path: artifactPath('admin-confusion-720.png') });
    await admin.setViewportSize({ width: 1440, height: 900 });
    expect(await consoleErrors(admin)).toEqual([]);
  });

  it('asks before publishing: a first publish says plainly there is nothing to compare; then the diff of a second version', async () => {
    const v1 = (await versions()).liveId;
    await openTab(admin, 'versions');
    const row2 = admin.locator(`[data-testid="version-row"][data-version="${v2}"]`);
    await waitOn(admin, row2, 'the trained version in the list');
    await row2.getByTestId('publish').click();
    const dialog = admin.locator(`[data-testid="publish-dialog"][data-version="${v2}"][data-loading="false"]`);
    await waitOn(admin, dialog, 'the publish confirmation');
    expect(await dialog.getAttribute('data-comparable')).toBe('false');
    expect(await admin.getByTestId('publish-accuracy').innerText()).toMatch(/没有评估结果|无法比较/);
    expect(await intentsOf(admin, 'diff-added')).toEqual([FAQ]);
    // Named as admins read it (its description) with the intent's name in small print.
    expect(await admin.getByTestId('diff-added').innerText()).toMatch(/^车管所办公时间\s*faq\.office_hours$/);
    // Cancel leaves the live version alone; publish again and confirm.
    await admin.getByTestId('publish-cancel').click();
    await waitOn(admin, admin.getByTestId('publish-dialog'), 'the dialog closed', 'hidden');
    expect((await versions()).liveId).toBe(v1);
    await row2.getByTestId('publish').click();
    await waitOn(admin, dialog, 'the publish confirmation again');
    await admin.getByTestId('publish-confirm').click();
    await waitOn(admin, row2.getByTestId('live-badge'), 'the live badge on the published version');
    expect((await versions()).liveId).toBe(v2);

    // A changed FAQ answer: the console says it takes effect after training and publishing.
    await openTab(admin, 'intents');
    await openIntent(admin, FAQ);
    await admin.getByTestId('intent-edit-answers').fill(NEW_ANSWER);
    await admin.getByTestId('intent-save').click();
    await waitOn(admin, admin.locator('[data-testid="notice"]', { hasText: '已保存意图' }), 'the saved notice');
    expect(await admin.getByTestId('notice').innerText()).toMatch(/训练.*发布.*生效/);

    // A new intent, then version 3 trained: its confirmation shows accuracy before → after, per intent, what changed.
    expect((await api.post('/api/admin/intents', { name: PARKING, description: '车管所停车', answers: { 'zh-CN': ['车管所有免费停车场。'] } })).status).toBe(201);
    expect((await api.post(`/api/admin/intents/${PARKING}/utterances/bulk`, { texts: PARKING_UTTERANCES, locale: 'zh-CN', split: 'train' })).status).toBe(201);
    const v3 = await train();
    await openTab(admin, 'versions');
    const row3 = admin.locator(`[data-testid="version-row"][data-version="${v3}"]`);
    await waitOn(admin, row3.getByTestId('publish'), 'the publish button of version 3');
    await row3.getByTestId('publish').click();
    const dialog3 = admin.locator(`[data-testid="publish-dialog"][data-version="${v3}"][data-loading="false"]`);
    await waitOn(admin, dialog3, 'the confirmation of version 3');
    expect(await dialog3.getAttribute('data-comparable')).toBe('true');
    expect(await admin.getByTestId('publish-accuracy').innerText()).toMatch(/^总体准确率：\d+\.\d% → \d+\.\d%（[+-]?\d+\.\d 个百分点）$/);
    const diff = await adminGet<{ perIntent: Array<{ intent: string; before?: number; after?: number }> }>(admin, `versions/${v3}/diff`);
    const moved = diff.perIntent.filter((p) => p.before !== undefined && p.after !== undefined && Math.abs(p.after - p.before) >= 0.0005);
    const drops = moved.filter((p) => (p.after ?? 0) < (p.before ?? 0));
    expect(await admin.getByTestId('diff-intent').count()).toBe(moved.length + diff.perIntent.filter((p) => p.before === undefined || p.after === undefined).length);
    expect(await admin.locator('[data-testid="diff-intent"][data-drop="true"]').count()).toBe(drops.length);
    expect(await intentsOf(admin, 'diff-added')).toEqual([PARKING]);
    const faq = admin.locator(`[data-testid="diff-faq-item"][data-intent="${FAQ}"]`);
    expect(await faq.innerText()).toContain(`之前：${ANSWER}`);
    expect(await faq.innerText()).toContain(`之后：${NEW_ANSWER}`);
    await readmeScreenshot(admin, 'admin-console');
    await admin.setViewportSize({ width: 720, height: 450 });
    expect((await sidewaysOverflow(admin, '[data-testid="publish-dialog"]')).outside).toEqual([]);
    await admin.screenshot({ path: artifactPath('admin-publish-720.png') });
    await admin.setViewportSize({ width: 1440, height: 900 });
    await admin.getByTestId('publish-confirm').click();
    await waitOn(admin, row3.getByTestId('live-badge'), 'version 3 live');

    // Rolling back asks the same way, against the live version 3.
    await row2.getByTestId('rollback').click();
    const back = admin.locator(`[data-testid="publish-dialog"][data-kind="rollback"][data-version="${v2}"][data-loading="false"]`);
    await waitOn(admin, back, 'the rollback confirmation');
    expect(await admin.getByTestId('publish-title').innerText()).toContain('回滚到');
    expect(await intentsOf(admin, 'diff-removed')).toEqual([PARKING]);
    expect(await admin.getByTestId('diff-removed').innerText()).toContain('车管所停车');
    await admin.keyboard.press('Escape');
    await waitOn(admin, admin.getByTestId('publish-dialog'), 'the rollback dialog closed', 'hidden');
    expect((await versions()).liveId).toBe(v3);
    expect(await consoleErrors(admin)).toEqual([]);
  });

  it('reads the inbox in plain words with its conversation, and the audit log as sentences', async () => {
    await openTab(admin, 'inbox');
    const item = admin.getByTestId('inbox-item').first();
    await waitOn(admin, item, 'the misunderstood question in the inbox');
    const reason = await item.getByTestId('inbox-reason').innerText();
    expect(reason).not.toMatch(/None|模型识别为/);
    expect(reason).toMatch(/[\u4e00-\u9fa5]/);
    expect(await item.getByTestId('inbox-citizen-said').innerText()).toContain('车管所星期天开门不开门啊');

    await openTab(admin, 'audit');
    await waitOn(admin, admin.getByTestId('audit-entry'), 'the audit entries');
    const publish = admin.locator('[data-testid="audit-entry"][data-action="nlu.publish"]').first();
    const sentence = await publish.getByTestId('audit-summary').innerText();
    expect(sentence).toMatch(/[\u4e00-\u9fa5]/);
    expect(sentence).not.toMatch(/[{}=]/);
    expect(await consoleErrors(admin)).toEqual([]);
  });
});
