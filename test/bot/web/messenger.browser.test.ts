import type { Page } from 'playwright-core';
import { startWeChatApp, type WeChatTestApp } from '../wechat/wechatClient';
import { artifactPath } from '../../browser/chromium';
import {
  botCount, botTextsAfter, findPersona, MESSENGER_WAIT_MS, openChat, sandboxWechatConfig, say, waitForBot, type Persona, type SandboxWechatConfig,
} from '../../browser/messengerPage';
import { WatchedPages } from '../../browser/watchedPages';

jest.setTimeout(120_000);

/** The little of the DOM the in-page functions below touch (the test compiles without the DOM lib). */
interface PageNode { textContent: string | null; innerText: string }
interface PageDocument { querySelectorAll(selector: string): ArrayLike<PageNode> }
// In-page functions are serialised into the page, so each reaches the document itself, this way:
//   (globalThis as unknown as { document: PageDocument }).document

const LI_NA_ID = '320583198512240024';
/** A numbered option line in a bot text, as the page also recognises it. */
const OPTION_LINE = /^\s*(\d{1,2})\s*[.．、)）]\s*(\S.*)$/;

/** The SMS code of `length` digits in the newest SMS notification the page shows. */
async function smsCodeOnPage(page: Page, length: number): Promise<string> {
  const handle = await page.waitForFunction((digits: number): string | false => {
    const first = (globalThis as unknown as { document: PageDocument }).document.querySelectorAll('[data-testid="sms-notification"]')[0];
    const m = first ? new RegExp(`(?:^|\\D)(\\d{${digits}})(?!\\d)`).exec(first.textContent ?? '') : null;
    return m ? m[1] : false;
  }, length, { timeout: MESSENGER_WAIT_MS, polling: 100 });
  return (await handle.jsonValue()) as string;
}

