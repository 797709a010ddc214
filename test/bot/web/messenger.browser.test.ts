import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { compose, type App } from '../../../bot/compose';
import { readConfig } from '../../../bot/config';
import { testLogger } from '../../support/captureLogger';
import { artifactPath, launchChromium } from '../../browser/chromium';

jest.setTimeout(120_000);

/** What GET /sandbox/wechat/config returns. */
interface Persona { openid: string; name: string; phone: string; idNumber: string; note: string }
interface SandboxWechatConfig { token: string; account: string; appId: string; personas: Persona[] }

/** The little of the DOM the in-page functions below touch (the test compiles without the DOM lib). */
interface PageNode { textContent: string | null; innerText: string }
interface PageDocument { querySelectorAll(selector: string): ArrayLike<PageNode> }
// In-page functions are serialised into the page, so each reaches the document itself, this way:
//   (globalThis as unknown as { document: PageDocument }).document

const LI_NA_ID = '320583198512240024';
const WAIT_MS = 60_000;
/** A numbered option line in a bot text, as the page also recognises it. */
const OPTION_LINE = /^\s*(\d{1,2})\s*[.．、)）]\s*(\S.*)$/;

interface BotWait { since: number; pattern: string }
interface BotSeen { error?: string; text?: string }

/** Bubbles the page shows for the bot. */
async function botCount(page: Page): Promise<number> {
  return page.getByTestId('bot-message').count();
}

/**
 * Waits until the bot messages after the first `since` (joined) match `pattern`, and returns their text.
 * An error line on the page (HTTP error from /api/wechat) fails at once with its text.
 */
async function waitForBot(page: Page, since: number, pattern: RegExp): Promise<string> {
  const handle = await page.waitForFunction(({ since: from, pattern: source }: BotWait): BotSeen | false => {
    const doc = (globalThis as unknown as { document: PageDocument }).document;
    const errors = Array.from(doc.querySelectorAll('[data-testid="error-message"]'));
    if (errors.length > 0) return { error: errors.map((e) => e.textContent ?? '').join('\n') };
    const text = Array.from(doc.querySelectorAll('[data-testid="bot-message"]')).slice(from)
      .map((e) => e.innerText).join('\n');
    return new RegExp(source).test(text) ? { text } : false;
  }, { since, pattern: pattern.source }, { timeout: WAIT_MS, polling: 100 }).catch(async (err: Error) => {
    // Say what the page showed instead of a bare timeout.
    const shown = await page.locator('[data-testid="chat"] > li').allInnerTexts().catch(() => []);
    throw new Error(`${err.message}\nwaited for bot messages after #${since} to match ${pattern}; the chat shows:\n${shown.join('\n')}`);
  });
  const seen = (await handle.jsonValue()) as BotSeen;
  if (seen.error !== undefined) throw new Error(`the page shows an error: ${seen.error}`);
  return seen.text ?? '';
}

/** Types a message into the page and sends it; returns how many bot bubbles there were before. */
async function say(page: Page, text: string): Promise<number> {
  const since = await botCount(page);
  const sent = await page.getByTestId('user-message').count();
  await page.getByTestId('input').fill(text);
  await page.getByTestId('send').click();
  await page.getByTestId('user-message').nth(sent).waitFor();
  expect(await page.getByTestId('user-message').nth(sent).textContent()).toBe(text);
  return since;
}

/** The text of the bot bubbles (as shown, with line breaks), newest last, after the first `since`. */
async function botTextsAfter(page: Page, since: number): Promise<string> {
  const texts = await page.getByTestId('bot-message').evaluateAll(
    (nodes: PageNode[], from: number) => nodes.slice(from).map((n) => n.innerText), since);
  return texts.join('\n');
}

/** The SMS code of `length` digits in the newest SMS notification the page shows. */
async function smsCodeOnPage(page: Page, length: number): Promise<string> {
  const handle = await page.waitForFunction((digits: number): string | false => {
    const first = (globalThis as unknown as { document: PageDocument }).document.querySelectorAll('[data-testid="sms-notification"]')[0];
    const m = first ? new RegExp(`(?:^|\\D)(\\d{${digits}})(?!\\d)`).exec(first.textContent ?? '') : null;
    return m ? m[1] : false;
  }, length, { timeout: WAIT_MS, polling: 100 });
  return (await handle.jsonValue()) as string;
}

describe('the WeChat messenger page in a real browser (sandbox)', () => {
  let app: App;
  let base: string;
  let browser: Browser;
  let wechat: SandboxWechatConfig;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  const cspViolations: string[] = [];

  async function openMessenger(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'zh-CN' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (err: Error) => pageErrors.push(err.message));
    page.on('console', (m: ConsoleMessage) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    const response = await page.goto(`${base}/`);
    expect(response?.status()).toBe(200);
    // The page must work under the strict CSP the server sends (no inline script or style).
    expect(response?.headers()['content-security-policy'] ?? '').toContain("script-src 'self'");
    await page.locator('body[data-ready="true"]').waitFor({ timeout: WAIT_MS });
    return page;
  }

  function persona(name: string): Persona {
    const p = wechat.personas.find((x) => x.name === name);
    if (!p) throw new Error(`no persona ${name} in /sandbox/wechat/config: ${JSON.stringify(wechat.personas)}`);
    return p;
  }

  /** Opens the persona's chat and waits for the welcome reply to its first-time subscribe event. */
  async function openChat(page: Page, who: Persona): Promise<void> {
    await page.getByTestId(`persona-${who.openid}`).click();
    await page.locator(`body[data-openid="${who.openid}"]`).waitFor();
    await page.getByTestId('persona-card').waitFor({ state: 'visible' });
    expect(await page.getByTestId('persona-id').textContent()).toBe(who.idNumber);
    expect(await page.getByTestId('persona-phone').textContent()).toBe(who.phone);
    await waitForBot(page, 0, /交管助手|你好|欢迎/);
  }

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jiaoguan-messenger-'));
    app = compose(readConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', SANDBOX_TODAY: '2026-11-25' }), testLogger());
    await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const r = await fetch(`${base}/sandbox/wechat/config`);
    expect(r.status).toBe(200);
    wechat = (await r.json()) as SandboxWechatConfig;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    if (browser) await browser.close();
    if (app) {
      app.server.close();
      await app.close();
    }
  });

  afterEach(() => {
    const errors = pageErrors.splice(0);
    const violations = cspViolations.splice(0);
    expect(errors).toEqual([]);
    expect(violations).toEqual([]);
  });

  it('李娜 binds her identity with the SMS code from her phone and sees her unprocessed violations', async () => {
    const page = await openMessenger();
    const liNa = persona('李娜');
    expect(liNa.idNumber).toBe(LI_NA_ID);
    await openChat(page, liNa);

    // Follow the bot, answering whatever it asks for, until it lists the violations.
    let since = await say(page, '查违章');
    let listed = '';
    const answered: string[] = [];
    for (let turn = 0; turn < 8 && !listed; turn += 1) {
      const text = await waitForBot(page, since, /条未处理|位验证码|姓名|身份证号|(^|\n)\s*1\s*[.．、)）]/);
      if (/条未处理/.test(text)) {
        listed = await botTextsAfter(page, since);
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

  it('the page signs its messages correctly; a forged signature is refused', async () => {
    const page = await openMessenger();
    const wang = persona('王强');
    await openChat(page, wang);
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
    expect(await botTextsAfter(page, before)).not.toMatch(/查询方式|身份证号/);
  });
});
