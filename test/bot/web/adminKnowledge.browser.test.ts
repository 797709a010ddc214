import type { Page } from 'playwright-core';
import { FakeWeChat, startWeChatApp, type WeChatTestApp } from '../wechat/wechatClient';
import { ADMIN_WAIT_MS, adminGet, consoleErrors, logInAdmin, waitOn } from '../../browser/adminPage';
import { artifactPath } from '../../browser/chromium';
import { fullPageScreenshot } from '../../browser/messengerPage';
import { WatchedPages } from '../../browser/watchedPages';

jest.setTimeout(300_000);

const ADMIN = { username: 'admin', password: 'correct horse 12', displayName: '管理员', role: 'admin' as const };
const RED_LIGHT = 'points.red-light';
const QUESTION = '闯红灯扣几分';
const ADDED = '记满12分的，要参加满分学习和考试。';
/** Rule questions no card answers (the NLU takes them to the knowledge answerer): one group of unanswered questions. */
const UNANSWERED = ['高速上最低速度是多少', '高速公路最低速度是多少'];
const NEW_CARD = 'rules.highway-minimum-speed';

interface CardAnswer { card: { answer: Record<string, string>; cites: Array<{ law: string; article: number; item?: number }>; questions: Record<string, string[]> }; state: string }
interface Overview { live: { number: number } | null; cards: Array<{ id: string; state: string }> }

