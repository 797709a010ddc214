import { join } from 'node:path';
import { loadCards } from '../../../nlu-models/knowledge/cards';
import { evaluateKnowledge, loadBenchQuestions } from '../../../nlu-models/knowledge/evaluate';
import { KnowledgeIndex } from '../../../nlu-models/knowledge/KnowledgeIndex';
import { termsOf } from '../../../nlu-models/knowledge/terms';
import { normalizeText } from '../../../nlu-models/text/normalize';

const cards = loadCards();
const index = new KnowledgeIndex(cards);
const bench = loadBenchQuestions(join(__dirname, '..', '..', '..', 'tools', 'bench', 'knowledge'));

describe('the answerer', () => {
  it.each([
    ['闯红灯扣几分', 'zh-CN', 'points.red-light'],
    ['酒驾一次扣多少分', 'zh-CN', 'points.drink-driving'],
    ['科目一考什么', 'zh-CN', 'exams.subject1'],
    ['科目二多少分及格', 'zh-CN', 'exams.subject2-pass'],
    ['驾照丢了怎么补', 'zh-CN', 'licence.lost'],
    ['罚款逾期不交每天加多少', 'zh-CN', 'fines.late-payment'],
    ['how many points for running a red light', 'en', 'points.red-light'],
  ] as const)('answers 「%s」 (%s) with %s', (text, locale, id) => {
    const a = index.answer(text, locale);
    expect(a.kind === 'card' ? a.match.card.id : a.kind).toBe(id);
  });

  it.each([
    ['北京今天限行尾号是多少', 'zh-CN'], ['交强险一年多少钱', 'zh-CN'], ['明天天气怎么样', 'zh-CN'],
    ['给我讲个笑话', 'zh-CN'], ['what is the weather tomorrow', 'en'],
  ] as const)('refuses 「%s」: no card, no article', (text, locale) => {
    expect(index.answer(text, locale).kind).toBe('none');
  });

  it('says why: the matched terms and the text of the card that matched', () => {
    const a = index.answer('请问闯红灯要扣多少分', 'zh-CN');
    if (a.kind !== 'card') throw new Error(`expected a card, got ${a.kind}`);
    expect(a.match.matched).toEqual(expect.arrayContaining(['红灯', '闯红']));
    expect(a.match.card.questions['zh-CN']).toContain(a.match.via);
  });

  it('cites in the citizen\'s language, the same law named once', () => {
    const cites = [{ law: 'points-scoring-measures-2022', article: 10, item: 8 }, { law: 'points-scoring-measures-2022', article: 12 }, { law: 'road-traffic-safety-law', article: 90 }];
    expect(index.cite(cites, 'zh-CN')).toBe('《道路交通安全违法行为记分管理办法》第十条第（八）项、第十二条；《中华人民共和国道路交通安全法》第九十条');
    expect(index.cite(cites, 'en')).toBe('Measures on Scoring Road Traffic Violations (2022), Art. 10(8), 12; Road Traffic Safety Law of the PRC, Art. 90');
  });

  it.each([
    ['出车祸了有人受伤了', true], ['前面撞车了，司机流血了', true], ['there was a crash and someone is bleeding', true],
    ['出了个小事故，没人受伤，车刮了', false], ['伤人事故怎么处理', false], ['追尾了怎么快处', false],
  ] as const)('「%s」 is an emergency: %s', (text, urgent) => {
    expect(index.urgent(text)?.kind === 'safety').toBe(urgent);
  });

  it('every card question finds its own card (no two cards claim the same question)', () => {
    const lost = cards.flatMap((c) => (['zh-CN', 'en'] as const).flatMap((l) => c.questions[l].map((q) => ({ id: c.id, l, q }))))
      .filter(({ id, l, q }) => { const a = index.answer(q, l); return a.kind !== 'card' || a.match.card.id !== id; });
    expect(lost).toEqual([]);
  });

  it('cuts Chinese into characters and pairs and English into stems, colloquial words mapped to the texts\' words', () => {
    expect(termsOf('驾照扣分', 'zh-CN')).toEqual(['驾', '驾驶', '驶', '驶证', '证', '证记', '记', '记分', '分']);
    expect(termsOf('Running red lights', 'en')).toEqual(['run', 'red', 'light']);
  });
});

describe('the knowledge bench (tools/bench/knowledge; npm run bench:knowledge prints the figures)', () => {
  it('holds ≥ 200 answerable questions and ≥ 50 that must be refused, none worded as a card question', () => {
    const answerable = bench.filter((q) => !q.expect.refuse);
    expect(answerable.length).toBeGreaterThanOrEqual(200);
    expect(bench.length - answerable.length).toBeGreaterThanOrEqual(50);
    expect(answerable.filter((q) => q.locale === 'en').length).toBeGreaterThan(20);
    const ids = new Set(cards.map((c) => c.id));
    expect(answerable.flatMap((q) => [q.expect.card ?? []].flat()).filter((id) => !ids.has(id))).toEqual([]);
    const cardQuestions = new Set(cards.flatMap((c) => [...c.questions['zh-CN'], ...c.questions.en]).map((q) => normalizeText(q).toLowerCase()));
    expect(bench.filter((q) => cardQuestions.has(normalizeText(q.text).toLowerCase())).map((q) => q.text)).toEqual([]);
  });

  it('answers at least 90% of the answerable questions with the right card and at most 2% of the must-refuse ones', () => {
    const r = evaluateKnowledge(index, bench);
    expect(r.answerable.correct / r.answerable.n).toBeGreaterThanOrEqual(0.9);
    expect(r.mustRefuse.answered / r.mustRefuse.n).toBeLessThanOrEqual(0.02);
  });
});
