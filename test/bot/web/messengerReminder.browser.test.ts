import { startWeChatApp, type WeChatTestApp } from '../wechat/wechatClient';
import { SandboxAdmin } from '../../../integrations/platform/sandbox/SandboxAdmin';
import type { SqliteStores } from '../../../integrations/storage/sqlite/createSqliteStores';
import { artifactPath } from '../../browser/chromium';
import {
  botTextsAfter, findPersona, MESSENGER_WAIT_MS, openChat, openMessenger, sandboxWechatConfig, say, waitForBot,
} from '../../browser/messengerPage';
import { noticeCards, waitForNoticeCard } from '../../browser/noticeCards';
import { WatchedPages } from '../../browser/watchedPages';

jest.setTimeout(180_000);

/** A numbered option line in a bot text. */
const OPTION_LINE = /^\s*(\d{1,2})\s*[.．、)）]\s*(\S.*)$/;

describe('张伟 books 科目二, agrees to a reminder, and the day before it arrives in the messenger (real browser)', () => {
  let bot: WeChatTestApp;
  const pages = new WatchedPages();

  beforeAll(async () => {
    // SANDBOX_TODAY 2026-11-25, 09:00 China time.
    bot = await startWeChatApp();
    await bot.app.ready;
    await pages.launch();
  }, 120_000);

  afterAll(async () => {
    await pages.close();
    if (bot) await bot.close();
  });

  afterEach(() => pages.expectNoProblems());

  it('books, says yes in his own words, the clock moves to the day before, the reminder card comes with its 改约 button', async () => {
    const wechat = await sandboxWechatConfig(bot.base);
    const zhangWei = findPersona(wechat, '张伟');
    // Bound already (binding is another test's subject): the sandbox binds his WeChat user as the SMS code would.
    new SandboxAdmin((bot.app.stores as SqliteStores).db, { now: () => new Date(Date.parse('2026-11-25T09:00:00+08:00')) })
      .bind(`wechat:${zhangWei.openid}`, zhangWei.idNumber);

    const page = await openMessenger(pages, bot.base);
    await openChat(page, zhangWei);

    // Book 科目二, taking the first offer at every choice, until the bot asks about the reminder.
    let since = await say(page, '我要预约科目二');
    let offer = '';
    for (let turn = 0; turn < 8 && !offer; turn += 1) {
      const text = await waitForBot(page, since, /考前一天提醒|确认|(^|\n)\s*1\s*[.．、)）]/);
      if (/考前一天提醒/.test(text)) offer = (await botTextsAfter(page, since)).join('\n');
      else if (/确认/.test(text) && !OPTION_LINE.test(text.split('\n').find((l) => OPTION_LINE.test(l)) ?? '')) since = await say(page, '确认');
      else since = await say(page, '1');
    }
    expect(offer).toMatch(/已预约|预约成功/);
    expect(offer).toContain('需要考前一天提醒你吗？');

    const yes = await waitForBot(page, await say(page, '行，提醒我一下'), /考前一天提醒你/);
    expect(yes).toContain('好的，考前一天提醒你，出成绩也会告诉你。');
    // The persona card tells his subscriptions.
    await page.getByText(/已订阅：考前提醒、考试成绩/).first().waitFor({ timeout: MESSENGER_WAIT_MS });

    const [booking] = (await bot.app.platform.exams.listBookings(zhangWei.idNumber)).filter((b) => b.status === 'booked');
    expect(booking.subject).toBe(2);
    const dayBefore = new Date(Date.parse(`${booking.date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(await noticeCards(page)).toEqual([]);
    const moved = await fetch(`${bot.base}/sandbox/clock`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: `${dayBefore}T09:00:00+08:00` }),
    });
    expect(moved.status).toBe(200);

    const card = await waitForNoticeCard(page, '考试预约提醒');
    // Stamped with the sandbox's time, as his phone would show it: the day before, 09:00.
    const [, m, d] = dayBefore.split('-').map(Number);
    expect(card.head).toBe(`服务通知${m}月${d}日 09:00`);
    expect(card.fields[0]).toBe('考试科目：科目二');
    expect(card.fields[1]).toMatch(/^考试时间：\d{1,2}月\d{1,2}日（周.）(上午 8:00|下午 13:00)入场$/);
    expect(card.fields[2]).toMatch(/^考场：南京市交管局第二考场（.+）$/);
    expect(card.fields[3]).toBe('携带证件：身份证原件、学习驾驶证明');
    expect(card.fields[4]).toMatch(/^下一步：回复「改约」换时间；「取消考试」可取消，截止/);
    expect(card.action).toBe('改约');
    await page.screenshot({ path: artifactPath('messenger-zhang-wei-reminder.png'), fullPage: true });

    // One tap: the button says 改约 for him, and the bot takes it up.
    const before = await page.getByTestId('bot-message').count();
    await page.getByTestId('notice-action').last().click();
    // The reschedule of that booking: its subject's next dates.
    const answer = await waitForBot(page, before, /科目二/);
    expect(answer).toMatch(/科目二.*日期/);
    expect(await noticeCards(page)).toHaveLength(1);
  });
});
