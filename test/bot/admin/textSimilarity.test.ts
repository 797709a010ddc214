import { exampleCollisions } from '../../../bot/admin/exampleCollisions';
import { comparableText, similarTo, textSimilarity } from '../../../bot/admin/textSimilarity';
import type { TrainingUtterance } from '../../../integrations/storage/training';

describe('textSimilarity: character-bigram Dice after folding width, case and punctuation', () => {
  it.each<[string, string, number]>([
    ['查违章', '查违章', 1],
    ['查违章？', '查 违章', 1],
    ['ＡＢＣ', 'abc', 1],
    ['我想查违章', '我要查违章', 0.5],
    ['我想查违章记录', '我要查违章记录', 4 / 6],
    ['预约科目一', '查违章', 0],
    ['', '查违章', 0],
    ['？？', '查违章', 0],
    ['好', '好', 1],
    ['好', '好的', 0],
  ])('%s ~ %s = %s', (a, b, expected) => {
    expect(textSimilarity(a, b)).toBeCloseTo(expected, 5);
    expect(textSimilarity(b, a)).toBeCloseTo(expected, 5);
  });

  it('counts repeated bigrams once each side (哈哈哈 is not 哈哈哈哈哈)', () => {
    expect(textSimilarity('哈哈哈', '哈哈哈哈哈')).toBeCloseTo((2 * 2) / (2 + 4), 5);
  });

  it('comparableText drops punctuation, symbols and spaces, folds full width and case', () => {
    expect(comparableText(' 我的驾照，Ｂ１２ 扣了几分？! ')).toBe('我的驾照b12扣了几分');
  });

  it('similarTo lists the items at or above the threshold, best first', () => {
    const items = ['我要查违章', '查一下违章记录', '我想查违章。', '预约科目一'];
    expect(similarTo('我想查违章', items, (t) => t)).toEqual([{ item: '我想查违章。', similarity: 1 }]);
    expect(similarTo('我想查违章', items, (t) => t, 0.5).map((m) => m.item)).toEqual(['我想查违章。', '我要查违章']);
  });
});

describe('exampleCollisions: near-identical examples of different intents, found through a bigram index', () => {
  const u = (id: number, intent: string, text: string, locale = 'zh-CN'): TrainingUtterance => ({ id, intent, text, locale, split: 'train', source: 'corpus', createdAt: 0 });

  it('agrees with textSimilarity on every pair, skipping pairs of the same intent or of different locales', () => {
    const list = [
      u(1, 'fine.query', '我想查违章记录'), u(2, 'fine.pay', '我想查违章记录。'), u(3, 'fine.pay', '我要查违章记录'),
      u(4, 'fine.query', '我要查违章记录吧'), u(5, 'greet', '你好'), u(6, 'None', '你好', 'en'), u(7, 'thanks', '哈哈哈'), u(8, 'None', '哈哈哈哈哈'),
    ];
    const pairs = exampleCollisions(list, 0.6).map((c) => [c.a.id, c.b.id, Math.round(c.similarity * 100) / 100]);
    const expected: Array<[number, number, number]> = [];
    for (let i = 0; i < list.length; i += 1) for (let j = i + 1; j < list.length; j += 1) {
      if (list[i].intent === list[j].intent || list[i].locale !== list[j].locale) continue;
      const s = textSimilarity(list[i].text, list[j].text);
      if (s >= 0.6) expected.push([list[i].id, list[j].id, Math.round(s * 100) / 100]);
    }
    expect(pairs.sort()).toEqual(expected.sort());
    expect(pairs).toContainEqual([1, 2, 1]);
    expect(exampleCollisions(list).map((c) => [c.a.id, c.b.id])).toEqual([[1, 2], [3, 4]]);
  });

  it.each([0.5, 0.7, 0.85])('finds exactly the pairs a comparison of every pair finds (400 generated texts, threshold %s)', (threshold) => {
    // Texts of 1-14 characters from a small alphabet (repeats and shared bigrams everywhere), three intents, two locales.
    let seed = 18;
    const next = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    const alphabet = Array.from('查违章罚款记分约考');
    const list = Array.from({ length: 400 }, (_, i) => u(i + 1, ['a', 'b', 'c'][next(3)],
      Array.from({ length: 1 + next(14) }, () => alphabet[next(alphabet.length)]).join(''), next(5) === 0 ? 'en' : 'zh-CN'));
    const found = exampleCollisions(list, threshold).map((c) => [Math.min(c.a.id, c.b.id), Math.max(c.a.id, c.b.id)].join('-')).sort();
    const all: string[] = [];
    for (let i = 0; i < list.length; i += 1) for (let j = i + 1; j < list.length; j += 1) {
      if (list[i].intent !== list[j].intent && list[i].locale === list[j].locale && textSimilarity(list[i].text, list[j].text) >= threshold) all.push(`${list[i].id}-${list[j].id}`);
    }
    expect(all.length).toBeGreaterThan(20);
    expect(found).toEqual(all.sort());
  });
});
