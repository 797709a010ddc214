import { SandboxAdmin } from '../../../integrations/platform/sandbox/SandboxAdmin';
import type { Clock } from '../../../integrations/clock';
import type { SqliteStores } from '../../../integrations/storage/sqlite/createSqliteStores';
import { ZHANG_WEI } from '../../integrations/platform/fixtures';
import { AgentClient } from '../handoff/agentClient';
import { customMessages, FakeWeChat, type WeChatTestApp } from '../wechat/wechatClient';

/** A valid mainland ID number (ISO 7064 MOD 11-2 check character) from its first 17 digits. */
export function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

export const OPS_PASSWORD = 'correct horse 12';
/** The day scripted, China time. */
export const OPS_DAY = '2026-11-25';

/** A step of the day: at a China time, a follower says something (or something else happens). */
interface Step { at: string; who?: string; say?: string; then?: (t: WeChatTestApp) => Promise<void> }

/**
 * The scripted day over the WeChat webhook (every message at its own China time on the test's clock):
 * - 10:00 张伟 books 科目二 (to the end: confirmed), and declines the reminder;
 * - 11:00 a learner books 科目一 (confirmed);
 * - 12:00 a notice goes out (written to the store as the notice engine would: that engine is tested elsewhere);
 * - 14:00 another learner gets to the booking's confirmation and leaves; at 16:00 (after 30 minutes: a new
 *   conversation) she says hello;
 * - 15:00 an unbound follower types something the bot cannot understand;
 * - 15:30 a follower asks for a person; an agent takes it and closes it; the follower rates 4.
 * Expected: 6 conversations, 5 without a person, 1 handoff (requested), exam.book 3 started 2 confirmed, 1 stopped at
 * 确认预约, 1 not understood, satisfaction 4 (1 rating), 1 notice sent.
 */
export async function scriptDay(t: WeChatTestApp, clock: Clock & { set(iso: string): void }): Promise<void> {
  const stores = t.app.stores as SqliteStores;
  const admin = new SandboxAdmin(stores.db, clock);
  const learnerB = idNumber('32010219980101123');
  const learnerC = idNumber('32010219990202124');
  admin.addCitizen({ idNumber: learnerB, name: '陈静', phone: '13600001111', learnerRegisteredOn: '2026-10-01' });
  admin.addCitizen({ idNumber: learnerC, name: '周敏', phone: '13600002222', learnerRegisteredOn: '2026-10-01' });
  admin.bind('wechat:o_ops_zhangwei', ZHANG_WEI.idNumber);
  admin.bind('wechat:o_ops_chenjing', learnerB);
  admin.bind('wechat:o_ops_zhoumin', learnerC);
  await t.app.agents.create({ username: 'zhao.kefu', password: OPS_PASSWORD, displayName: '赵客服', role: 'agent' });
  const wx = new FakeWeChat(t.base);
  const agent = new AgentClient(t.base);
  const handoffId = async (): Promise<string> => {
    const [h] = await t.app.stores.handoffs.waiting();
    if (!h) throw new Error('no waiting handoff');
    return h.id;
  };
  const steps: Step[] = [
    { at: '10:00', who: 'o_ops_zhangwei', say: '我要预约科目二' },
    { at: '10:01', who: 'o_ops_zhangwei', say: '1' },
    { at: '10:02', who: 'o_ops_zhangwei', say: '1' },
    { at: '10:03', who: 'o_ops_zhangwei', say: '确认' },
    { at: '10:04', who: 'o_ops_zhangwei', say: '不用了' },
    { at: '11:00', who: 'o_ops_chenjing', say: '我要预约科目一' },
    { at: '11:01', who: 'o_ops_chenjing', say: '1' },
    { at: '11:02', who: 'o_ops_chenjing', say: '1' },
    { at: '11:03', who: 'o_ops_chenjing', say: '确认' },
    { at: '11:04', who: 'o_ops_chenjing', say: '不用了' },
    { at: '12:00', then: async () => {
      const now = clock.now().getTime();
      await t.app.stores.notices.restore({
        id: 'ops-day-1', key: 'ops-day:1', citizen: 'wechat:o_ops_zhangwei', topic: 'exam-reminder', dueAt: now, payload: {},
        status: 'sent', attempts: 1, createdAt: now, sentAt: now,
      });
    } },
    { at: '14:00', who: 'o_ops_zhoumin', say: '我要预约科目一' },
    { at: '14:01', who: 'o_ops_zhoumin', say: '1' },
    { at: '14:02', who: 'o_ops_zhoumin', say: '1' },
    { at: '15:00', who: 'o_ops_visitor', say: '阿巴阿巴呜啦' },
    { at: '15:30', who: 'o_ops_person', say: '转人工' },
    { at: '15:32', then: async () => {
      if ((await agent.login('zhao.kefu', OPS_PASSWORD)).status !== 200) throw new Error('agent login failed');
      const id = await handoffId();
      if ((await agent.post(`/api/agent/handoffs/${id}/accept`)).status !== 200) throw new Error('accept failed');
      if ((await agent.post(`/api/agent/handoffs/${id}/close`, { reason: 'resolved' })).status !== 200) throw new Error('close failed');
      await t.app.wechat?.idle();
    } },
    { at: '15:33', who: 'o_ops_person', say: '4' },
    { at: '15:34', who: 'o_ops_person', say: '跳过' },
    { at: '16:00', who: 'o_ops_zhoumin', say: '你好' },
  ];
  for (const s of steps) {
    clock.set(`${OPS_DAY}T${s.at}:00+08:00`);
    if (s.who && s.say) {
      await wx.text(s.who, s.say);
      await t.app.wechat?.idle();
    }
    await s.then?.(t);
  }
  // The follower's rating reached the store.
  const rated = (await t.app.stores.handoffs.between(0, Number.MAX_SAFE_INTEGER)).find((h) => h.rating);
  if (rated?.rating?.score !== 4) throw new Error(`the rating was not stored: ${JSON.stringify(await customMessages(t.base, 'o_ops_person'))}`);
}
