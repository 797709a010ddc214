import { declaredQuestions, OpsLabels } from '../../../bot/ops/opsLabels';
import { conversationHash } from '../../../bot/ops/conversationHash';
import { operationsReport, chinaDayStartOf } from '../../../bot/ops/operationsReport';
import { SERVICE_INDEX } from '../../../dialogs/services';
import type { ConversationFact } from '../../../integrations/storage/conversationFacts';
import type { HandoffRecord } from '../../../integrations/storage/handoffs';

const labels = new OpsLabels(SERVICE_INDEX);
const DAY = '2026-11-25';
const T = chinaDayStartOf(DAY);
const min = (m: number): number => T + m * 60_000;
const msg = (conversation: string, m: number, channel = 'wechat'): ConversationFact => ({ at: min(m), channel, conversation: conversationHash(`${channel}:${conversation}`), kind: 'message' });

function report(facts: ConversationFact[], handoffs: Array<Partial<HandoffRecord>> = []) {
  return operationsReport({ from: DAY, to: DAY, by: 'day', facts, handoffs: handoffs as HandoffRecord[], notices: [], labels, tasks: SERVICE_INDEX.taskConfirmations });
}

describe('conversations: a citizen\'s messages with no gap over 30 minutes', () => {
  it.each([
    ['two messages 30 minutes apart: one conversation', [msg('a', 600), msg('a', 630)], 1],
    ['31 minutes apart: two', [msg('a', 600), msg('a', 631)], 2],
    ['two citizens at the same time: two', [msg('a', 600), msg('b', 600)], 2],
    ['begun 10 minutes before the day (China midnight): not this day\'s', [msg('a', -10), msg('a', 5)], 0],
    ['begun 40 minutes before and again after midnight: this day\'s second', [msg('a', -40), msg('a', 5)], 1],
  ])('%s', (_name, facts, n) => {
    expect(report(facts).totals.conversations).toBe(n);
  });

  it('contained unless a handoff of the same conversation was created during it (or within 30 minutes after its last message)', () => {
    const r = report([msg('a', 600), msg('b', 600), msg('c', 600)], [
      { conversationKey: 'wechat:a', channelId: 'wechat', reason: 'requested', createdAt: min(600) },
      { conversationKey: 'wechat:b', channelId: 'wechat', reason: 'complaint', createdAt: min(620) },
    ]);
    expect(r.totals).toMatchObject({ conversations: 3, contained: 1, handoffs: 2 });
    expect(r.handoffReasons.map((h) => [h.label, h.count])).toEqual([['市民要求转人工', 1], ['投诉', 1]]);
  });
});

describe('tasks: started → confirmed, and where the others stopped', () => {
  const f = (conversation: string, m: number, kind: ConversationFact['kind'], service: string, step?: string): ConversationFact =>
    ({ at: min(m), channel: 'wechat', conversation, kind, service, ...(step ? { step } : {}) });
  it('pairs each start with its confirmation in the same conversation; an unconfirmed run stops at its last question', () => {
    const r = report([
      f('a', 1, 'task_started', 'exam.book'), f('a', 2, 'task_step', 'exam.book', 'exam.book.date'), f('a', 3, 'task_step', 'exam.book', 'exam.book.confirm'), f('a', 4, 'task_confirmed', 'exam.book'),
      f('b', 1, 'task_started', 'exam.book'), f('b', 2, 'task_step', 'exam.book', 'exam.book.date'),
      f('c', 1, 'task_started', 'exam.book'),
      f('d', 1, 'task_started', 'fine.query'),
    ]);
    expect(r.tasks).toEqual([
      { service: 'exam.book', label: '预约考试', started: 3, confirmed: 1, completionRate: 0.333, dropOffs: [
        { step: 'exam.book.date', label: '选择日期', count: 1 }, { step: null, label: '尚未到第一个问题', count: 1 },
      ] },
      { service: 'fine.query', label: '查违章/罚款', started: 1, confirmed: null, completionRate: null, dropOffs: [] },
    ]);
  });
});

describe('labels in plain Chinese', () => {
  it.each([
    ['exam.book.confirm', '确认预约'], ['binding.codePrompt', '绑定身份：输入验证码'], ['plate.candidatePrompt', '选择号牌'],
    [undefined, '尚未到第一个问题'], ['no.such.prompt', '其他步骤'],
  ])('step %s → %s (as the question declares it)', (id, label) => {
    expect(labels.step(id)).toBe(label);
  });
  it('every declared question names its step in Chinese and in English', () => {
    const all = declaredQuestions(SERVICE_INDEX);
    expect(all.filter((p) => !/[\u4e00-\u9fff]/.test(p.step['zh-CN']) || !/^[\x20-\x7e]+$/.test(p.step.en)).map((p) => p.id)).toEqual([]);
  });
  it('a task is confirmed by platform calls its service declares it makes; the transactions have one', () => {
    const undeclared = SERVICE_INDEX.modules.flatMap((m) => m.intents.flatMap((d) => Object.entries(d.doneWhen ?? {})
      .flatMap(([port, methods]) => (methods ?? []).filter((method) => !(m.calls as Record<string, readonly string[] | undefined>)[port]?.includes(method))
        .map((method) => `${d.intent}: ${port}.${method}`))));
    expect(undeclared).toEqual([]);
    expect([...SERVICE_INDEX.taskConfirmations.keys()].sort()).toEqual(['exam.book', 'exam.cancel', 'exam.reschedule', 'fine.pay', 'identity.unbind', 'plate.select']);
  });
  it.each([
    ['None', '完全没听懂'], ['knowledge.question', '规则问题，知识库没有答案'], ['exam.book', '像是「预约考试」但不确定'],
    ['greet', '像是「问候」但不确定'], ['faq.office_hours', '像是常见问题但不确定'], ['made.up', '其他'],
  ])('not-understood group %s → %s', (group, label) => {
    expect(labels.group(group)).toBe(label);
  });
});
