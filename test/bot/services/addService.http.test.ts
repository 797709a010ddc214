import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVICES, SERVICE_INDEX } from '../../../dialogs/services';
import { CORE_INTENTS } from '../../../dialogs/main/coreIntents';
import { projectCorpusFiles } from '../../../nlu-models/corpus/loadCorpus';
import { ensureModel } from '../../../nlu-models/model/ensureModel';
import { INSPECTION } from '../../fixtures/services/inspection/service';
import { AdminClient } from '../admin/adminClient';
import { AgentClient, type Queue } from '../handoff/agentClient';
import { customMessages, FakeWeChat, startWeChatApp, type WeChatTestApp } from '../wechat/wechatClient';

const PASSWORD = 'correct horse 12';
/** The throwaway service's corpus: in its own folder in the test tree. */
const INSPECTION_CORPUS = ['zh-CN', 'en'].map((l) => join(INSPECTION.dir, 'corpus', `${l}.json`));

interface Menu { menu: Array<{ label: Record<string, string>; key?: string; items?: Array<{ key: string; label: Record<string, string> }> }> }
interface Labels { intents: Array<{ intent: string; label: Record<string, string> }> }

/**
 * Adding a service is one folder: the throwaway service of test/fixtures/services/inspection (its intent, dialog,
 * catalogue and corpus) is handed to compose with the index's services, and nothing else is touched. It is
 * understood and routed to its dialog, shown in the menus and named in the agent console.
 */
describe('a service added as one module (机动车检验预约, in the test tree)', () => {
  let dir: string;
  let t: WeChatTestApp;
  let wx: FakeWeChat;
  let agent: AgentClient;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jiaoguan-service-'));
    const modelFile = join(dir, 'model.json');
    const corpusFiles = [...projectCorpusFiles(), ...INSPECTION_CORPUS];
    // The NLU trained on the project's corpora plus the new service's (seconds).
    expect(ensureModel(modelFile, corpusFiles).trained).toBe(true);
    t = await startWeChatApp({}, { services: [...SERVICES, INSPECTION], modelFile, corpusFiles });
    wx = new FakeWeChat(t.base);
    await t.app.agents.create({ username: 'wang.kefu', password: PASSWORD, displayName: '王客服', role: 'agent' });
    agent = new AgentClient(t.base);
    expect((await agent.login('wang.kefu', PASSWORD)).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('understands a request for it and its dialog answers, in Chinese and in English', async () => {
    expect(t.app.nlu.understand('我想给车预约年检', '2026-11-25').intent).toBe('inspection.book');
    expect((await wx.text('o_inspection_1', '我想给车预约年检')).text).toContain('机动车检验预约（测试服务）');
    expect((await wx.text('o_inspection_2', 'I need to book a vehicle inspection for my car')).text).toContain('Vehicle inspection booking (test service)');
  });

  it('puts it among the main menu\'s buttons, after the index\'s services', async () => {
    const reply = (await wx.text('o_inspection_3', '你好')).text;
    const options = ['预约考试', '选车牌', '查违章', '交罚款', '查记分', '预约车检'];
    const at = options.map((o) => reply.indexOf(o));
    expect({ reply, inOrder: at.every((i, k) => i >= 0 && (k === 0 || i > at[k - 1])) }).toEqual({ reply, inOrder: true });
    // And on the welcome a new follower gets.
    expect((await wx.event('o_inspection_4', 'subscribe')).text).toContain('预约车检');
  });

  it('offers it when the bot takes the conversation back from an agent, and when the citizen stops waiting', async () => {
    const openid = 'o_inspection_5';
    await wx.text(openid, '转人工');
    const [item] = (await agent.get<Queue>('/api/agent/queue')).body.waiting;
    expect((await agent.post(`/api/agent/handoffs/${item.id}/accept`)).status).toBe(200);
    expect((await agent.post(`/api/agent/handoffs/${item.id}/handback`)).status).toBe(200);
    const sent = (await customMessages(t.base, openid)).map((m) => m.text?.content ?? '');
    // The bot says it is back and asks for a rating first (one numbered list at a time); the menu follows the answer.
    expect(sent.slice(-2).join('\n')).toMatch(/人工服务已结束[\s\S]*请为本次人工服务打分/);
    expect((await wx.text(openid, '跳过')).text).toContain('预约车检');
    await wx.text('o_inspection_6', '转人工');
    expect((await wx.text('o_inspection_6', '取消')).text).toContain('预约车检');
  });

  it('puts it in the official account\'s custom menu the messenger shows', async () => {
    const config = await (await fetch(`${t.base}/sandbox/wechat/config`)).json() as Menu;
    expect(config.menu.map((b) => [b.label['zh-CN'], b.key ?? (b.items ?? []).map((i) => `${i.key} ${i.label['zh-CN']}`)])).toEqual([
      ['业务办理', ['MENU_EXAM_BOOK 预约考试', 'MENU_PLATE_SELECT 自选号牌', 'MENU_INSPECTION_BOOK 预约车检']],
      ['违法处理', ['MENU_FINE_QUERY 查违章缴罚款', 'MENU_POINTS 查驾照记分']],
      ['人工客服', 'MENU_AGENT'],
    ]);
    // A click on its entry stands for its label, as if the citizen had typed it.
    expect((await wx.event('o_inspection_7', 'CLICK', 'MENU_INSPECTION_BOOK')).text).toContain('机动车检验预约（测试服务）');
  });

  it('makes its intent part of the understanding contract: admins cannot delete it', async () => {
    await t.app.agents.create({ username: 'zhao.admin', password: PASSWORD, displayName: '赵管理', role: 'admin' });
    const admin = new AdminClient(t.base);
    expect(await admin.login('zhao.admin', PASSWORD)).toBe(200);
    const refused = await admin.del('/api/admin/intents/inspection.book');
    expect({ status: refused.status, error: String((refused.body as { error?: string }).error) })
      .toEqual({ status: 409, error: expect.stringContaining('understanding contract') });
  });

  it('names it in the agent console (GET /api/agent/intents), with the core intents and the index\'s services', async () => {
    const { status, body } = await agent.get<Labels>('/api/agent/intents');
    expect(status).toBe(200);
    const zh = Object.fromEntries(body.intents.map((i) => [i.intent, i.label['zh-CN']]));
    expect(zh['inspection.book']).toBe('机动车检验预约');
    expect(body.intents.find((i) => i.intent === 'inspection.book')?.label.en).toBe('Vehicle inspection booking');
    expect(Object.keys(zh)).toEqual([...SERVICE_INDEX.names, 'inspection.book', ...CORE_INTENTS.map((c) => c.intent)]);
    expect((await fetch(`${t.base}/api/agent/intents`)).status).toBe(401);
  });
});
