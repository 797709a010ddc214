import type { BrowserContextOptions, Page } from 'playwright-core';
import type { WatchedPages } from './watchedPages';

/**
 * Driving the sandbox WeChat messenger page (/chat/) from a browser test: the citizen's side of a conversation.
 * The test files compile without the DOM lib, so the in-page functions describe the little of the DOM they use.
 */

/** What GET /sandbox/wechat/config returns. */
export interface Persona { openid: string; name: string; phone: string; idNumber: string; note: string }
export interface SandboxWechatConfig { token: string; account: string; appId: string; personas: Persona[] }

interface PageNode { textContent: string | null; innerText: string }
interface PageDocument { querySelectorAll(selector: string): ArrayLike<PageNode> }

export const MESSENGER_WAIT_MS = 60_000;

interface BotWait { since: number; pattern: string; flags: string }
interface BotSeen { error?: string; text?: string }

/** Bubbles the page shows for the official account (bot and agent messages alike). */
export async function botCount(page: Page): Promise<number> {
  return page.getByTestId('bot-message').count();
}

/**
 * Waits until the account's messages after the first `since` (joined by newlines) match `pattern`, and returns
 * their text. An error line on the page (an event /api/wechat refused) or a message shown as failed (the red !)
 * fails at once with its text.
 */
export async function waitForBot(page: Page, since: number, pattern: RegExp, timeout = MESSENGER_WAIT_MS): Promise<string> {
  const handle = await page.waitForFunction(({ since: from, pattern: source, flags }: BotWait): BotSeen | false => {
    const doc = (globalThis as unknown as { document: PageDocument }).document;
    const errors = Array.from(doc.querySelectorAll('[data-testid="error-message"]'));
    if (errors.length > 0) return { error: errors.map((e) => e.textContent ?? '').join('\n') };
    const failed = Array.from(doc.querySelectorAll('[data-testid="user-message"][data-state="failed"]'));
    if (failed.length > 0) return { error: `not sent (red !): ${failed.map((e) => e.textContent ?? '').join(' | ')}` };
    const text = Array.from(doc.querySelectorAll('[data-testid="bot-message"]')).slice(from)
      .map((e) => e.innerText).join('\n');
    return new RegExp(source, flags).test(text) ? { text } : false;
  }, { since, pattern: pattern.source, flags: pattern.flags }, { timeout, polling: 100 }).catch(async (err: Error) => {
    const shown = await page.locator('[data-testid="chat"] > li').allInnerTexts().catch(() => []);
    throw new Error(`${err.message}\nwaited for messages after #${since} to match ${pattern}; the chat shows:\n${shown.join('\n')}`);
  });
  const seen = (await handle.jsonValue()) as BotSeen;
  if (seen.error !== undefined) throw new Error(`the messenger page shows an error: ${seen.error}`);
  return seen.text ?? '';
}

/** The text of the account's bubbles (as shown), newest last, after the first `since`. */
export async function botTextsAfter(page: Page, since: number): Promise<string[]> {
  return page.getByTestId('bot-message').evaluateAll(
    (nodes: PageNode[], from: number) => nodes.slice(from).map((n) => n.innerText), since);
}

/** Types a message and sends it; returns how many account bubbles there were before. */
export async function say(page: Page, text: string): Promise<number> {
  const since = await botCount(page);
  const sent = await page.getByTestId('user-message').count();
  await page.getByTestId('input').fill(text);
  await page.getByTestId('send').click();
  await page.getByTestId('user-message').nth(sent).waitFor();
  const shown = await page.getByTestId('user-message').nth(sent).textContent();
  if (shown !== text) throw new Error(`the messenger shows "${shown ?? ''}" for the message "${text}"`);
  return since;
}

/** Waits until every request to /api/wechat the page made has been answered. */
export async function waitForIdle(page: Page): Promise<void> {
  await page.locator('body[data-pending="0"]').waitFor({ state: 'attached', timeout: MESSENGER_WAIT_MS });
}

/** Opens a persona's chat and waits for the welcome reply to its first-time subscribe event. */
export async function openChat(page: Page, who: Persona): Promise<void> {
  await page.getByTestId(`persona-${who.openid}`).click();
  await page.locator(`body[data-openid="${who.openid}"]`).waitFor();
  await page.getByTestId('persona-card').waitFor({ state: 'visible' });
  await waitForBot(page, 0, /交管助手|你好|欢迎/);
}

/** Loads /sandbox/wechat/config from the test process. */
export async function sandboxWechatConfig(base: string): Promise<SandboxWechatConfig> {
  const r = await fetch(`${base}/sandbox/wechat/config`);
  if (r.status !== 200) throw new Error(`GET /sandbox/wechat/config → ${r.status} ${await r.text()}`);
  return (await r.json()) as SandboxWechatConfig;
}

export function findPersona(config: SandboxWechatConfig, name: string): Persona {
  const p = config.personas.find((x) => x.name === name);
  if (!p) throw new Error(`no persona ${name} in /sandbox/wechat/config: ${JSON.stringify(config.personas)}`);
  return p;
}

/** A screenshot of the whole page at its natural height (sticky bars stay where they belong). */
export async function fullPageScreenshot(page: Page, path: string, width = 1200): Promise<void> {
  const height = await page.evaluate(() =>
    (globalThis as unknown as { document: { documentElement: { scrollHeight: number } } }).document.documentElement.scrollHeight);
  await page.setViewportSize({ width, height: Math.min(Math.max(height, 900), 12_000) });
  await page.screenshot({ path, fullPage: true });
}

/** A citizen's messenger page (/chat/), loaded and ready (in a browser context of `context`'s zone and locale, if given). */
export async function openMessenger(
  pages: WatchedPages, base: string, timeout = MESSENGER_WAIT_MS, context?: BrowserContextOptions, size = { width: 1200, height: 900 },
): Promise<Page> {
  const page = await pages.newPage('citizen', size.width, size.height, ...(context ? [context] : []));
  const response = await page.goto(`${base}/chat/`);
  expect(response?.status()).toBe(200);
  await page.locator('body[data-ready="true"]').waitFor({ timeout });
  return page;
}

/** The code of `length` digits the SMS banner over the chat shows (waits for it). */
export async function smsBannerCode(page: Page, length: number, timeout = MESSENGER_WAIT_MS): Promise<string> {
  const code = page.getByTestId('sms-banner').getByTestId('sms-banner-code');
  await code.waitFor({ state: 'visible', timeout });
  const text = (await code.textContent()) ?? '';
  if (!new RegExp(`^\\d{${length}}$`).test(text)) throw new Error(`the SMS banner shows the code "${text}", not ${length} digits`);
  return text;
}

/** Taps 「清空」 and waits until the page says a new conversation started. */
export async function startNewConversation(page: Page): Promise<void> {
  await page.getByTestId('reset-chat').click();
  await page.getByTestId('event-message').filter({ hasText: '开始新的对话' }).waitFor({ timeout: MESSENGER_WAIT_MS });
  await waitForIdle(page);
}
