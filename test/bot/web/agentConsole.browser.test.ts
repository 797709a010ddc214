import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PAGE_HEADERS } from '../../../bot/web/staticSite';
import { startWeChatApp, type WeChatTestApp } from '../wechat/wechatClient';
import { artifactPath } from '../../browser/chromium';
import { WatchedPages } from '../../browser/watchedPages';
import { consoleErrors, pageFetch, waitOn } from '../../browser/adminPage';
import {
  botCount, botTextsAfter, findPersona, fullPageScreenshot, openChat, sandboxWechatConfig, say, waitForBot, waitForIdle,
  openMessenger as openCitizenPage, type SandboxWechatConfig,
} from '../../browser/messengerPage';

jest.setTimeout(180_000);

const WAIT_MS = 30_000;
const AGENT = { username: 'wang.kefu', password: 'correct horse 12', displayName: '王客服', role: 'agent' as const };
const COLLEAGUE = { username: 'zhao.kefu', password: 'another horse 34', displayName: '赵客服', role: 'agent' as const };
const CITIZEN_QUESTION = '我想问一下罚款的事';
const AGENT_REPLY = '您好，我是王客服，请讲';
const NOTE = '市民咨询罚款缴纳，已接待';

describe('the hotline agent console in a real browser (sandbox)', () => {
  let bot: WeChatTestApp;
  let base: string;
  const pages = new WatchedPages();
  let wechat: SandboxWechatConfig;

  const newPage = (who: string, width: number, height: number): Promise<Page> => pages.newPage(who, width, height);

  /** The agent console, fresh (no session): it shows the login form. */
  async function openConsole(): Promise<Page> {
    const page = await newPage('agent', 1440, 900);
    const response = await page.goto(`${base}/agent/`);
    expect(response?.status()).toBe(200);
    // The page must work under the strict CSP the server sends (no inline script or style).
    expect(response?.headers()['content-security-policy'] ?? '').toContain("script-src 'self'");
    await page.locator('body[data-ready="true"]').waitFor({ timeout: WAIT_MS });
    await waitOn(page, page.getByTestId('login-username'), 'the login form');
    return page;
  }

  async function submitLogin(page: Page, username: string, password: string): Promise<void> {
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
  }

  async function logIn(page: Page, who: { username: string; password: string; displayName: string } = AGENT): Promise<void> {
    await submitLogin(page, who.username, who.password);
    await waitOn(page, page.locator('[data-testid="agent-name"]', { hasText: who.displayName }), 'the console header with the agent name');
    await waitOn(page, page.locator('[data-testid="connection"][data-state="up"]'), 'the live event stream (SSE) connected');
  }

  const openMessenger = (): Promise<Page> => openCitizenPage(pages, base, WAIT_MS);

  beforeAll(async () => {
    bot = await startWeChatApp();
    base = bot.base;
    await bot.app.agents.create(AGENT);
    await bot.app.agents.create(COLLEAGUE);
    wechat = await sandboxWechatConfig(base);
    await pages.launch();
  }, 120_000);

  afterAll(async () => {
    await pages.close();
    if (bot) await bot.close();
  });

  afterEach(() => pages.expectNoProblems());

  it("serves the consoles' shared files (/common/) with their content types and the page headers (CSP)", async () => {
    const dir = join(__dirname, '..', '..', '..', 'bot', 'web', 'common');
    const files = readdirSync(dir);
    expect(files).toEqual(expect.arrayContaining(['api.js', 'console.css', 'events.js', 'session.js', 'util.js']));
    for (const name of files) {
      const res = await fetch(`${base}/common/${name}`);
      expect({ name, status: res.status }).toEqual({ name, status: 200 });
      expect(res.headers.get('content-type')).toBe(name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8');
      for (const [header, value] of Object.entries(PAGE_HEADERS)) expect(res.headers.get(header)).toBe(value);
      expect(await res.text()).toBe(readFileSync(join(dir, name), 'utf8'));
    }
  });

  it('refuses a wrong password and the API without a session; signs in and out', async () => {
    const page = await openConsole();

    // No session yet: the API answers 401.
    const before = await pageFetch(page, '/api/agent/queue');
    expect(before.status).toBe(401);

    await submitLogin(page, AGENT.username, 'wrong password 99');
    await waitOn(page, page.locator('[data-testid="login-error"]', { hasText: /用户名或密码错误/ }), 'the login error line');
    expect(await page.getByTestId('login-password').inputValue()).toBe('');
    expect(await pageFetch(page, '/api/agent/queue')).toMatchObject({ status: 401 });

    await logIn(page);
    await waitOn(page, page.getByTestId('login-username'), 'the login form hidden', 'hidden');
    // The session is an HttpOnly, SameSite=Strict cookie the page's script cannot read.
    const cookies = await page.context().cookies(base);
    expect(cookies.length).toBeGreaterThan(0);
    for (const c of cookies) {
      expect(c.httpOnly).toBe(true);
      expect(c.sameSite).toBe('Strict');
    }
    expect(await page.evaluate(() => (globalThis as unknown as { document: { cookie: string } }).document.cookie)).toBe('');
    expect((await pageFetch(page, '/api/agent/queue')).status).toBe(200);
    // A POST without the CSRF header is refused even with the session cookie.
    expect((await pageFetch(page, '/api/agent/logout', { method: 'POST' })).status).toBe(403);
    expect(await consoleErrors(page)).toEqual([]);

    await page.getByTestId('logout').click();
    await waitOn(page, page.getByTestId('login-username'), 'the login form after logging out');
    expect((await pageFetch(page, '/api/agent/queue')).status).toBe(401);
  });

  it('an agent takes over a citizen\'s WeChat chat live, then hands it back to the bot', async () => {
    const liNa = findPersona(wechat, '李娜');

    // The agent is signed in and watching the queue before the citizen asks for a person.
    const agent = await openConsole();
    await logIn(agent);
    expect(await agent.getByTestId('queue-waiting').getByTestId('queue-item').count()).toBe(0);
    // So is a colleague, in another browser context (another session).
    const colleague = await openConsole();
    await logIn(colleague, COLLEAGUE);

    // 1. The citizen asks for a person; the bot says one will come and that she waits.
    const citizen = await openMessenger();
    await openChat(citizen, liNa);
    let since = await say(citizen, '转人工');
    const queued = await waitForBot(citizen, since, /^(?=[\s\S]*人工)(?=[\s\S]*(?:排队|等待|稍候))/);
    expect(queued).toMatch(/人工/);
    await waitForIdle(citizen);

    // 2. The waiting conversation shows up in the console by itself (event: queue), and the agent accepts it.
    const waiting = agent.getByTestId('queue-waiting').getByTestId('queue-item');
    await waitOn(agent, waiting, 'a waiting conversation in 待接入');
    expect(await waiting.count()).toBe(1);
    const handoffId = await waiting.first().getAttribute('data-handoff-id');
    expect(handoffId).toBeTruthy();
    expect(await waiting.first().getByTestId('queue-reason').textContent()).toBe('主动要求');
    expect((await waiting.first().getByTestId('queue-citizen').textContent())?.trim()).toBeTruthy();
    expect(await waiting.first().getByTestId('queue-time').textContent()).toMatch(/等待/);

    since = await botCount(citizen);
    await waiting.first().getByTestId('accept').click();
    const mine = agent.locator(`[data-testid="queue-mine"] [data-testid="queue-item"][data-handoff-id="${handoffId ?? ''}"]`);
    await waitOn(agent, mine, 'the accepted conversation in 我的会话');
    await waitOn(agent, agent.getByTestId('agent-input'), 'the reply input of the accepted conversation');
    await waitOn(agent, agent.locator(`[data-testid="queue-waiting"] [data-handoff-id="${handoffId ?? ''}"]`), 'the item gone from 待接入', 'hidden');
    expect(await agent.getByTestId('conv-status').textContent()).toBe('服务中');
    expect(await agent.getByTestId('conv-reason').textContent()).toBe('主动要求');
    // Its recent intents are named as GET /api/agent/intents names them (the core intents and the service modules').
    expect(await agent.getByTestId('intent').allTextContents()).toContain('转人工');

    // The colleague's console moves it to 其他坐席 by itself: read-only, no accept, no reply input.
    const taken = colleague.locator(`[data-testid="queue-others"] [data-testid="queue-item"][data-handoff-id="${handoffId ?? ''}"]`);
    await waitOn(colleague, taken, 'the conversation under 其他坐席 on the colleague\'s console');
    expect(await colleague.getByTestId('queue-waiting').getByTestId('queue-item').count()).toBe(0);
    expect(await taken.getByTestId('accept').count()).toBe(0);
    await taken.locator('button').first().click();
    await waitOn(colleague, colleague.locator('[data-testid="readonly-note"]', { hasText: AGENT.displayName }), 'the read-only note naming the agent');
    expect(await colleague.getByTestId('agent-input').isVisible()).toBe(false);
    expect(await colleague.getByTestId('handback').isVisible()).toBe(false);
    expect(await consoleErrors(colleague)).toEqual([]);

    // 3. The citizen is told that the agent joined (a customer-service message through the messenger's stream).
    await waitForBot(citizen, since, /王客服|客服[\s\S]*接入/);
    await waitForIdle(citizen);

    // 4. What the citizen writes now goes to the agent, live; the bot keeps quiet.
    since = await say(citizen, CITIZEN_QUESTION);
    await waitOn(agent, agent.getByTestId('transcript').getByTestId('line-user').filter({ hasText: CITIZEN_QUESTION }),
      'the citizen\'s message in the transcript (event: message)');
    await waitForIdle(citizen);
    expect(await botTextsAfter(citizen, since)).toEqual([]);

    // 5. A canned reply goes into the input; the agent writes its own answer, which reaches the citizen.
    const canned = agent.getByTestId('canned').getByTestId('canned-reply');
    await waitOn(agent, canned, 'the canned replies');
    // The chip shows the reply's title; a click puts its text in the input ({name} filled in).
    expect((await canned.first().textContent())?.trim()).toBeTruthy();
    await canned.first().click();
    const inserted = await agent.getByTestId('agent-input').inputValue();
    expect(inserted.length).toBeGreaterThan(0);
    expect(inserted).not.toContain('{name}');
    await agent.getByTestId('agent-input').fill(AGENT_REPLY);
    await agent.getByTestId('agent-send').click();
    await waitOn(agent, agent.getByTestId('line-agent').filter({ hasText: AGENT_REPLY }), 'the agent\'s message in the transcript');
    expect(await agent.getByTestId('agent-input').inputValue()).toBe('');
    await waitForBot(citizen, since, new RegExp(AGENT_REPLY));
    const sinceQuestion = await botTextsAfter(citizen, since);
    // Only the agent spoke to her since her question (no bot reply slipped in).
    expect(sinceQuestion.length).toBeGreaterThan(0);
    for (const text of sinceQuestion) expect(text).toContain(AGENT_REPLY);

    // Internal note and the colleague to transfer to.
    await agent.getByTestId('note-input').fill(NOTE);
    await agent.getByTestId('note-add').click();
    await waitOn(agent, agent.getByTestId('notes').getByTestId('note').filter({ hasText: NOTE }), 'the new note');
    // The transfer dialog lists the colleague once they are available (在线接待).
    await colleague.getByTestId('presence-available').click();
    await waitOn(colleague, colleague.locator('[data-testid="presence"][data-status="available"]'), 'the colleague available', 'attached');
    await agent.getByTestId('transfer').click();
    await waitOn(agent, agent.getByTestId('transfer-dialog').getByTestId('transfer-agent').filter({ hasText: COLLEAGUE.displayName }),
      'the colleague in the transfer dialog');
    await agent.getByTestId('transfer-cancel').click();
    await waitOn(agent, agent.getByTestId('transfer-dialog'), 'the transfer dialog closed', 'hidden');
    expect(await agent.getByTestId('close-reason').locator('option').count()).toBeGreaterThan(0);

    // The agent sees the conversation, masked: never the citizen's full ID number or phone number.
    const shown = await agent.locator('body').innerText();
    expect(shown).not.toContain(liNa.idNumber);
    if (liNa.phone) expect(shown).not.toContain(liNa.phone);
    expect(await agent.getByTestId('line-agent').filter({ hasText: AGENT_REPLY }).count()).toBe(1);
    expect(await consoleErrors(agent)).toEqual([]);
    await agent.screenshot({ path: artifactPath('agent-console.png') });

    // 6. The agent hands the conversation back: the bot greets the citizen again.
    since = await botCount(citizen);
    await agent.getByTestId('handback').click();
    // Asked first, naming the citizen.
    await waitOn(agent, agent.getByTestId('confirm-dialog'), 'the hand-back confirmation');
    expect(await agent.getByTestId('confirm-text').textContent()).toContain(await agent.getByTestId('conv-title').textContent() ?? '-');
    await agent.getByTestId('confirm-ok').click();
    await waitForBot(citizen, since, /交管助手|菜单/);
    // …and asks her to rate the agent's service (1-5); she skips it.
    await waitForBot(citizen, since, /打分|评分|评价/);
    await waitOn(agent, agent.getByTestId('agent-input'), 'the reply input gone after the hand-back', 'hidden');
    expect(await agent.getByTestId('conv-status').textContent()).not.toBe('服务中');
    expect(await agent.getByTestId('line-agent').filter({ hasText: AGENT_REPLY }).count()).toBe(1);
    await waitForIdle(citizen);

    since = await say(citizen, '跳过');
    await waitForIdle(citizen);

    // 7. The bot serves her again: points need her identity first.
    since = await say(citizen, '查记分');
    await waitForBot(citizen, since, /身份证/);
    expect(await consoleErrors(agent)).toEqual([]);
    expect(await citizen.getByTestId('error-message').count()).toBe(0);
    await fullPageScreenshot(citizen, artifactPath('agent-citizen.png'));
  });
});
