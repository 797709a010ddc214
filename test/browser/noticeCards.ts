import type { Page } from 'playwright-core';
import { MESSENGER_WAIT_MS } from './messengerPage';

/**
 * The notices (template messages) the sandbox WeChat messenger page (/chat/) shows as service-notice cards. The
 * test files compile without the DOM lib, so the in-page function describes the little of the DOM it uses.
 */

/** One card as shown: its title, the 「服务通知 · time」 header, each field as "label：value", its next step. */
export interface NoticeCardSeen {
  title: string;
  head: string;
  fields: string[];
  /** The word the card's button sends (a /chat/reply?say=<word> url), or null. */
  action: string | null;
  /** The 详情 link of any other web address, or null. */
  link: string | null;
}

interface CardNode {
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): CardNode | null;
  querySelectorAll(selector: string): ArrayLike<CardNode>;
}

/** Every notice card of the open chat, oldest first. */
export async function noticeCards(page: Page): Promise<NoticeCardSeen[]> {
  return page.getByTestId('notice-card').evaluateAll((cards: CardNode[]) => cards.map((card) => ({
    title: card.querySelector('[data-testid="notice-title"]')?.textContent ?? '',
    head: card.querySelector('.notice-head')?.textContent ?? '',
    fields: Array.from(card.querySelectorAll('[data-testid="notice-field"]')).map((f) => f.textContent ?? ''),
    action: card.querySelector('[data-testid="notice-action"]')?.textContent ?? null,
    link: card.querySelector('a.notice-link')?.getAttribute('href') ?? null,
  })));
}

/** Waits for a card with this title (the newest of them) and returns it. */
export async function waitForNoticeCard(page: Page, title: string, timeout = MESSENGER_WAIT_MS): Promise<NoticeCardSeen> {
  const card = page.getByTestId('notice-card').filter({ has: page.getByTestId('notice-title').filter({ hasText: title }) });
  await card.last().waitFor({ timeout });
  const all = await noticeCards(page);
  const seen = all.filter((c) => c.title === title);
  return seen[seen.length - 1];
}
