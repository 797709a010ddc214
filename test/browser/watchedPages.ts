import type { Browser, BrowserContext, BrowserContextOptions, ConsoleMessage, Page } from 'playwright-core';
import { launchChromium } from './chromium';

/**
 * The browser of one browser-test file: every page it opens is watched for uncaught page errors and for
 * Content-Security-Policy violations (the pages must work under the strict CSP the server sends).
 */
export class WatchedPages {
  private browser?: Browser;
  private readonly contexts: BrowserContext[] = [];
  private readonly errors: string[] = [];
  private readonly violations: string[] = [];

  async launch(): Promise<void> {
    this.browser = await launchChromium();
  }

  /** A page in a context of its own (its own cookies), `who` naming it in the problems it reports. */
  async newPage(who: string, width: number, height: number, options: BrowserContextOptions = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }): Promise<Page> {
    if (!this.browser) throw new Error('WatchedPages: launch() first');
    const context = await this.browser.newContext({ ...options, viewport: { width, height } });
    this.contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (err: Error) => this.errors.push(`${who}: ${err.message}`));
    page.on('console', (m: ConsoleMessage) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) this.violations.push(`${who}: ${m.text()}`);
    });
    return page;
  }

  /** The page errors and CSP violations seen since the last call (each test's afterEach expects none). */
  takeProblems(): { errors: string[]; violations: string[] } {
    return { errors: this.errors.splice(0), violations: this.violations.splice(0) };
  }

  /** Each test's afterEach: no page error and no CSP violation since the last check. */
  expectNoProblems(): void {
    const { errors, violations } = this.takeProblems();
    expect(errors).toEqual([]);
    expect(violations).toEqual([]);
  }

  async close(): Promise<void> {
    for (const c of this.contexts) await c.close().catch(() => undefined);
    if (this.browser) await this.browser.close();
  }
}
