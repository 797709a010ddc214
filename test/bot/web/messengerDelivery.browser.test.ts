import type { Page, Request, Route } from 'playwright-core';
import { startWeChatApp, type WeChatTestApp } from '../wechat/wechatClient';
import { SandboxAdmin } from '../../../integrations/platform/sandbox/SandboxAdmin';
import type { SqliteStores } from '../../../integrations/storage/sqlite/createSqliteStores';
import {
  botCount, botTextsAfter, findPersona, MESSENGER_WAIT_MS, openChat, openMessenger, sandboxWechatConfig, say, smsBannerCode,
  startNewConversation, waitForBot, waitForIdle, type Persona, type SandboxWechatConfig,
} from '../../browser/messengerPage';
import { readmeScreenshot } from '../../browser/readmeScreenshot';
import { artifactPath } from '../../browser/chromium';
import { WatchedPages } from '../../browser/watchedPages';

jest.setTimeout(180_000);

/** The little of the DOM the in-page functions below touch (the test compiles without the DOM lib). */
interface Box { top: number; bottom: number; left: number; right: number }
interface PageElement { getBoundingClientRect(): Box; closest(selector: string): PageElement | null }
interface PageWindow {
  innerHeight: number;
  innerWidth: number;
  scrollTo(x: number, y: number): void;
  document: { getElementById(id: string): PageElement | null; elementFromPoint(x: number, y: number): PageElement | null };
}

/** A numbered option line in a bot text, as the page also recognises it. */
const OPTION_LINE = /^\s*(\d{1,2})\s*[.．、)）]\s*(\S.*)$/;
/** The browser's zone in these tests: far from China's, so a time shown in the browser's zone would be caught. */
const NEW_YORK = { locale: 'zh-CN', timezoneId: 'America/New_York' };

/** The MsgId of a text message the page posted to /api/wechat, or undefined for an event. */
function msgIdOf(request: Request): string | undefined {
  return /<MsgId>(\d+)<\/MsgId>/.exec(request.postData() ?? '')?.[1];
}

/** Whether the banner is inside the viewport and on top there (nothing covers its middle). */
/**
 * Whether the SMS banner is in view and on top, once the page has had up to a second to follow a scroll or a resize
 * (it places the banner in its scroll and resize handlers, which run after the test's scrollTo returns).
 */
async function bannerInView(page: Page): Promise<boolean> {
  const deadline = Date.now() + 1_000;
  for (;;) {
    if (await bannerInViewNow(page)) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function bannerInViewNow(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const w = globalThis as unknown as PageWindow;
    const banner = w.document.getElementById('sms-banner');
    if (!banner) return false;
    const r = banner.getBoundingClientRect();
    if (r.top < 0 || r.left < 0 || r.bottom > w.innerHeight || r.right > w.innerWidth || r.bottom <= r.top) return false;
    const hit = w.document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
    return hit !== null && hit.closest('#sms-banner') === banner;
  });
}

async function scrollTo(page: Page, where: 'top' | 'middle' | 'bottom'): Promise<void> {
  await page.evaluate((at: string) => {
    const w = globalThis as unknown as PageWindow & { document: { documentElement: { scrollHeight: number } } };
    const height = w.document.documentElement.scrollHeight;
    w.scrollTo(0, at === 'top' ? 0 : at === 'middle' ? height / 2 - w.innerHeight / 2 : height);
  }, where);
}

/** China time (HH:MM) of each instant from `from` to `to`, minute by minute. */
function chinaMinutes(from: number, to: number): string[] {
  const out: string[] = [];
  for (let t = from - 60_000; t <= to + 60_000; t += 60_000) out.push(new Date(t + 8 * 3600_000).toISOString().slice(11, 16));
  return out;
}

