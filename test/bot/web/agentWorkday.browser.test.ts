import type { Page } from 'playwright-core';
import { startWeChatApp, type WeChatTestApp } from '../wechat/wechatClient';
import { WatchedPages } from '../../browser/watchedPages';
import { consoleErrors, pageFetch, waitOn } from '../../browser/adminPage';
import {
  acceptFromQueue, confirmDialog, foreignText, logInAgent, logOutAgent, openAgentConsole, openFromQueue, queueItems,
  setAvailability, sidewaysOverflow, waitForConversation, type AgentLogin,
} from '../../browser/agentPage';
import { readmeScreenshot } from '../../browser/readmeScreenshot';
import { artifactPath } from '../../browser/chromium';
import {
  findPersona, openChat, openMessenger, sandboxWechatConfig, say, waitForBot, waitForIdle, type Persona,
} from '../../browser/messengerPage';

/**
 * An agent's working day in the console, in real Chromium against the sandbox: assignment to the available agent,
 * the topic typed while waiting, canned replies with 「/」, drafts kept across re-login, transfer with a hand-over
 * note, the citizen ending the conversation (draft still readable), the satisfaction rating, a returning citizen's
 * history with the earlier note, search of closed conversations, 200 % zoom and Chinese-only text. The steps run in
 * order on one app and the same pages (each step starts where the last one left off).
 */

jest.setTimeout(240_000);

const WANG: AgentLogin & { role: 'agent' } = { username: 'wang.kefu', password: 'correct horse 12', displayName: '王客服', role: 'agent' };
const ZHAO: AgentLogin & { role: 'agent' } = { username: 'zhao.kefu', password: 'another horse 34', displayName: '赵客服', role: 'agent' };
const TOPIC = '驾驶证快到期了怎么换证';
const DRAFT = '您好，换证需要带身份证和体检证明，我再帮您确认一下';
const HANDOVER = '市民问驾驶证换证，材料已说明，请确认体检机构';
const EARLIER_NOTE = '已告知换证材料，市民满意';
const CLOSED_DRAFT = '体检机构可以在交管12123里查询';