/** The admin console's knowledge tab (知识库): cards, test box, editor, publish and rollback, unanswered questions. */
describe('the knowledge base in the admin console, in a real browser', () => {
  let bot: WeChatTestApp;
  let base: string;
  let admin: Page;
  const pages = new WatchedPages();

  const card = (id: string) => admin.locator(`[data-testid="k-card"][data-id="${id}"]`);
  const editorOf = (id: string) => admin.locator(`[data-testid="knowledge-editor"][data-card="${id}"][data-loading="false"]`);

  async function openKnowledge(): Promise<void> {
    await admin.getByTestId('tab-knowledge').click();
    await waitOn(admin, admin.locator('body[data-tab="knowledge"]'), 'the knowledge tab', 'attached');
    await waitOn(admin, admin.getByTestId('panel-knowledge'), 'the knowledge panel');
  }

  /** Asks the test box; waits for its answer from that source. */
  async function askBox(text: string, source: 'live' | 'draft'): Promise<void> {
    await admin.getByTestId('kt-input').fill(text);
    await admin.getByTestId('kt-source').selectOption(source);
    await admin.getByTestId('kt-result').evaluate((n: { removeAttribute(name: string): void }) => n.removeAttribute('data-source'));
    await admin.getByTestId('kt-run').click();
    await waitOn(admin, admin.locator(`[data-testid="kt-result"][data-source="${source}"]`), `the test box's answer (${source})`);
  }

  beforeAll(async () => {
    bot = await startWeChatApp();
    base = bot.base;
    await bot.app.ready;
    await bot.app.agents.create(ADMIN);
    await pages.launch();
    admin = await pages.newPage('admin', 1440, 900);
    await admin.goto(`${base}/admin/#knowledge`);
    await admin.locator('body[data-ready="true"]').waitFor({ timeout: ADMIN_WAIT_MS });
    await logInAdmin(admin, ADMIN);
  }, 120_000);

  afterAll(async () => {
    await pages.close();
    if (bot) await bot.close();
  });

  afterEach(() => pages.expectNoProblems());

  it('lists the cards by topic, answers the test box, edits a card, publishes it and rolls back', async () => {
    await openKnowledge();
    await waitOn(admin, card(RED_LIGHT), 'the red-light card in the list');
    await waitOn(admin, admin.locator('[data-testid="k-live"][data-number="1"]'), 'live version 1');
    expect(await admin.getByTestId('k-draft').isVisible()).toBe(false);
    expect(await card(RED_LIGHT).getAttribute('data-state')).toBe('live');
    expect(await admin.locator('[data-testid="k-topic"][data-topic="points"]').getByTestId('k-card').count()).toBeGreaterThan(20);
    expect(await admin.getByTestId('k-topic').count()).toBeGreaterThanOrEqual(5);
    const total = await admin.getByTestId('k-card').count();
    expect(await admin.getByTestId('k-total').innerText()).toBe(String(total));

    // The filter narrows the list to the cards whose title, id or topic has the words.
    await admin.getByTestId('k-filter').fill('闯红灯');
    await waitOn(admin, admin.locator('[data-testid="k-topic"]').first(), 'the filtered list');
    const filtered = await admin.getByTestId('k-card').count();
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThan(total);
    expect(await card(RED_LIGHT).isVisible()).toBe(true);
    await admin.getByTestId('k-filter').fill('');

    // The test box: which card answers, how sure, why (the matched terms), the runners-up.
    await askBox(QUESTION, 'live');
    expect(await admin.getByTestId('kt-result').getAttribute('data-card')).toBe(RED_LIGHT);
    expect(await admin.getByTestId('kt-card').innerText()).toBe(RED_LIGHT);
    expect(await admin.getByTestId('kt-confidence').innerText()).toMatch(/^\d{1,3}(\.\d)?%$/);
    expect(await admin.getByTestId('kt-term').count()).toBeGreaterThan(0);
    expect(await admin.getByTestId('kt-rank').count()).toBeGreaterThan(0);
    expect(await admin.getByTestId('kt-answer').innerText()).toContain('6分');
    expect(await admin.getByTestId('kt-citation').innerText()).toContain('第十条');

    // The editor: the card's fields, its cited article shown with the cited item marked.
    await card(RED_LIGHT).click();
    await waitOn(admin, editorOf(RED_LIGHT), 'the editor of the red-light card');
    expect(await admin.getByTestId('ke-id').inputValue()).toBe(RED_LIGHT);
    const answer = await admin.getByTestId('ke-answer-zh').inputValue();
    expect(answer).toContain('6分');
    expect(await admin.getByTestId('ke-questions-zh').inputValue()).toContain(QUESTION);
    await waitOn(admin, admin.getByTestId('ke-article-cited'), 'the cited item of the article');
    expect(await admin.getByTestId('ke-article-citation').innerText()).toContain('第十条');
    expect(await admin.getByTestId('ke-article-cited').innerText()).toContain('交通信号灯');
    expect(await admin.getByTestId('ke-state').getAttribute('data-state')).toBe('live');
    await fullPageScreenshot(admin, artifactPath('admin-knowledge.png'), 1440);
    await admin.setViewportSize({ width: 1440, height: 900 });

    // Edit the answer and save: the card is 'changed', the draft differs from the live version.
    await admin.getByTestId('ke-answer-zh').fill(`${answer}\n${ADDED}`);
    await admin.getByTestId('ke-save').click();
    await waitOn(admin, admin.getByTestId('notice').filter({ hasText: `已保存卡片 ${RED_LIGHT}` }), 'the saved notice');
    await waitOn(admin, admin.locator(`[data-testid="k-card"][data-id="${RED_LIGHT}"][data-state="changed"]`), 'the card marked changed');
    await waitOn(admin, admin.getByTestId('k-draft'), 'the banner: the draft differs');
    expect(await admin.getByTestId('k-draft-text').innerText()).toContain('已修改 1 张');
    expect(await admin.getByTestId('ke-state').getAttribute('data-state')).toBe('changed');
    expect((await adminGet<CardAnswer>(admin, `knowledge/cards/${RED_LIGHT}`)).card.answer['zh-CN']).toBe(`${answer}\n${ADDED}`);
    await askBox(QUESTION, 'draft');
    expect(await admin.getByTestId('kt-answer').innerText()).toContain(ADDED);
    await askBox(QUESTION, 'live');
    expect(await admin.getByTestId('kt-answer').innerText()).not.toContain(ADDED);

    // Publish with a note: live version 2, the test box on live gives the new answer.
    await admin.getByTestId('k-publish').click();
    await waitOn(admin, admin.getByTestId('kp-dialog'), 'the publish dialog');
    await admin.getByTestId('kp-submit').click();
    await waitOn(admin, admin.getByTestId('kp-error').filter({ hasText: '发布说明' }), 'the note asked for');
    await admin.getByTestId('kp-note').fill('闯红灯卡片补充满分学习');
    await admin.getByTestId('kp-submit').click();
    await waitOn(admin, admin.locator('[data-testid="k-live"][data-number="2"]'), 'live version 2');
    await waitOn(admin, admin.getByTestId('kp-dialog'), 'the dialog closed', 'hidden');
    await waitOn(admin, admin.getByTestId('k-draft'), 'the banner gone', 'hidden');
    await waitOn(admin, admin.locator(`[data-testid="k-card"][data-id="${RED_LIGHT}"][data-state="live"]`), 'the card live again');
    await waitOn(admin, admin.locator('[data-testid="k-version"][data-number="2"][data-live="true"]'), 'version 2 live in the list');
    await askBox(QUESTION, 'live');
    expect(await admin.getByTestId('kt-answer').innerText()).toContain(ADDED);
    expect((await adminGet<Overview>(admin, 'knowledge')).live?.number).toBe(2);

    // Roll back to version 1: the old answer again; the draft keeps the edit ('changed' against version 1).
    await admin.locator('[data-testid="k-version"][data-number="1"]').getByTestId('k-make-live').click();
    await waitOn(admin, admin.locator('[data-testid="k-live"][data-number="1"]'), 'live version 1 again');
    await waitOn(admin, admin.locator('[data-testid="k-version"][data-number="1"][data-live="true"]'), 'version 1 live in the list');
    await waitOn(admin, admin.locator(`[data-testid="k-card"][data-id="${RED_LIGHT}"][data-state="changed"]`), 'the card changed against version 1');
    await askBox(QUESTION, 'live');
    expect(await admin.getByTestId('kt-answer').innerText()).not.toContain(ADDED);
    expect(await admin.getByTestId('kt-answer').innerText()).toContain('6分');

    // A citation of an article that does not exist: the preview says so, saving shows the problem and saves nothing.
    await admin.getByTestId('ke-cite-article').first().fill('999');
    await waitOn(admin, admin.locator('[data-testid="ke-article"][data-missing="true"]'), 'the preview: no article 999');
    await admin.getByTestId('ke-answer-zh').fill(`${answer}\n不该被保存的一行。`);
    await admin.getByTestId('ke-save').click();
    const problem = admin.locator('[data-testid="ke-problem"][data-field="cites"]');
    await waitOn(admin, problem, 'the problem next to the citations');
    expect(await problem.innerText()).toContain('没有第 999 条');
    expect(await problem.locator('[data-code="UNKNOWN_ARTICLE"]').count()).toBe(1);
    expect(await admin.getByTestId('ke-cite').first().getAttribute('class')).toContain('invalid');
    expect(await admin.getByTestId('ke-problems').innerText()).toContain('没有保存');
    const stored = await adminGet<CardAnswer>(admin, `knowledge/cards/${RED_LIGHT}`);
    expect(stored.card.cites).toEqual([{ law: 'points-scoring-measures-2022', article: 10, item: 8 }]);
    expect(stored.card.answer['zh-CN']).toBe(`${answer}\n${ADDED}`);
    await admin.screenshot({ path: artifactPath('admin-knowledge-problem.png') });
    expect(await consoleErrors(admin)).toEqual([]);
  });

  it('turns a group of unanswered questions into a card: the editor opens with their texts, saving files them', async () => {
    const wx = new FakeWeChat(base);
    for (const [i, text] of UNANSWERED.entries()) expect((await wx.text(`o_kb_${i}`, text)).status).toBe(200);
    await admin.getByTestId('ku-refresh').click();
    const group = admin.locator('[data-testid="ku-group"]', { has: admin.getByTestId('ku-item').nth(1) });
    await waitOn(admin, group, 'the group of two unanswered questions');
    expect((await group.getByTestId('ku-text').allInnerTexts()).sort()).toEqual([...UNANSWERED].sort());
    await group.getByTestId('ku-make-card').click();
    await waitOn(admin, admin.locator('[data-testid="knowledge-editor"][data-mode="inbox"]'), 'the editor, prefilled from the group');
    expect(await admin.getByTestId('ke-id').inputValue()).toBe('');
    expect((await admin.getByTestId('ke-questions-zh').inputValue()).split('\n').sort()).toEqual([...UNANSWERED].sort());

    // Saving without an id is refused next to the field.
    await admin.getByTestId('ke-save').click();
    await waitOn(admin, admin.locator('[data-testid="ke-problem"][data-field="id"]'), 'the id asked for');

    await admin.getByTestId('ke-id').fill(NEW_CARD);
    await admin.getByTestId('ke-topic').fill('rules');
    await admin.getByTestId('ke-title-zh').fill('高速公路最低车速是多少');
    await admin.getByTestId('ke-title-en').fill('Minimum speed on expressways');
    await admin.getByTestId('ke-questions-zh').fill([...UNANSWERED, '高速最低车速'].join('\n'));
    await admin.getByTestId('ke-questions-en').fill('minimum speed on the expressway');
    await admin.getByTestId('ke-answer-zh').fill('高速公路最低车速不得低于每小时60公里。\n按车道和限速标志标明的车速行驶。');
    await admin.getByTestId('ke-answer-en').fill('On expressways the minimum speed is 60 km/h.\nFollow the speeds signed for each lane.');
    await admin.getByTestId('ke-cite-law').first().selectOption('road-traffic-safety-law-implementing-regulations');
    await admin.getByTestId('ke-cite-article').first().fill('78');
    await waitOn(admin, admin.locator('[data-testid="ke-article"][data-article="road-traffic-safety-law-implementing-regulations:78"]'), 'article 78 previewed');
    expect(await admin.getByTestId('ke-article').innerText()).toContain('最低车速不得低于每小时60公里');
    await admin.screenshot({ path: artifactPath('admin-knowledge-unanswered.png') });
    await admin.getByTestId('ke-save').click();
    await waitOn(admin, admin.getByTestId('notice').filter({ hasText: `新建卡片 ${NEW_CARD}` }), 'the notice of the new card');
    await waitOn(admin, editorOf(NEW_CARD), 'the editor on the new card');
    await waitOn(admin, admin.locator(`[data-testid="k-card"][data-id="${NEW_CARD}"][data-state="new"]`), 'the new card in the list');
    await waitOn(admin, admin.getByTestId('ku-empty'), 'no unanswered question left');
    expect(await admin.getByTestId('ku-group').count()).toBe(0);
    const made = await adminGet<CardAnswer>(admin, `knowledge/cards/${NEW_CARD}`);
    expect(made.state).toBe('new');
    expect(made.card.questions['zh-CN']).toEqual(expect.arrayContaining(UNANSWERED));
    expect(made.card.cites).toEqual([{ law: 'road-traffic-safety-law-implementing-regulations', article: 78 }]);
    expect((await adminGet<{ groups: unknown[] }>(admin, 'knowledge/unanswered')).groups).toEqual([]);
    // The draft answers the question now.
    await askBox(UNANSWERED[0], 'draft');
    expect(await admin.getByTestId('kt-result').getAttribute('data-card')).toBe(NEW_CARD);

    // Retired, it leaves the draft's answers; restored, it is back.
    await admin.getByTestId('ke-retire').click();
    await waitOn(admin, admin.locator(`[data-testid="k-card"][data-id="${NEW_CARD}"][data-state="retired"]`), 'the card retired');
    await waitOn(admin, admin.getByTestId('ke-restore'), 'the restore button');
    await askBox(UNANSWERED[0], 'draft');
    expect(await admin.getByTestId('kt-result').getAttribute('data-card')).not.toBe(NEW_CARD);
    await admin.getByTestId('ke-restore').click();
    await waitOn(admin, admin.locator(`[data-testid="k-card"][data-id="${NEW_CARD}"][data-state="new"]`), 'the card back (new)');
    await waitOn(admin, admin.getByTestId('ke-retire'), 'the retire button again');
    expect(await consoleErrors(admin)).toEqual([]);
  });
});