describe('the WeChat messenger page in a real browser (sandbox)', () => {
  let bot: WeChatTestApp;
  let base: string;
  const pages = new WatchedPages();
  let wechat: SandboxWechatConfig;

  async function openMessenger(): Promise<Page> {
    const page = await pages.newPage('citizen', 1200, 900, { locale: 'zh-CN' });
    const response = await page.goto(`${base}/`);
    expect(response?.status()).toBe(200);
    // The page must work under the strict CSP the server sends (no inline script or style).
    expect(response?.headers()['content-security-policy'] ?? '').toContain("script-src 'self'");
    await page.locator('body[data-ready="true"]').waitFor({ timeout: MESSENGER_WAIT_MS });
    return page;
  }

  const persona = (name: string): Persona => findPersona(wechat, name);

  /** Opens the persona's chat (the card shows the persona's ID number and phone) and waits for the welcome. */
  async function openPersonaChat(page: Page, who: Persona): Promise<void> {
    await openChat(page, who);
    expect(await page.getByTestId('persona-id').textContent()).toBe(who.idNumber);
    expect(await page.getByTestId('persona-phone').textContent()).toBe(who.phone);
  }

  beforeAll(async () => {
    bot = await startWeChatApp();
    base = bot.base;
    wechat = await sandboxWechatConfig(base);
    await pages.launch();
  }, 120_000);

  afterAll(async () => {
    await pages.close();
    if (bot) await bot.close();
  });

  afterEach(() => pages.expectNoProblems());

  it('李娜 binds her identity with the SMS code from her phone and sees her unprocessed violations', async () => {
    const page = await openMessenger();
    const liNa = persona('李娜');
    expect(liNa.idNumber).toBe(LI_NA_ID);
    await openPersonaChat(page, liNa);

    // Follow the bot, answering whatever it asks for, until it lists the violations.
    let since = await say(page, '查违章');
    let listed = '';
    const answered: string[] = [];
    for (let turn = 0; turn < 8 && !listed; turn += 1) {
      const text = await waitForBot(page, since, /条未处理|位验证码|姓名|身份证号|(^|\n)\s*1\s*[.．、)）]/);
      if (/条未处理/.test(text)) {
        listed = (await botTextsAfter(page, since)).join('\n');
      } else if (/位验证码/.test(text)) {
        const length = Number(/(\d+)\s*位验证码/.exec(text)?.[1] ?? 6);
        const code = await smsCodeOnPage(page, length);
        answered.push(`code ${code}`);
        since = await say(page, code);
      } else if (/姓名/.test(text)) {
        answered.push('name');
        since = await say(page, liNa.name);
      } else if (/身份证号/.test(text)) {
        answered.push('id');
        since = await say(page, liNa.idNumber);
      } else {
        // A choice: the numbered options are clickable on the page; answer by typing the number of the
        // option about her own vehicle / 苏A12345, else the first one.
        expect(await page.getByTestId('bot-option').count()).toBeGreaterThan(0);
        const options = text.split('\n').map((line) => OPTION_LINE.exec(line)).filter((m): m is RegExpExecArray => m !== null);
        const pick = options.find((m) => /苏A12345|本人|名下/.test(m[2])) ?? options[0];
        answered.push(`option ${pick[1]} ${pick[2]}`);
        since = await say(page, pick[1]);
      }
    }
    expect(answered).toEqual(expect.arrayContaining(['id', 'name']));
    expect(answered.some((a) => a.startsWith('code '))).toBe(true);
    expect(listed).toMatch(/3\s*条未处理/);
    expect(listed).toContain('苏A12345');
    expect(listed).toMatch(/罚款\s*¥?\s*200/);
    expect(listed).toMatch(/罚款\s*¥?\s*150/);
    expect(await page.getByTestId('error-message').count()).toBe(0);

    // The whole chat in one picture: a viewport as tall as the page, so that the sticky header and input bar
    // sit where they belong (a full-page capture of a shorter viewport leaves them in the middle).
    const height = await page.evaluate(() =>
      (globalThis as unknown as { document: { documentElement: { scrollHeight: number } } }).document.documentElement.scrollHeight);
    await page.setViewportSize({ width: 1200, height: Math.min(Math.max(height, 900), 12_000) });
    await page.screenshot({ path: artifactPath('messenger-li-na-fines.png'), fullPage: true });
  });

  it('shows the custom menu the server lists (from the service modules); a click asks for that service', async () => {
    const page = await openMessenger();
    await openPersonaChat(page, persona('李娜'));
    const menu = page.getByTestId('menu');
    expect(await menu.locator('.menu-top').allTextContents()).toEqual(['≡ 业务办理', '≡ 违法处理', '人工客服']);
    expect(await menu.locator('[data-key]').evaluateAll((items) => items.map((i) => `${i.getAttribute('data-key') ?? ''} ${i.textContent ?? ''}`)))
      .toEqual(['MENU_EXAM_BOOK 预约考试', 'MENU_PLATE_SELECT 自选号牌', 'MENU_FINE_QUERY 查违章缴罚款', 'MENU_POINTS 查驾照记分', 'MENU_AGENT 人工客服']);
    const since = await botCount(page);
    await menu.locator('.menu-top', { hasText: '违法处理' }).click();
    await page.getByTestId('menu-MENU_POINTS').click();
    await waitForBot(page, since, /记分|身份证号|绑定/);
  });

  it('the page signs its messages correctly; a forged signature is refused', async () => {
    const page = await openMessenger();
    const wang = persona('王强');
    await openPersonaChat(page, wang);
    const since = await say(page, '你好');
    await waitForBot(page, since, /\S/);
    expect(await page.getByTestId('error-message').count()).toBe(0);

    const before = await botCount(page);
    const forged = await page.evaluate(async ({ account, openid }: { account: string; openid: string }) => {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const xml = `<xml><ToUserName><![CDATA[${account}]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName>`
        + `<CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[查违章]]></Content>`
        + `<MsgId>${Date.now()}12345</MsgId></xml>`;
      const r = await fetch(`/api/wechat?signature=${'0'.repeat(40)}&timestamp=${timestamp}&nonce=123456789&openid=${openid}`, {
        method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: xml,
      });
      return { status: r.status, body: await r.text() };
    }, { account: wechat.account, openid: wang.openid });
    expect([401, 403]).toContain(forged.status);
    expect(forged.body).not.toMatch(/<xml>/);

    // Nothing reached the bot: a real message afterwards gets the next reply, and no stray reply appeared.
    const next = await say(page, '谢谢');
    expect(next).toBe(before);
    await waitForBot(page, next, /\S/);
    expect((await botTextsAfter(page, before)).join('\n')).not.toMatch(/查询方式|身份证号/);
  });
});