describe('the messenger shows what became of each message, the SMS code in view, 清空 as a new conversation, China time (real browser)', () => {
  let bot: WeChatTestApp;
  let base: string;
  let wechat: SandboxWechatConfig;
  const pages = new WatchedPages();
  const persona = (name: string): Persona => findPersona(wechat, name);

  /**
   * The bot ran the citizen's message once: the transcript has it once, and the page shows each of the bot's
   * answers to it once (nothing more comes a moment later either).
   */
  async function expectAnsweredOnce(openid: string, text: string, shown: string[]): Promise<void> {
    await new Promise((r) => setTimeout(r, 1_000));
    const transcript = await bot.app.stores.transcripts.list(openid);
    expect(transcript.filter((l) => l.from === 'user' && l.text === text)).toHaveLength(1);
    const answers = transcript.slice(transcript.findIndex((l) => l.from === 'user' && l.text === text) + 1).filter((l) => l.from === 'bot');
    expect(answers.length).toBeGreaterThan(0);
    expect(shown).toHaveLength(answers.length);
  }

  async function sandboxNow(): Promise<number> {
    const r = await fetch(`${base}/sandbox/clock`);
    return Date.parse(((await r.json()) as { now: string }).now);
  }

  beforeAll(async () => {
    bot = await startWeChatApp();
    base = bot.base;
    await bot.app.ready;
    wechat = await sandboxWechatConfig(base);
    await pages.launch();
  }, 120_000);

  afterAll(async () => {
    await pages.close();
    if (bot) await bot.close();
  });

  afterEach(() => pages.expectNoProblems());

  it('in a browser on New York time, 李娜 binds: the code drops in as a banner over the chat, in view at any scroll and at 200 % zoom; times are China time', async () => {
    const before = await sandboxNow();
    const page = await openMessenger(pages, base, MESSENGER_WAIT_MS, NEW_YORK);
    const liNa = persona('李娜');
    await openChat(page, liNa);
    // The chat's time is the sandbox's China time (09:0x on 2026-11-25), not New York's (20:0x the day before).
    const shown = await page.getByTestId('chat-time').first().textContent();
    expect(chinaMinutes(before, await sandboxNow())).toContain(shown);
    expect(await page.getByTestId('sms-banner').isVisible()).toBe(false);

    let since = await say(page, '查违章');
    let code = '';
    for (let turn = 0; turn < 8 && !code; turn += 1) {
      const text = await waitForBot(page, since, /位验证码|姓名|身份证号|(^|\n)\s*1\s*[.．、)）]/);
      if (/位验证码/.test(text)) {
        code = await smsBannerCode(page, Number(/(\d+)\s*位验证码/.exec(text)?.[1] ?? 6));
      } else if (/姓名/.test(text)) {
        since = await say(page, liNa.name);
      } else if (/身份证号/.test(text)) {
        since = await say(page, liNa.idNumber);
      } else {
        const options = text.split('\n').map((line) => OPTION_LINE.exec(line)).filter((m): m is RegExpExecArray => m !== null);
        since = await say(page, (options.find((m) => /苏A12345|本人|名下/.test(m[2])) ?? options[0])[1]);
      }
    }
    expect(code).toMatch(/^\d+$/);
    // The pointer on it holds it (for the checks and the picture below).
    await page.getByTestId('sms-banner').hover();
    // The banner tells whom it was sent to and the whole text; the list of the tester panel has the same code.
    expect(await page.getByTestId('sms-banner').textContent()).toContain(`发给 ${liNa.phone}`);
    expect(await page.getByTestId('sms-notification').first().textContent()).toContain(code);
    // Sent at 09:0x China time by the sandbox, as the phone shows it (not 20:0x New York time, not UTC 01:0x).
    expect(chinaMinutes(before, await sandboxNow())).toContain(await page.getByTestId('sms-notification').first().locator('.sms-time').textContent());

    for (const where of ['top', 'middle', 'bottom'] as const) {
      await scrollTo(page, where);
      expect([where, await bannerInView(page)]).toEqual([where, true]);
    }
    await scrollTo(page, 'bottom');
    await readmeScreenshot(page, 'messenger');

    // 200 % zoom (a 1440×900 screen): the phone goes below the tester panel; the banner is still in view.
    await page.setViewportSize({ width: 720, height: 450 });
    for (const where of ['top', 'bottom'] as const) {
      await scrollTo(page, where);
      expect([`${where} at 200 %`, await bannerInView(page)]).toEqual([`${where} at 200 %`, true]);
      await page.screenshot({ path: artifactPath(`messenger-sms-banner-200-${where}.png`) });
    }
    await page.setViewportSize({ width: 1200, height: 900 });

    // Tapped, it goes; the code typed binds her.
    await page.getByTestId('sms-banner').click();
    await page.getByTestId('sms-banner').waitFor({ state: 'hidden' });
    since = await say(page, code);
    let listed = '';
    for (let turn = 0; turn < 4 && !listed; turn += 1) {
      const text = await waitForBot(page, since, /条未处理|(^|\n)\s*1\s*[.．、)）]/);
      if (/条未处理/.test(text)) listed = text;
      else {
        const options = text.split('\n').map((line) => OPTION_LINE.exec(line)).filter((m): m is RegExpExecArray => m !== null);
        since = await say(page, (options.find((m) => /苏A12345|本人|名下/.test(m[2])) ?? options[0])[1]);
      }
    }
    expect(listed).toMatch(/3\s*条未处理/);
  });

  it('a banner nobody taps goes away by itself after a few seconds', async () => {
    const page = await openMessenger(pages, base);
    const wang = persona('王强');
    await openChat(page, wang);
    let since = await say(page, '我还有几分');
    let length = 0;
    for (let turn = 0; turn < 6 && !length; turn += 1) {
      const text = await waitForBot(page, since, /位验证码|姓名|身份证号|(^|\n)\s*1\s*[.．、)）]/);
      if (/位验证码/.test(text)) length = Number(/(\d+)\s*位验证码/.exec(text)?.[1] ?? 6);
      else since = await say(page, /姓名/.test(text) ? wang.name : /身份证号/.test(text) ? wang.idNumber : '1');
    }
    await smsBannerCode(page, length);
    const shownAt = Date.now();
    await page.getByTestId('sms-banner').waitFor({ state: 'hidden', timeout: 15_000 });
    expect(Date.now() - shownAt).toBeGreaterThan(3_000);
    // The binding asked for the code is left: a new conversation.
    await startNewConversation(page);
  });

  it('a message the server never got shows the red !; tapped, it goes again with the same MsgId and is answered once', async () => {
    const page = await openMessenger(pages, base);
    const wang = persona('王强');
    await openChat(page, wang);
    const posted: string[] = [];
    page.on('request', (r) => {
      const id = r.url().includes('/api/wechat') ? msgIdOf(r) : undefined;
      if (id) posted.push(id);
    });
    // The first text message never reaches the server (the network fails).
    let refused = 0;
    await page.route((url: URL) => url.pathname === '/api/wechat', async (route: Route) => {
      if (msgIdOf(route.request()) && refused === 0) {
        refused += 1;
        await route.abort('failed');
        return;
      }
      await route.continue();
    });
    const since = await say(page, '谢谢');
    const message = page.getByTestId('user-message').last();
    await page.locator('[data-testid="user-message"][data-state="failed"]').waitFor();
    await page.getByTestId('resend').waitFor({ state: 'visible' });
    expect(await page.getByTestId('resend').getAttribute('title')).toBe('发送失败：网络连接出错，点击重发');
    await page.screenshot({ path: artifactPath('messenger-failed-message.png') });
    expect(await botCount(page)).toBe(since);

    await page.getByTestId('resend').click();
    await waitForBot(page, since, /\S/);
    await waitForIdle(page);
    expect(await message.getAttribute('data-state')).toBe('sent');
    expect(await page.getByTestId('resend').count()).toBe(0);
    expect(posted).toHaveLength(2);
    expect(posted[1]).toBe(posted[0]);
    await expectAnsweredOnce(wang.openid, '谢谢', await botTextsAfter(page, since));
    await page.unrouteAll();
  });

  it('a message the server answered but whose answer was lost: resent, the bot answers it exactly once (de-duplicated by MsgId)', async () => {
    const page = await openMessenger(pages, base);
    const visitor = wechat.personas.find((p) => p.openid === 'o_sandbox_visitor') as Persona;
    await openChat(page, visitor);
    // The server gets the first text message and answers, but the page sees 502 (a proxy lost the answer).
    let lost = 0;
    await page.route((url: URL) => url.pathname === '/api/wechat', async (route: Route) => {
      if (msgIdOf(route.request()) && lost === 0) {
        lost += 1;
        const real = await route.fetch();
        expect(real.status()).toBe(200);
        await route.fulfill({ status: 502, contentType: 'text/plain', body: 'Bad Gateway' });
        return;
      }
      await route.continue();
    });
    const since = await say(page, '你好');
    await page.locator('[data-testid="user-message"][data-state="failed"]').waitFor();
    expect(await page.getByTestId('resend').getAttribute('title')).toBe('发送失败：公众号服务器出错（502），点击重发');
    expect(await botCount(page)).toBe(since);
    await page.getByTestId('resend').click();
    await waitForBot(page, since, /\S/);
    await waitForIdle(page);
    await expectAnsweredOnce(visitor.openid, '你好', await botTextsAfter(page, since));
    expect(await page.locator('[data-testid="user-message"][data-state="failed"]').count()).toBe(0);
    await page.unrouteAll();
  });

  it('a message not answered within 15 s shows the red ! too; resent, it is answered once', async () => {
    const page = await openMessenger(pages, base);
    const zhangWei = persona('张伟');
    await openChat(page, zhangWei);
    // The first text message hangs (no answer comes); the page gives up on it after SEND_TIMEOUT_MS.
    let held = 0;
    await page.route((url: URL) => url.pathname === '/api/wechat', async (route: Route) => {
      if (msgIdOf(route.request()) && held === 0) {
        held += 1;
        await new Promise((r) => setTimeout(r, 17_000));
        await route.abort('timedout').catch(() => undefined);
        return;
      }
      await route.continue();
    });
    const since = await say(page, '你好');
    await page.getByTestId('message-sending').waitFor({ state: 'visible' });
    await page.locator('[data-testid="user-message"][data-state="failed"]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('resend').getAttribute('title')).toBe('发送失败：公众号没有及时回应，点击重发');
    expect(await page.getByTestId('message-sending').count()).toBe(0);
    await page.getByTestId('resend').click();
    await waitForBot(page, since, /\S/);
    await waitForIdle(page);
    await expectAnsweredOnce(zhangWei.openid, '你好', await botTextsAfter(page, since));
    await page.unrouteAll({ behavior: 'ignoreErrors' });
  });

  it('「清空」 starts a new conversation: the booking confirmation asked before is not taken up after it; a waiting handoff is cancelled', async () => {
    const zhangWei = persona('张伟');
    new SandboxAdmin((bot.app.stores as SqliteStores).db, { now: () => new Date(Date.parse('2026-11-25T09:00:00+08:00')) })
      .bind(`wechat:${zhangWei.openid}`, zhangWei.idNumber);
    const booked = async (): Promise<number> => (await bot.app.platform.exams.listBookings(zhangWei.idNumber)).filter((b) => b.status === 'booked').length;
    const bookedBefore = await booked();
    const page = await openMessenger(pages, base);
    await openChat(page, zhangWei);

    // Up to the confirmation question (taking the first offer at every choice).
    let since = await say(page, '我要预约科目二');
    let confirm = '';
    for (let turn = 0; turn < 8 && !confirm; turn += 1) {
      const text = await waitForBot(page, since, /确认预约吗|(^|\n)\s*1\s*[.．、)）]/);
      if (/确认预约吗/.test(text)) confirm = text;
      else since = await say(page, '1');
    }
    expect(confirm).toMatch(/1\.\s*是/);

    await startNewConversation(page);
    expect(await page.getByTestId('user-message').count()).toBe(0);
    expect(await page.getByTestId('bot-message').count()).toBe(0);
    // 「1」 was 「是」 to the confirmation; in the new conversation it books nothing.
    const answer = await waitForBot(page, await say(page, '1'), /\S/);
    expect(answer).not.toMatch(/已预约|预约成功/);
    await waitForIdle(page);
    expect(await booked()).toBe(bookedBefore);

    // Waiting for a person, then 清空: the wait is cancelled, and the next message is the bot's again.
    await waitForBot(page, await say(page, '转人工'), /排队|人工|客服/);
    const open = await bot.app.handoff.openFor(`wechat:${zhangWei.openid}`);
    expect(open?.status).toBe('waiting');
    await startNewConversation(page);
    expect(await page.getByTestId('event-message').last().textContent()).toBe('已清空聊天记录，开始新的对话，已取消等待人工客服');
    expect(await bot.app.handoff.openFor(`wechat:${zhangWei.openid}`)).toBeFalsy();
    const after = await waitForBot(page, await say(page, '你好'), /\S/);
    expect(after).not.toMatch(/排在|前面还有|等待/);
  });

  it('POST /sandbox/wechat/new-conversation refuses a missing or malformed openid', async () => {
    for (const body of [{}, { openid: '' }, { openid: 'a b' }, { openid: 42 }]) {
      const r = await fetch(`${base}/sandbox/wechat/new-conversation`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
      });
      expect([JSON.stringify(body), r.status, ((await r.json()) as { code: string }).code]).toEqual([JSON.stringify(body), 400, 'FOLLOWER_INVALID']);
    }
    const ok = await fetch(`${base}/sandbox/wechat/new-conversation`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: 'o_sandbox_nobody' }),
    });
    expect([ok.status, await ok.json()]).toEqual([200, { openid: 'o_sandbox_nobody', dialogEnded: false, handoff: null }]);
  });
});
