import { MainDialog } from '../../../../dialogs/main/MainDialog';
import { SERVICE_INDEX } from '../../../../dialogs/services';
import { bindAs, dialogClient, makeWorld, PERSONAS, play, type ScriptLine, type World } from '../../harness';
import { MemoryConsents } from './memoryConsents';

/** 张伟 in a fresh conversation (the main dialog, as the bot runs it), following the official account unless told. */
async function talk(consents: MemoryConsents | undefined, script: ScriptLine[]): Promise<World> {
  const world = makeWorld();
  await bindAs(world, PERSONAS.zhangWei);
  if (consents) world.deps.notices = consents;
  await play(dialogClient(new MainDialog(world.deps, SERVICE_INDEX)), script);
  return world;
}

const ASK = '提醒设置（由公众号发给你）：\n回复编号或名称打开/关闭一项，也可以说「全部打开」「全部关闭」，说「完成」结束。';
const ACTIONS = '全部打开|全部关闭|完成]';
const list = (states: string[]): string => {
  const labels = ['考前提醒', '考试成绩', '处罚决定', '缴款期限', '号牌到期', '新违法', '换证提醒'];
  return `[${labels.map((l, i) => `${l}（${states[i]}）`).join('|')}|${ACTIONS}`;
};
const UNSET = Array(7).fill('未设置') as string[];
const WECHAT_ONLY = '提醒只通过「微信公众号」发送';

describe('「提醒设置」 (notices.settings)', () => {
  it('lists every topic with its state, numbered, and says what to do about WeChat refusing messages', async () => {
    const c = new MemoryConsents().put('exam-reminder', 'granted').put('exam-result', 'revoked').put('new-violation', 'refused', '43101');
    await talk(c, [
      ['提醒设置', [`${ASK}\n标「微信拒收」的项目发不到你：你在微信里拒收了本公众号的消息。请在公众号主页右上角「…」→「设置」里打开「接收消息」，之后就能收到。 ${list(['开', '关', '未设置', '未设置', '未设置', '微信拒收', '未设置'])}`]],
      ['完成', ['好的，提醒设置没有改动。说「提醒设置」可随时再改。']],
    ]);
    expect(c.writes).toEqual([]);
  });

  it('turns one on or off by number, by name and by part of its text, tells exactly what changed, and sums up on leaving', async () => {
    const c = new MemoryConsents().put('fine-deadline', 'granted');
    const states = [...UNSET];
    states[3] = '开';
    await talk(c, [
      ['我订阅了哪些提醒', [`${ASK} ${list(states)}`]],
      ['1', ['已打开「考前提醒」：考试前一天提醒时间、考场和要带的证件。', '[考前提醒（开）|']],
      ['关闭缴款期限', ['已关闭「缴款期限」，不再发送。', '|缴款期限（关）|']],
      ['新违法', ['已打开「新违法」：绑定车辆有新的违法记录时通知。', '|新违法（开）|']],
      ['打开考前提醒', ['「考前提醒」本来就是开着的，没有改动。', '[考前提醒（开）|']],
      ['换证提醒不要了', ['已关闭「换证提醒」，不再发送。', '|换证提醒（关）|']],
      ['好了', ['好的，提醒设置已保存。本次打开：考前提醒、新违法。本次关闭：缴款期限、换证提醒。说「提醒设置」可随时再改。']],
    ]);
    expect(c.granted()).toEqual(['exam-reminder', 'new-violation']);
    expect(c.stateOf('fine-deadline')).toBe('revoked');
  });

  it('「全部打开」 turns on every topic not on (and warns about the one WeChat refuses); 「全部关闭」 only the ones on', async () => {
    const c = new MemoryConsents().put('exam-reminder', 'granted').put('plate-expiring', 'refused', '43101');
    await talk(c, [
      ['通知设置', [ASK]],
      ['全部打开', [
        '已打开6项：考试成绩、处罚决定、缴款期限、号牌到期、新违法、换证提醒。\n注意：微信目前拒收本公众号的消息，「号牌到期」暂时发不到你。',
        list(Array(7).fill('开') as string[]),
      ]],
      ['都关了', ['已关闭7项：考前提醒、考试成绩、处罚决定、缴款期限、号牌到期、新违法、换证提醒。', list(Array(7).fill('关') as string[])]],
      ['全部关闭', ['目前没有开着的提醒，没有改动。', ASK]],
      ['完成', ['好的，提醒设置已保存。本次关闭：考前提醒。说「提醒设置」可随时再改。']],
    ]);
    expect(c.granted()).toEqual([]);
  });

  it('takes a change said in the first message (「关闭新违法提醒」), then shows the list', async () => {
    const c = new MemoryConsents().put('new-violation', 'granted');
    await talk(c, [
      ['关闭新违法提醒', ['已关闭「新违法」，不再发送。', '|新违法（关）|']],
      ['完成', ['本次关闭：新违法。']],
    ]);
  });

  it('stopping in the middle says what was already changed', async () => {
    const c = new MemoryConsents();
    await talk(c, [
      ['提醒设置', [ASK]],
      ['2', ['已打开「考试成绩」', ASK]],
      ['算了不弄了', ['已退出「提醒设置」。本次打开：考试成绩。还需要办什么可以随时说。']],
    ]);
    expect(c.granted()).toEqual(['exam-result']);
  });

  it('the text of an option (what a bare number on WeChat arrives as) turns that topic the other way, whatever its state word says', async () => {
    const c = new MemoryConsents().put('exam-reminder', 'granted');
    await talk(c, [
      ['提醒设置', [ASK]],
      ['考前提醒（开）', ['已关闭「考前提醒」，不再发送。', '[考前提醒（关）|']],
      ['考前提醒（关）', ['已打开「考前提醒」', '[考前提醒（开）|']],
      ['完成', ['好的，提醒设置没有改动。']],
    ]);
    expect(c.granted()).toEqual(['exam-reminder']);
  });

  it('in English', async () => {
    const c = new MemoryConsents();
    await talk(c, [
      ['notification settings', ['Notification settings (sent by the official account):\nReply with a number or a name to turn one on or off, or say "all on" or "all off"; say "done" when finished. [Exam reminder (not set)|Exam results (not set)|']],
      ['turn on results', ['Turned on "Exam results": Your result once published, and the next step.', 'Exam results (on)']],
      ['all on', ['Turned on 6: Exam reminder, Penalty decisions, Fine deadlines, Reserved plate expiring, New violations, Licence renewal.', 'Licence renewal (on)']],
      ['switch off new violations', ['Turned off "New violations"; it will not be sent.', 'New violations (off)']],
      ['done', ['OK, your notification settings are saved. Turned on: Exam reminder, Exam results, Penalty decisions, Fine deadlines, Reserved plate expiring, Licence renewal. Say "notification settings"']],
    ]);
  });

  it.each([
    ['outside WeChat (not a follower of the official account)', new MemoryConsents(new Set())],
    ['where notices are not wired at all', undefined],
  ])('%s: says plainly that notices come only through the official account, and asks nothing', async (_where, c) => {
    await talk(c, [
      ['提醒设置', [WECHAT_ONLY]],
      ['不要再提醒', [WECHAT_ONLY]],
      ['notification settings', ['Reminders and notices (exam reminders, results, fine deadlines…) are sent only through our WeChat official account.']],
    ]);
    expect(c?.writes ?? []).toEqual([]);
  });
});

