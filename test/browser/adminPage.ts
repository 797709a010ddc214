import type { Locator, Page } from 'playwright-core';

/**
 * Driving the NLU admin console (/admin/) from a browser test. The test files compile without the DOM lib, so
 * the in-page functions describe the little of the DOM they use.
 */

export const ADMIN_WAIT_MS = 30_000;

/** What an in-page fetch saw. */
export interface Fetched { status: number; body: string }

/**
 * Waits until `locator` (its first match) is in `state`; a timeout says what the page showed instead (its
 * error lines and visible text), not just that it timed out.
 */
export async function waitOn(
  page: Page, locator: Locator, what: string, state: 'visible' | 'attached' | 'hidden' = 'visible', timeout = ADMIN_WAIT_MS,
): Promise<void> {
  await locator.first().waitFor({ state, timeout }).catch(async (err: Error) => {
    const errors = await page.getByTestId('error').allInnerTexts().catch(() => [] as string[]);
    const shown = await page.locator('body').innerText().catch(() => '');
    throw new Error(`${err.message}\nwaited for ${what} (${state}); error lines on the page: ${JSON.stringify(errors)}\n`
      + `the page shows:\n${shown.slice(0, 4000)}`);
  });
}

/** The error lines the console shows (API failures are never swallowed). */
export async function consoleErrors(page: Page): Promise<string[]> {
  return page.getByTestId('error').allInnerTexts();
}

/** A fetch made by the page itself (its cookies, its origin). */
export async function pageFetch(
  page: Page, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Fetched> {
  return page.evaluate(async ({ path: url, init: options }) => {
    const r = await fetch(url, options);
    return { status: r.status, body: await r.text() };
  }, { path, init });
}

/** A GET of the admin API from the page, parsed; anything but 200 throws with the answer. */
export async function adminGet<T>(page: Page, path: string): Promise<T> {
  const r = await pageFetch(page, `/api/admin/${path}`);
  if (r.status !== 200) throw new Error(`GET /api/admin/${path} → ${r.status} ${r.body}`);
  return JSON.parse(r.body) as T;
}

/** Fills and submits the login form. */
export async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Logs an administrator in and waits for the console with its live event stream connected. */
export async function logInAdmin(page: Page, who: { username: string; password: string; displayName: string }): Promise<void> {
  await submitLogin(page, who.username, who.password);
  await waitOn(page, page.locator('[data-testid="admin-name"]', { hasText: who.displayName }), 'the console header with the admin name');
  await waitOn(page, page.locator('body[data-view="console"]'), 'the console view', 'attached');
  await waitOn(page, page.locator('[data-testid="connection"][data-state="up"]'), 'the live event stream (SSE) connected');
}

/** Opens a tab of the console. */
export async function openTab(page: Page, tab: 'intents' | 'test' | 'train' | 'versions' | 'inbox' | 'audit' | 'accounts'): Promise<void> {
  await page.getByTestId(`tab-${tab}`).click();
  await waitOn(page, page.locator(`body[data-tab="${tab}"]`), `the ${tab} tab`, 'attached');
  await waitOn(page, page.getByTestId(`panel-${tab}`), `the ${tab} panel`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A regular expression matching exactly `text` (trimmed), for `hasText` filters. */
export function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`);
}

/** The utterance items of the open editor whose text is exactly `text`. */
export function utteranceItem(page: Page, text: string): Locator {
  return page.getByTestId('utterances').getByTestId('utterance')
    .filter({ has: page.getByTestId('utterance-text').filter({ hasText: exactly(text) }) });
}

/** Adds an utterance through the utterance editor of the open intent and waits until the list shows it. */
export async function addUtterance(page: Page, text: string, locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<void> {
  const before = await utteranceItem(page, text).count();
  await page.getByTestId('utterance-input').fill(text);
  await page.getByTestId('utterance-locale').selectOption(locale);
  await page.getByTestId('utterance-add').click();
  await waitOn(page, utteranceItem(page, text).nth(before), `the new utterance "${text}" in the editor`);
  await waitOn(page, page.locator('[data-testid="utterance-add"]:enabled'), 'the add button enabled again', 'attached');
}

/** The background colours the page's script set (through the CSSOM) on the matched elements: the heat map's cells. */
export async function backgroundColors(locator: Locator): Promise<string[]> {
  return locator.evaluateAll((nodes: Array<{ style: { backgroundColor: string } }>) => nodes.map((n) => n.style.backgroundColor));
}

/** Opens an intent in the utterance editor (a click on its row) and waits for its utterances. */
export async function openIntent(page: Page, intent: string): Promise<void> {
  await page.locator(`[data-testid="intent-row"][data-intent="${intent}"]`).click();
  await waitOn(page, page.locator(`[data-testid="utterance-editor"][data-intent="${intent}"]`), `the editor of ${intent}`);
  await waitOn(page, page.locator('#utterances-loading.hidden'), `the utterances of ${intent} read`, 'attached');
}

/**
 * What sticks out sideways at the page's width (a laptop at 200 % zoom is 720 CSS px wide): the page's own
 * scroll width, and the visible elements under `selector` whose right edge passes the viewport's.
 */
export async function sidewaysOverflow(page: Page, selector: string): Promise<{ scrollWidth: number; width: number; outside: string[] }> {
  return page.evaluate((sel: string) => {
    interface Box { left: number; right: number; width: number; height: number }
    interface Node { getBoundingClientRect(): Box; getAttribute(n: string): string | null; tagName: string; className: string; closest(s: string): Node | null }
    const doc = (globalThis as unknown as {
      document: { documentElement: { scrollWidth: number; clientWidth: number }; querySelectorAll(s: string): ArrayLike<Node> };
    }).document;
    const width = doc.documentElement.clientWidth;
    const outside: string[] = [];
    Array.from(doc.querySelectorAll(`${sel}, ${sel} *`)).forEach((n) => {
      const r = n.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return;
      // Inside a box that scrolls sideways on purpose (a wide table) is fine.
      if (n.closest('.table-wrap, .heat-wrap')) return;
      if (r.right > width + 1 || r.left < -1) outside.push(`${n.tagName.toLowerCase()}.${n.className} [${n.getAttribute('data-testid') ?? ''}] ${Math.round(r.left)}–${Math.round(r.right)}`);
    });
    return { scrollWidth: doc.documentElement.scrollWidth, width, outside: outside.slice(0, 10) };
  }, selector);
}
