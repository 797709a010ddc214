import { startWeChatApp, type WeChatTestApp } from '../wechat/wechatClient';
import { SANDBOX_WECHAT } from '../../../bot/config';
import { sandboxTemplateId } from '../../../bot/notices/noticeConfig';
import { SandboxWeChatServer } from '../../../integrations/wechat/sandbox/SandboxWeChatServer';
import type { SqliteStores } from '../../../integrations/storage/sqlite/createSqliteStores';
import { artifactPath } from '../../browser/chromium';
import {
  botCount, findPersona, MESSENGER_WAIT_MS, openChat, openMessenger, sandboxWechatConfig, say, waitForBot, type Persona, type SandboxWechatConfig,
} from '../../browser/messengerPage';
import { noticeCards } from '../../browser/noticeCards';
import { WatchedPages } from '../../browser/watchedPages';

jest.setTimeout(120_000);

/** A template of the test's own (the outbox checks a message against the account's templates). */
const FINE_TEMPLATE = {
  id: 'TEST_FINE_DEADLINE',
  title: '罚款缴纳提醒',
  fields: [
    { key: 'keyword1', label: '决定书编号' },
    { key: 'keyword2', label: '罚款金额' },
    { key: 'keyword3', label: '缴款期限' },
    { key: 'remark', label: '下一步' },
  ],
};
const FINE_DATA = {
  keyword1: '320102202611250001', keyword2: '200元', keyword3: '2026年12月10日', remark: '逾期每日加处3%罚款，回复「缴款」立即缴纳',
};