describe('「不要再提醒」 (notices.stop)', () => {
  it('turns off every topic that is on after a confirmation, and names them', async () => {
    const c = new MemoryConsents().put('exam-reminder', 'granted').put('decision-issued', 'granted').put('exam-result', 'revoked');
    await talk(c, [
      ['别给我发通知了', ['确定关闭全部2项提醒吗？（考前提醒、处罚决定） [是|否]']],
      ['确定', ['已关闭2项提醒：考前提醒、处罚决定。以后不会再发这些提醒；说「提醒设置」可以重新打开。']],
    ]);
    expect(c.granted()).toEqual([]);
  });

  it('keeps them on a no', async () => {
    const c = new MemoryConsents().put('exam-reminder', 'granted');
    await talk(c, [
      ['取消所有提醒', ['确定关闭全部1项提醒吗？（考前提醒）']],
      ['先不取消', ['好的，提醒保持不变。']],
    ]);
    expect(c.granted()).toEqual(['exam-reminder']);
  });

  it('says so when none is on, and asks nothing', async () => {
    const c = new MemoryConsents().put('exam-result', 'revoked');
    await talk(c, [['不要再提醒', ['你目前没有开着的提醒，不会收到提醒消息。说「提醒设置」可以查看和打开。']]]);
    expect(c.writes).toEqual([]);
  });

  it('in English', async () => {
    const c = new MemoryConsents().put('fine-deadline', 'granted');
    await talk(c, [
      ['stop notifications', ['Turn off all 1 notices? (Fine deadlines) [Yes|No]']],
      ['yes', ['Turned off 1 notices: Fine deadlines.']],
    ]);
    expect(c.granted()).toEqual([]);
  });
});
