import type { Locator, Page } from 'playwright-core';
import type { WatchedPages } from './watchedPages';
import { submitLogin, waitOn } from './adminPage';

/**
 * Driving the hotline agent console (/agent/) from a browser test. The test files compile without the DOM lib, so
 * the in-page functions describe the little of the DOM they use.
 */

export const AGENT_WAIT_MS = 30_000;

export interface AgentLogin { username: string; password: string; displayName: string }
export type QueueList = 'waiting' | 'mine' | 'others' | 'callbacks';

/** The console in a fresh context of its own (no session yet): it shows the login form. */
export async function openAgentConsole(pages: WatchedPages, base: string, who: string, width = 1440, height = 900): Promise<Page> {
  const page = await pages.newPage(who, width, height);
  const response = await page.goto(`${base}/agent/`);
  if (response?.status() !== 200) throw new Error(`GET /agent/ → ${response?.status() ?? 'no answer'}`);
  await page.locator('body[data-ready="true"]').waitFor({ timeout: AGENT_WAIT_MS });
  await waitOn(page, page.getByTestId('login-username'), 'the login form');
  return page;
}

/** Signs an agent in and waits for the console with its live event stream connected. */
export async function logInAgent(page: Page, who: AgentLogin): Promise<void> {
  await submitLogin(page, who.username, who.password);
  await waitOn(page, page.locator('[data-testid="agent-name"]', { hasText: who.displayName }), 'the console header with the agent name');
  await waitOn(page, page.locator('[data-testid="connection"][data-state="up"]'), 'the live event stream (SSE) connected');
  await waitOn(page, page.locator('[data-testid="presence-load"]:not(:empty)'), 'the load shown with the queue', 'attached');
}

export async function logOutAgent(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await waitOn(page, page.getByTestId('login-username'), 'the login form after logging out');
}

/** 在线接待 ('available') or 暂停接待 ('away'), waiting until the server confirmed it. */
export async function setAvailability(page: Page, status: 'available' | 'away'): Promise<void> {
  await page.getByTestId(status === 'available' ? 'presence-available' : 'presence-away').click();
  await waitOn(page, page.locator(`[data-testid="presence"][data-status="${status}"]`), `the agent ${status}`, 'attached');
  await waitOn(page, page.locator('[data-testid="presence-available"]:enabled'), 'the availability buttons enabled again', 'attached');
}

/** The queue cards of a list (all, or the one of a handoff). */
export function queueItems(page: Page, list: QueueList, handoffId?: string): Locator {
  const id = handoffId === undefined ? '' : `[data-handoff-id="${handoffId}"]`;
  return page.locator(`[data-testid="queue-${list}"] [data-testid="queue-item"]${id}`);
}

/** Opens a conversation from its queue card and waits until it is loaded. */
export async function openFromQueue(page: Page, list: QueueList, handoffId: string): Promise<void> {
  await waitOn(page, queueItems(page, list, handoffId), `the conversation in queue-${list}`);
  await queueItems(page, list, handoffId).locator('.queue-open').click();
  await waitForConversation(page, handoffId);
}

/** Waits until the open conversation is `handoffId` and its transcript has loaded. */
export async function waitForConversation(page: Page, handoffId: string): Promise<void> {
  await waitOn(page, page.locator(`body[data-handoff="${handoffId}"][data-conversation-loading="false"]`), 'the conversation loaded', 'attached');
}

/** Accepts a waiting conversation from its card; it moves to 我的会话 with the reply input shown. */
export async function acceptFromQueue(page: Page, handoffId: string): Promise<void> {
  await queueItems(page, 'waiting', handoffId).getByTestId('accept').click();
  await waitOn(page, queueItems(page, 'mine', handoffId), 'the accepted conversation in 我的会话');
  await waitOn(page, page.locator(`body[data-handoff="${handoffId}"][data-serving="true"]`), 'the conversation served', 'attached');
}

/** Answers the open confirmation dialog (close, hand back) and returns what it said. */
export async function confirmDialog(page: Page, ok = true): Promise<string> {
  const dialog = page.getByTestId('confirm-dialog');
  await waitOn(page, dialog, 'the confirmation dialog');
  const text = `${await page.getByTestId('confirm-title').innerText()}\n${await page.getByTestId('confirm-text').innerText()}`;
  await page.getByTestId(ok ? 'confirm-ok' : 'confirm-cancel').click();
  await waitOn(page, dialog, 'the confirmation dialog closed', 'hidden');
  return text;
}

interface Box { left: number; right: number; top: number; bottom: number; width: number; height: number }
interface PageElement {
  innerText: string;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): Box;
  closest(selector: string): PageElement | null;
  checkVisibility?(): boolean;
}
interface PageDoc {
  body: PageElement;
  documentElement: { scrollWidth: number; clientWidth: number };
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}

/**
 * English words (three letters or more) and addresses in the console's visible text: there must be none. The
 * citizens' readable labels (微信用户 · 3F9A, hexadecimal) are left out.
 */
export async function foreignText(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  const cleaned = text.replace(/微信用户\s*·\s*[0-9A-F]{2,8}/gi, '微信用户');
  const found = cleaned.match(/https?:\/\/\S+|\/api\/\S*|[A-Za-z]{3,}/g) ?? [];
  return [...new Set(found)];
}

/**
 * What sticks out of the viewport sideways (at 200 % zoom the panels must stack): the page's horizontal overflow
 * and every visible control whose box ends right of the viewport or starts left of it.
 */
export async function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: PageDoc }).document;
    const width = doc.documentElement.clientWidth;
    const out: string[] = [];
    if (doc.documentElement.scrollWidth > width + 1) out.push(`page scrolls sideways: ${doc.documentElement.scrollWidth} > ${width}`);
    const nodes = Array.from(doc.querySelectorAll('button, input, textarea, select, [data-testid]'));
    for (const n of nodes) {
      const b = n.getBoundingClientRect();
      if (b.width === 0 || b.height === 0) continue;
      if (n.checkVisibility && !n.checkVisibility()) continue;
      // Inside a scrolling list or transcript, a box may be clipped by design; its container is checked instead.
      if (n.closest('.transcript, .canned, .queue-list, .history, .transfer-list')) continue;
      if (b.right > width + 1 || b.left < -1) out.push(`${n.getAttribute('data-testid') ?? n.getAttribute('id') ?? '?'}: ${Math.round(b.left)}..${Math.round(b.right)} of ${width}`);
    }
    return out;
  });
}