describe('an agent\'s working day in the console (sandbox, real browser)', () => {
  let bot: WeChatTestApp;
  let base: string;
  const pages = new WatchedPages();
  let liNa: Persona;
  let wang: Page;
  let zhao: Page;
  let citizen: Page;
  /** The citizen's first and second conversation with a person. */
  let first = '';
  let second = '';

  /** The citizen answers the rating question with `score`, and skips the comment if one is asked for. */
  async function rate(score: string): Promise<void> {
    const since = await say(citizen, score);
    const reply = await waitForBot(citizen, since, /谢谢|感谢|评价|意见|建议|补充/);
    await waitForIdle(citizen);
    // Asked for an optional comment (「…回复「跳过」结束」): skipped, so that her next message is a request again.
    if (/跳过|补充|想对我们说/.test(reply)) {
      await say(citizen, '跳过');
      await waitForIdle(citizen);
    }
  }

  /**
   * The bot's options are chips under its line: those the API lists for the conversation's transcript; while the
   * transcript does not record options (TranscriptMiddleware), with an answer that carries them.
   */
  async function expectBotOptions(handoffId: string): Promise<void> {
    type Line = { from: string; text: string; options?: string[] };
    const detail = JSON.parse((await pageFetch(wang, `/api/agent/handoffs/${handoffId}`)).body) as { transcript: Line[] };
    const offered = detail.transcript.filter((l) => l.from === 'bot' && l.options && l.options.length > 0);
    let expected = offered.flatMap((l) => l.options ?? []);
    if (offered.length === 0) {
      expected = ['1分 很不满意', '5分 非常满意'];
      const bot = detail.transcript.findIndex((l) => l.from === 'bot');
      await wang.route(`**/api/agent/handoffs/${handoffId}`, async (route) => {
        const response = await route.fetch();
        const body = (await response.json()) as { transcript: Line[] };
        body.transcript[bot] = { ...body.transcript[bot], options: expected };
        await route.fulfill({ response, json: body });
      });
      await wang.locator(`[data-testid="queue-mine"] [data-handoff-id="${handoffId}"] .queue-open`).click();
      await waitForConversation(wang, handoffId);
    }
    await waitOn(wang, wang.getByTestId('line-bot').getByTestId('line-option'), 'the bot\'s options under its line');
    const chips = await wang.getByTestId('line-bot').getByTestId('line-option').allInnerTexts();
    expect(chips).toEqual(expect.arrayContaining(expected.slice(0, 2)));
    await wang.unroute(`**/api/agent/handoffs/${handoffId}`);
  }

  beforeAll(async () => {
    // Offers wait long enough that a slow machine does not move them on mid-test.
    bot = await startWeChatApp({ AGENT_OFFER_SECONDS: '600' });
    base = bot.base;
    await bot.app.agents.create(WANG);
    await bot.app.agents.create(ZHAO);
    liNa = findPersona(await sandboxWechatConfig(base), '李娜');
    await pages.launch();
    wang = await openAgentConsole(pages, base, 'wang');
    zhao = await openAgentConsole(pages, base, 'zhao');
    await logInAgent(wang, WANG);
    await logInAgent(zhao, ZHAO);
    citizen = await openMessenger(pages, base, 60_000);
    await openChat(citizen, liNa);
  }, 180_000);

  afterAll(async () => {
    await pages.close();
    if (bot) await bot.close();
  });

  afterEach(() => pages.expectNoProblems());

  it('offers a new handoff to the available agent (「分配给你」, an alert with sound), not to the one who is away', async () => {
    await setAvailability(wang, 'available');
    expect(await wang.getByTestId('presence-load').textContent()).toMatch(/^接待 0\/3$/);
    expect(await zhao.getByTestId('presence').getAttribute('data-status')).toBe('away');

    const since = await say(citizen, '转人工');
    await waitForBot(citizen, since, /人工/);
    await waitForIdle(citizen);

    const card = queueItems(wang, 'waiting');
    await waitOn(wang, card.getByTestId('offered-badge'), '「分配给你」 on the waiting card');
    first = (await card.first().getAttribute('data-handoff-id')) ?? '';
    expect(first).toBeTruthy();
    expect(await card.first().getByTestId('offered-badge').textContent()).toBe('分配给你');
    await waitOn(wang, wang.locator(`[data-testid="alert"][data-kind="offered"][data-handoff-id="${first}"]`), 'the offer alert');
    expect(await wang.getByTestId('alert').first().innerText()).toMatch(/分配给你/);
    // The alert played the generated chime (Web Audio; no file).
    expect(Number(await wang.locator('body').getAttribute('data-alert-sounds'))).toBeGreaterThanOrEqual(1);
    // Desktop notifications are only asked for with the button, never on load.
    expect(await wang.locator('body').getAttribute('data-notifications')).not.toBe('granted');

    // The colleague who is away sees it offered to 王客服, with no alert for it.
    await waitOn(zhao, queueItems(zhao, 'waiting', first).getByTestId('offered-other'), 'the card offered to someone else');
    expect(await queueItems(zhao, 'waiting', first).getByTestId('offered-other').textContent()).toContain(WANG.displayName);
    expect(await zhao.locator('[data-testid="alert"][data-kind="offered"]').count()).toBe(0);

    // What the citizen types while waiting is the topic on the card.
    await say(citizen, TOPIC);
    await waitForIdle(citizen);
    await waitOn(wang, queueItems(wang, 'waiting', first).getByTestId('queue-topic').filter({ hasText: TOPIC }), 'the topic on the card');
    expect(await consoleErrors(wang)).toEqual([]);
  });

  it('fills a canned reply found with 「/」 and keeps the draft across a re-login', async () => {
    await acceptFromQueue(wang, first);
    const input = wang.getByTestId('agent-input');
    await input.click();
    await wang.keyboard.type('/');
    const menu = wang.getByTestId('canned-menu');
    await waitOn(wang, menu, 'the canned replies list opened by 「/」');
    expect(await menu.getByTestId('canned-option').count()).toBeGreaterThan(2);
    await wang.keyboard.type('结束');
    await waitOn(wang, menu.getByTestId('canned-option').filter({ hasText: '结束语' }), 'the list filtered to 结束语');
    expect(await menu.getByTestId('canned-option').count()).toBe(1);
    await wang.keyboard.press('Enter');
    await waitOn(wang, menu, 'the list closed', 'hidden');
    // {name}: the unbound citizen's name is unknown, so 「您」.
    expect(await input.inputValue()).toBe('感谢您的耐心，祝您出行平安！');
    // Arrows move through the list; a click chooses too.
    await input.fill('');
    await wang.keyboard.type('/');
    await waitOn(wang, menu, 'the canned replies list again');
    const second = (await menu.getByTestId('canned-option').nth(1).locator('.canned-option-text').innerText()).trim();
    await wang.keyboard.press('ArrowDown');
    await waitOn(wang, menu.locator('[data-testid="canned-option"][aria-selected="true"]').filter({ hasText: second }), 'the second reply highlighted');
    await wang.keyboard.press('Enter');
    expect(await input.inputValue()).toBe(second);
    await wang.keyboard.type(' /请稍');
    await menu.getByTestId('canned-option').first().click();
    expect(await input.inputValue()).toBe(`${second} 我正在为您查询，请稍等一两分钟。`);

    // The draft is kept by the server half a second after typing…
    await input.fill(DRAFT);
    await waitOn(wang, wang.locator('[data-testid="draft-state"][data-state="saved"]'), 'the draft saved');
    // …and comes back after signing out and in again.
    await logOutAgent(wang);
    await logInAgent(wang, WANG);
    await waitOn(wang, queueItems(wang, 'mine', first).getByTestId('queue-draft'), 'the 有草稿 mark on the card');
    await openFromQueue(wang, 'mine', first);
    expect(await input.inputValue()).toBe(DRAFT);
    expect(await wang.getByTestId('draft-state').getAttribute('data-state')).toBe('restored');
    expect(await consoleErrors(wang)).toEqual([]);

    expect(await foreignText(wang)).toEqual([]);

    // Serving at 200 % zoom (720×450 CSS px): the panels stack; the reply box and its button are reachable.
    await wang.setViewportSize({ width: 720, height: 450 });
    expect(await sidewaysOverflow(wang)).toEqual([]);
    for (const id of ['agent-input', 'agent-send', 'transfer', 'close']) {
      const node = wang.getByTestId(id);
      await node.scrollIntoViewIfNeeded();
      const box = await node.boundingBox();
      expect({ id, inside: !!box && box.x >= 0 && box.x + box.width <= 721 }).toEqual({ id, inside: true });
    }
    await wang.setViewportSize({ width: 1440, height: 900 });
  });

  it('transfers only to an available colleague, with a hand-over note the receiver is alerted with', async () => {
    await wang.getByTestId('transfer').click();
    await waitOn(wang, wang.getByTestId('transfer-dialog'), 'the transfer dialog');
    await waitOn(wang, wang.getByTestId('transfer-empty').filter({ hasText: '暂无其他正在接待的坐席' }), 'no colleague available');
    expect(await wang.getByTestId('transfer-agent').count()).toBe(0);
    await wang.getByTestId('transfer-cancel').click();
    await waitOn(wang, wang.getByTestId('transfer-dialog'), 'the dialog closed', 'hidden');

    await setAvailability(zhao, 'available');
    // 赵客服 allows desktop notifications with the button (the browser asks only then).
    await zhao.context().grantPermissions(['notifications']);
    await zhao.getByTestId('notify-enable').click();
    await waitOn(zhao, zhao.locator('body[data-notifications="granted"]'), 'notifications allowed', 'attached');
    await waitOn(zhao, zhao.getByTestId('notify-enable'), 'the button gone once allowed', 'hidden');
    await wang.getByTestId('transfer').click();
    const colleague = wang.getByTestId('transfer-agent').filter({ hasText: ZHAO.displayName });
    await waitOn(wang, colleague, 'the available colleague in the dialog');
    expect(await colleague.innerText()).toMatch(/接待 0\/3/);
    await colleague.click();
    await wang.getByTestId('transfer-note').fill(HANDOVER);
    // At 200 % zoom the dialog still fits sideways and its buttons can be reached.
    await wang.setViewportSize({ width: 720, height: 450 });
    expect(await sidewaysOverflow(wang)).toEqual([]);
    await wang.getByTestId('transfer-confirm').scrollIntoViewIfNeeded();
    expect(await wang.getByTestId('transfer-confirm').isVisible()).toBe(true);
    await wang.setViewportSize({ width: 1440, height: 900 });
    await wang.getByTestId('transfer-confirm').click();
    await waitOn(wang, queueItems(wang, 'others', first), 'the conversation under 其他坐席');

    const alert = zhao.locator(`[data-testid="alert"][data-kind="transferred"][data-handoff-id="${first}"]`);
    await waitOn(zhao, alert, 'the transfer alert on the receiver\'s console');
    expect(await alert.innerText()).toContain(HANDOVER);
    expect(Number(await zhao.locator('body').getAttribute('data-alert-notifications'))).toBeGreaterThanOrEqual(1);
    await alert.locator('.alert-open').click();
    await waitForConversation(zhao, first);
    await waitOn(zhao, zhao.locator('[data-testid="line-system"][data-kind="transferred"]').filter({ hasText: HANDOVER }),
      'the hand-over note in the transcript');
    await waitOn(zhao, zhao.locator('body[data-serving="true"]'), 'the receiver serving it', 'attached');
    expect(await consoleErrors(zhao)).toEqual([]);
  });

  it('alerts the agent when the citizen ends the conversation; the unsent draft stays readable; the rating is stored', async () => {
    await zhao.getByTestId('note-input').fill(EARLIER_NOTE);
    await zhao.getByTestId('note-add').click();
    await waitOn(zhao, zhao.getByTestId('note').filter({ hasText: EARLIER_NOTE }), 'the note');
    await zhao.getByTestId('agent-input').fill(CLOSED_DRAFT);
    await waitOn(zhao, zhao.locator('[data-testid="draft-state"][data-state="saved"]'), 'the draft saved');

    const since = await say(citizen, '结束人工');
    await waitForBot(citizen, since, /打分|评分|评价/);
    await waitForIdle(citizen);
    await waitOn(zhao, zhao.locator(`[data-testid="alert"][data-kind="ended"][data-handoff-id="${first}"]`), 'the ended alert');
    await waitOn(zhao, zhao.getByTestId('draft-closed'), 'the read-only draft of the ended conversation');
    expect(await zhao.getByTestId('draft-text').inputValue()).toBe(CLOSED_DRAFT);
    expect(await zhao.getByTestId('draft-text').getAttribute('readonly')).not.toBeNull();
    expect(await zhao.getByTestId('agent-input').isVisible()).toBe(false);
    await zhao.getByTestId('draft-copy').click();
    await waitOn(zhao, zhao.getByTestId('draft-copy').filter({ hasText: /已复制|Ctrl/ }), 'the copy button answered');

    await rate('4');
    await waitOn(zhao, zhao.locator('[data-testid="conv-rating"][data-score="4"]'), 'the rating on the closed conversation');
    expect(await zhao.getByTestId('conv-rating').innerText()).toMatch(/4 分/);
    expect(await consoleErrors(zhao)).toEqual([]);
  });

  it('shows a returning citizen\'s history with the earlier note; closing asks first and the rating shows', async () => {
    await setAvailability(zhao, 'away');
    await setAvailability(wang, 'available');
    const since = await say(citizen, '转人工');
    await waitForBot(citizen, since, /人工/);
    await waitForIdle(citizen);
    const card = wang.locator('[data-testid="queue-waiting"] [data-testid="queue-item"]').filter({ has: wang.getByTestId('offered-badge') });
    await waitOn(wang, card, 'the returning citizen offered to 王客服');
    second = (await card.first().getAttribute('data-handoff-id')) ?? '';
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    await waitOn(wang, card.first().getByTestId('queue-history'), 'the 有历史会话 mark');
    await acceptFromQueue(wang, second);

    const earlier = wang.locator(`[data-testid="history-item"][data-handoff-id="${first}"]`);
    await waitOn(wang, earlier, 'the earlier conversation in the history');
    expect(await earlier.getByTestId('history-note').allInnerTexts()).toEqual([expect.stringContaining(EARLIER_NOTE)]);
    expect(await earlier.getByTestId('history-rating').getAttribute('data-score')).toBe('4');
    // What the bot offered (the options of its questions) shows under the bot's line.
    await expectBotOptions(second);

    // The README's picture: the history beside the conversation, and the 「/」 list over a reply.
    await wang.getByTestId('agent-input').click();
    await wang.keyboard.type('/');
    await waitOn(wang, wang.getByTestId('canned-menu'), 'the canned replies list');
    await waitOn(wang, wang.locator('[data-testid="draft-state"][data-state="saved"]'), 'the draft saved');
    await readmeScreenshot(wang, 'agent-console');
    await wang.keyboard.press('Escape');
    await wang.getByTestId('agent-input').fill('');

    await wang.getByTestId('close-reason').selectOption('resolved');
    await wang.getByTestId('close').click();
    const label = (await wang.getByTestId('conv-title').textContent()) ?? '';
    const asked = await confirmDialog(wang);
    expect(asked).toContain(label);
    expect(asked).toMatch(/评分/);
    await waitForBot(citizen, 0, /打分|评分|评价/);
    await waitOn(wang, wang.locator('body[data-serving="false"]'), 'the conversation closed', 'attached');
    await waitForIdle(citizen);
    await rate('5');
    await waitOn(wang, wang.locator('[data-testid="conv-rating"][data-score="5"]'), 'the rating of the closed conversation');
    expect(await consoleErrors(wang)).toEqual([]);
  });

  it('finds a closed conversation by a note\'s words and a date, and opens it read-only', async () => {
    await wang.getByTestId('search').locator('summary').click();
    await wang.getByTestId('search-q').fill('换证材料');
    await wang.getByTestId('search-from').fill('2026-11-25');
    await wang.getByTestId('search-to').fill('2026-11-25');
    await wang.getByTestId('search-submit').click();
    const result = wang.locator(`[data-testid="search-result"][data-handoff-id="${first}"]`);
    await waitOn(wang, result, 'the closed conversation found');
    expect(await result.getByTestId('search-rating').innerText()).toMatch(/4 分/);
    await result.locator('.queue-open').click();
    await waitForConversation(wang, first);
    await waitOn(wang, wang.getByTestId('readonly-note').filter({ hasText: '仅可查看' }), 'the read-only note');
    expect(await wang.getByTestId('agent-input').isVisible()).toBe(false);
    await waitOn(wang, wang.locator(`[data-testid="history-item"][data-handoff-id="${second}"]`), 'the later conversation in its history');
    expect(await consoleErrors(wang)).toEqual([]);

    // A refusal of the server is shown in its Chinese words: no status number, no English.
    await wang.getByTestId('search-q').fill('苏');
    await wang.getByTestId('search-from').fill('');
    await wang.getByTestId('search-to').fill('');
    await wang.getByTestId('search-submit').click();
    await waitOn(wang, wang.getByTestId('error').filter({ hasText: '查找会话失败' }), 'the refusal in the error list');
    const [refusal] = await consoleErrors(wang);
    expect(refusal).toMatch(/关键词/);
    expect(refusal).not.toMatch(/HTTP|\d{3}|[A-Za-z]{3,}/);
    await wang.getByTestId('error').locator('.error-dismiss').click();
  });

  it('works at 200 % zoom (720×450 CSS px: the panels stack, nothing sideways) and shows no English or address', async () => {
    for (const page of [wang, zhao]) {
      expect(await foreignText(page)).toEqual([]);
      await page.setViewportSize({ width: 720, height: 450 });
      expect(await sidewaysOverflow(page)).toEqual([]);
      for (const id of ['presence-available', 'logout', 'queue-waiting', 'transcript', 'history', 'notes']) {
        const node = page.getByTestId(id);
        await node.scrollIntoViewIfNeeded();
        const box = await node.boundingBox();
        expect({ id, inside: !!box && box.x >= 0 && box.x + box.width <= 721 }).toEqual({ id, inside: true });
      }
      expect(await foreignText(page)).toEqual([]);
      await page.screenshot({ path: artifactPath(`agent-zoom-200-${page === wang ? 'wang' : 'zhao'}.png`), fullPage: true });
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  });
});
