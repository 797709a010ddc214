import { loadLaws, parseArticles } from '../../../nlu-models/knowledge/articles';
import { loadCards } from '../../../nlu-models/knowledge/cards';
import { checkCard, checkCardSet, POINT_TABLE } from '../../../nlu-models/knowledge/checkCards';
import { fromChineseNumber, toChineseNumber } from '../../../nlu-models/knowledge/chineseNumber';
import type { KnowledgeCard } from '../../../nlu-models/knowledge/types';

const laws = loadLaws();
const cards = loadCards();

describe('the law texts', () => {
  it.each([
    ['road-traffic-safety-law', 124], ['road-traffic-safety-law-implementing-regulations', 115], ['points-scoring-measures-2022', 37],
    ['driving-licence-rules-2021', 111], ['vehicle-registration-rules-2021', 93], ['accident-procedure-rules', 114], ['administrative-penalty-law-2021', 86],
  ])('%s has its %i articles, numbered without gaps', (id, count) => {
    const articles = laws.get(id)?.articles;
    expect([...(articles?.keys() ?? [])]).toEqual(Array.from({ length: count }, (_, i) => i + 1));
  });

  it('reads the point table: 7, 7, 11, 15 and 10 items of 12, 9, 6, 3 and 1 points', () => {
    const measures = laws.get(POINT_TABLE.law)!;
    expect(POINT_TABLE.articles.map((n) => measures.articles.get(n)!.items.length)).toEqual([7, 7, 11, 15, 10]);
    expect(measures.articles.get(8)!.text).toMatch(/^机动车驾驶人有下列交通违法行为之一，一次记12分/);
  });

  it('splits articles at a 第X条 that starts a line, not one quoted inside a sentence', () => {
    const articles = parseArticles('# t\n\n---\n\n第一条 依照本法第三条规定办理。\n\n（一）甲；\n\n(二)乙。\n\n第二条 丙。\n');
    expect([...articles.keys()]).toEqual([1, 2]);
    expect(articles.get(1)!.items).toEqual(['（一）甲；', '(二)乙。']);
  });

  it.each([[1, '一'], [10, '十'], [16, '十六'], [72, '七十二'], [104, '一百零四'], [110, '一百一十'], [124, '一百二十四']])('writes %i as %s and reads it back', (n, zh) => {
    expect(toChineseNumber(n)).toBe(zh);
    expect(fromChineseNumber(zh)).toBe(n);
  });
});

describe('the curated cards', () => {
  it('every card cites articles (and items) that exist, has both languages and enough questions; ids are unique', () => {
    expect(checkCardSet(cards, laws).filter((p) => p.code !== 'POINT_ITEM_UNCOVERED')).toEqual([]);
  });

  it('every item of the point table (记分管理办法 第八条–第十二条) is cited by a card', () => {
    expect(checkCardSet(cards, laws).filter((p) => p.code === 'POINT_ITEM_UNCOVERED').map((p) => p.message)).toEqual([]);
  });

  it('covers the topics citizens ask about', () => {
    const topics = new Set(cards.map((c) => c.topic));
    for (const t of ['points', 'exams', 'licence', 'vehicles', 'plates', 'fines', 'accidents', 'services']) expect(topics).toContain(t);
    expect(cards.filter((c) => c.kind === 'safety').length).toBeGreaterThan(0);
    expect(cards.filter((c) => c.kind === 'referral').length).toBeGreaterThanOrEqual(7);
  });

  const card: KnowledgeCard = {
    id: 'points.example', kind: 'answer', topic: 'points',
    title: { 'zh-CN': '例', en: 'Example' }, questions: { 'zh-CN': ['一', '二', '三'], en: ['one'] },
    answer: { 'zh-CN': '答', en: 'Answer' }, cites: [{ law: 'points-scoring-measures-2022', article: 10, item: 8 }],
  };
  it.each<[string, Partial<KnowledgeCard>, string]>([
    ['a law that is not in the texts', { cites: [{ law: 'traffic-law-1999', article: 1 }] }, 'UNKNOWN_LAW'],
    ['an article past the last', { cites: [{ law: 'points-scoring-measures-2022', article: 38 }] }, 'UNKNOWN_ARTICLE'],
    ['an item the article does not have', { cites: [{ law: 'points-scoring-measures-2022', article: 8, item: 8 }] }, 'UNKNOWN_ITEM'],
    ['no citation', { cites: [] }, 'NO_CITATION'],
    ['no English answer', { answer: { 'zh-CN': '答', en: ' ' } }, 'MISSING_TEXT'],
    ['two Chinese questions', { questions: { 'zh-CN': ['一', '二'], en: ['one'] } }, 'TOO_FEW_QUESTIONS'],
    ['a safety card without urgent words', { kind: 'safety' }, 'BAD_URGENT'],
    ['an id in capitals', { id: 'Points.Example' }, 'BAD_ID'],
  ])('refuses a card with %s', (_label, change, code) => {
    expect(checkCard(card, laws)).toEqual([]);
    expect(checkCard({ ...card, ...change }, laws).map((p) => p.code)).toContain(code);
  });
});
