import { comparableText, similarTo, textSimilarity } from '../../../bot/admin/textSimilarity';

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
