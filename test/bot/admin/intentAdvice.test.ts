import { bestGuess, intentAdvice, MIN_EXAMPLES, type AdviceInput } from '../../../bot/admin/intentAdvice';
import { inboxReason, intentNamer, PROJECT_INTENT_LABELS } from '../../../bot/admin/intentLabels';
import type { InboxItem, TrainingIntent, TrainingUtterance } from '../../../integrations/storage/training';

const intent = (name: string, description = ''): TrainingIntent => ({ name, description, domain: name.split('.')[0], answers: {}, updatedAt: 0 });
let id = 0;
const examples = (name: string, texts: string[], locale = 'zh-CN'): TrainingUtterance[] =>
  texts.map((text) => ({ id: (id += 1), intent: name, locale, text, split: 'train', source: 'corpus', createdAt: 0 }));
const many = (name: string, stem: string, n = MIN_EXAMPLES) => examples(name, Array.from({ length: n }, (_, i) => `${stem}${'甲乙丙丁戊己庚辛壬癸子丑'[i]}${i}号`));
const inboxItem = (itemId: number, text: string): InboxItem => ({ id: itemId, text, locale: 'zh-CN', intent: 'None', score: 0.2, createdAt: 0, status: 'new' });

describe('intentAdvice: plain advice per intent, with candidates from the misunderstood inbox', () => {
  const base = (): AdviceInput => ({
    intents: [intent('fine.query'), intent('fine.pay'), intent('faq.parking', '停车')],
    utterances: [...many('fine.query', '查违章'), ...many('fine.pay', '交罚款'), ...examples('faq.parking', ['哪里停车', '能停车吗', '停车场在哪'])],
    inbox: [inboxItem(1, '车停哪儿'), inboxItem(2, '今天天气'), inboxItem(3, '停车收费吗')],
    understand: (text) => (text.includes('停') ? { intent: 'None', alternatives: [{ intent: 'None', score: 0.5 }, { intent: 'faq.parking', score: 0.3 }] } : { intent: 'None', alternatives: [{ intent: 'None', score: 0.9 }] }),
  });

  it('says how many more examples an intent with too few needs, naming it in Chinese, with inbox candidates the model leans to reading as it', () => {
    const advice = intentAdvice(base());
    expect(advice).toEqual([{
      intent: 'faq.parking', kind: 'too_few', need: MIN_EXAMPLES - 3,
      text: `「停车」只有 3 条中文训练例句，至少需要 ${MIN_EXAMPLES} 条：请再补充 ${MIN_EXAMPLES - 3} 条不同说法的中文例句。`,
      suggestions: [{ inboxId: 1, text: '车停哪儿' }, { inboxId: 3, text: '停车收费吗' }],
    }]);
  });

  it('lists which examples collide with another intent\'s, on both sides', () => {
    const input = base();
    input.utterances = [...input.utterances, ...examples('fine.pay', ['查违章甲0号。'])];
    const similar = intentAdvice(input).filter((a) => a.kind === 'too_similar');
    expect(similar.map((a) => [a.intent, a.collisions])).toEqual([
      ['fine.pay', [{ text: '查违章甲0号。', otherIntent: 'fine.query', otherText: '查违章甲0号', similarity: 1 }]],
      ['fine.query', [{ text: '查违章甲0号', otherIntent: 'fine.pay', otherText: '查违章甲0号。', similarity: 1 }]],
    ]);
    expect(similar[1].text).toContain('「查违章/罚款」');
    expect(similar[1].text).toContain('几乎一样');
  });

  it('names the intents an intent is often confused with in the live version\'s evaluation (at least 2 and 10 %)', () => {
    const input = base();
    input.live = {
      accuracy: 0.8, folds: 3, perIntent: [],
      confusion: { labels: ['None', 'fine.pay', 'fine.query'], matrix: [[5, 0, 1], [1, 7, 3], [0, 1, 19]] },
    };
    const confused = intentAdvice(input).filter((a) => a.kind === 'often_confused');
    expect(confused).toEqual([{
      intent: 'fine.pay', kind: 'often_confused', confusedWith: [{ intent: 'fine.query', count: 3 }],
      text: '在线上版本的评估中，「缴罚款」的 11 条例句里有 3 条被认成「查违章/罚款」：请补充能区分它们的说法，并检查那些例句是否放错了意图。',
    }]);
  });

  it.each<[string, string, string]>([
    ['None', '', '没听懂'],
    ['fine.query', '', '不太确定（最像「查违章/罚款」）'],
    ['faq.parking', '停车', '不太确定（最像「停车」）'],
    ['faq.lost', 'Lost and found', '不太确定（最像「faq.lost」）'],
    ['knowledge.question', '', '知识库里没有找到能回答的内容'],
  ])('an inbox item the model read as %s says %s', (name, description, text) => {
    expect(inboxReason(name, intentNamer(PROJECT_INTENT_LABELS, [intent(name, description)]))).toBe(text);
    expect(text).not.toContain('None');
  });

  it('bestGuess is the model\'s intent, or its best alternative other than None', () => {
    expect(bestGuess({ intent: 'fine.query', alternatives: [] })).toBe('fine.query');
    expect(bestGuess({ intent: 'None', alternatives: [{ intent: 'None', score: 0.6 }, { intent: 'exam.book', score: 0.2 }] })).toBe('exam.book');
    expect(bestGuess({ intent: 'None', alternatives: [] })).toBe('None');
    expect(intentNamer(PROJECT_INTENT_LABELS, [])('greet')).toBe('问候');
  });
});