describe('notices in the WeChat messenger page (sandbox, real browser)', () => {
  let bot: WeChatTestApp;
  let wechat: SandboxWechatConfig;
  /**
   * The sandbox WeChat outbox, on the bot's own database: what it receives is what the page's stream replays when
   * a persona's chat is opened (it does not tell the bot's live stream: the messages are put there before).
   */
  let outbox: SandboxWeChatServer;
  const pages = new WatchedPages();

  /** Sends a template message to `openid` as the bot would (POST /cgi-bin/message/template/send). */
  function sendTemplate(openid: string, url: string | undefined, clientMsgId: string): void {
    const token = outbox.issueToken('client_credential', SANDBOX_WECHAT.appId, SANDBOX_WECHAT.appSecret).access_token ?? '';
    const data = Object.fromEntries(Object.entries(FINE_DATA).map(([k, value]) => [k, { value }]));
    const answer = outbox.receiveTemplate(token, {
      touser: openid, template_id: FINE_TEMPLATE.id, client_msg_id: clientMsgId, data, ...(url === undefined ? {} : { url }),
    });
    expect(answer).toMatchObject({ errcode: 0 });
  }

  const persona = (name: string): Persona => findPersona(wechat, name);

  beforeAll(async () => {
    bot = await startWeChatApp();
    wechat = await sandboxWechatConfig(bot.base);
    outbox = new SandboxWeChatServer((bot.app.stores as SqliteStores).db, SANDBOX_WECHAT, Date.now, [FINE_TEMPLATE]);
    await pages.launch();
  }, 120_000);

  afterAll(async () => {
    await pages.close();
    if (bot) await bot.close();
  });

  afterEach(() => pages.expectNoProblems());

  it('a template message is a service-notice card with its fields; its button sends the word as 李娜 typing it; kept after a reload', async () => {
    const liNa = persona('李娜');
    sendTemplate(liNa.openid, '/chat/reply?say=缴款', 'fine-deadline:test-1');

    const page = await openMessenger(pages, bot.base);
    await openChat(page, liNa);
    await page.getByTestId('notice-card').first().waitFor({ timeout: MESSENGER_WAIT_MS });
    const [card] = await noticeCards(page);
    expect(card.title).toBe('罚款缴纳提醒');
    expect(card.head).toMatch(/^服务通知\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
    expect(card.fields).toEqual([
      '决定书编号：320102202611250001',
      '罚款金额：200元',
      '缴款期限：2026年12月10日',
      '下一步：逾期每日加处3%罚款，回复「缴款」立即缴纳',
    ]);
    expect(card.action).toBe('缴款');
    expect(card.link).toBeNull();
    await page.getByTestId('notice-card').first().screenshot({ path: artifactPath('messenger-notice-card.png') });

    // The button: the word goes to the bot as 李娜's own message, and the bot answers it.
    const since = await botCount(page);
    const typed = await page.getByTestId('user-message').count();
    await page.getByTestId('notice-action').click();
    await page.getByTestId('user-message').nth(typed).waitFor();
    expect(await page.getByTestId('user-message').nth(typed).textContent()).toBe('缴款');
    await waitForBot(page, since, /\S/);

    // Kept in 李娜's history like other messages, shown once after a reload (not replayed a second time).
    await page.reload();
    await page.locator('body[data-ready="true"]').waitFor();
    await page.locator(`body[data-openid="${liNa.openid}"]`).waitFor();
    await page.getByTestId('notice-card').first().waitFor();
    await page.waitForTimeout(500);
    expect((await noticeCards(page)).map((c) => c.title)).toEqual(['罚款缴纳提醒']);
  });

  it("a notice the bot sends while the chat is open (WeChat's template API over HTTP) appears at once", async () => {
    const liNa = persona('李娜');
    const page = await openMessenger(pages, bot.base);
    await openChat(page, liNa);
    const before = (await noticeCards(page)).length;

    const q = new URLSearchParams({ grant_type: 'client_credential', appid: SANDBOX_WECHAT.appId, secret: SANDBOX_WECHAT.appSecret });
    const { access_token: token } = (await (await fetch(`${bot.base}/sandbox/wechat/cgi-bin/token?${q}`)).json()) as { access_token: string };
    const data = {
      keyword1: '苏A12345', keyword2: '320102202611250002', keyword3: '150元', keyword4: '2026年12月12日', keyword5: '未缴款', remark: '回复「缴款」立即缴纳',
    };
    const sent = await fetch(`${bot.base}/sandbox/wechat/cgi-bin/message/template/send?access_token=${encodeURIComponent(token)}`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        touser: liNa.openid, template_id: sandboxTemplateId('fine-deadline'), url: '/chat/reply?say=缴款', client_msg_id: 'live-test-1',
        data: Object.fromEntries(Object.entries(data).map(([k, value]) => [k, { value }])),
      }),
    });
    expect(await sent.json()).toMatchObject({ errcode: 0 });

    await page.getByTestId('notice-card').nth(before).waitFor({ timeout: MESSENGER_WAIT_MS });
    const cards = await noticeCards(page);
    expect(cards).toHaveLength(before + 1);
    expect(cards[before]).toMatchObject({
      title: '罚款缴纳提醒',
      fields: ['号牌：苏A12345', '决定书编号：320102202611250002', '罚款金额：150元', '缴款期限：2026年12月12日', '状态：未缴款', '下一步：回复「缴款」立即缴纳'],
      action: '缴款',
    });
  });

  /** Notices sent to 王强 so far: each case's page replays them all, the newest last. */
  let wangNotices = 0;

  it.each([
    ['/chat/reply?say=%E6%94%B9%E7%BA%A6', { action: '改约', link: null }],
    ['https://example.org/notices/1', { action: null, link: 'https://example.org/notices/1' }],
    ['javascript:alert(1)', { action: null, link: null }],
    [undefined, { action: null, link: null }],
  ])('a notice with url %s shows %o', async (url, shown) => {
    const wang = persona('王强');
    sendTemplate(wang.openid, url, `url-test:${String(url)}`);
    wangNotices += 1;
    const page = await openMessenger(pages, bot.base);
    await openChat(page, wang);
    await page.getByTestId('notice-card').nth(wangNotices - 1).waitFor({ timeout: MESSENGER_WAIT_MS });
    const cards = await noticeCards(page);
    expect(cards).toHaveLength(wangNotices);
    expect(cards[wangNotices - 1]).toMatchObject(shown);
  });

  it("张伟's card lists his subscriptions, marks WeChat's refusals, switches WeChat's 接收通知 off and on, and reads them again after a reply", async () => {
    const zhang = persona('张伟');
    const citizen = `wechat:${zhang.openid}`;
    const at = Date.now();
    await bot.app.stores.notices.setConsent({ citizen, topic: 'exam-reminder', state: 'granted', updatedAt: at });
    await bot.app.stores.notices.setConsent({ citizen, topic: 'exam-result', state: 'granted', updatedAt: at });
    await bot.app.stores.notices.setConsent({ citizen, topic: 'fine-deadline', state: 'refused', reason: '43101', updatedAt: at });

    const page = await openMessenger(pages, bot.base);
    await openChat(page, zhang);
    await page.locator('[data-testid="persona-subscribed"]', { hasText: '已订阅：考前提醒、考试成绩' }).waitFor();
    await page.locator('[data-testid="persona-refused"]', { hasText: '微信已拒收：缴款期限' }).waitFor();

    // WeChat's own setting: refusing the account's notices is what WeChat then answers (43101).
    const accept = page.getByTestId('wechat-accept');
    await page.locator('[data-testid="wechat-accept"]:not([disabled])').waitFor({ state: 'attached' });
    expect(await accept.isChecked()).toBe(true);
    await page.locator('.switch', { has: accept }).click();
    await page.locator('[data-testid="wechat-follower-note"]', { hasText: '已在微信里拒收' }).waitFor();
    expect(outbox.followerSettings(zhang.openid).notices).toBe('reject');
    expect(await accept.isChecked()).toBe(false);
    await page.locator('[data-testid="wechat-accept"]:not([disabled])').waitFor({ state: 'attached' });
    await page.locator('.switch', { has: accept }).click();
    await page.locator('[data-testid="wechat-follower-note"]').waitFor({ state: 'hidden' });
    expect(outbox.followerSettings(zhang.openid).notices).toBe('accept');

    // Read again after each reply of the bot (a citizen changes them in conversation: 「不要再提醒」).
    await bot.app.stores.notices.setConsent({ citizen, topic: 'exam-result', state: 'revoked', updatedAt: Date.now() });
    await waitForBot(page, await say(page, '你好'), /\S/);
    await page.locator('[data-testid="persona-subscribed"]', { hasText: /^已订阅：考前提醒$/ }).waitFor();
    await page.locator('[data-testid="persona-revoked"]', { hasText: '已退订：考试成绩' }).waitFor();

    // Another persona: her own subscriptions (none), nothing of 张伟's left on the card.
    await openChat(page, persona('新用户'));
    await page.locator('[data-testid="persona-subscribed"]', { hasText: '未订阅通知' }).waitFor();
    expect(await page.getByTestId('persona-refused').isVisible()).toBe(false);
  });
});
