import { IntentModel } from '../../../nlu-models/model/IntentModel';
import { NluEngine } from '../../../nlu-models/recognizer/NluEngine';
import { groupSimilar } from '../../../nlu-models/text/groupSimilar';
import { trainInWorker } from '../../../nlu-models/training/trainInWorker';
import { trainVersion, type TrainedVersion, type TrainRequest } from '../../../nlu-models/training/trainVersion';
import { OFFICE_HOURS, tinyExamples, tinyIntents } from './tinyCorpus';

function request(folds = 3): TrainRequest {
  const { train, tests } = tinyExamples();
  for (const text of OFFICE_HOURS.utterances) train.push({ text, intent: OFFICE_HOURS.name, locale: 'zh-CN' });
  return { train, tests, folds, answers: { [OFFICE_HOURS.name]: OFFICE_HOURS.answers } };
}
const INTENTS = [...tinyIntents(), OFFICE_HOURS.name].sort();

/** What an admin sees of a trained version: the model, its answers and the evaluation. */
function expectWellFormed(result: TrainedVersion, folds: number): void {
  expect(result.model.intents).toEqual(INTENTS);
  expect(result.model.answers).toEqual({ [OFFICE_HOURS.name]: OFFICE_HOURS.answers });
  const m = result.metrics;
  expect(m.folds).toBe(folds);
  expect(m.accuracy).toBeGreaterThanOrEqual(0);
  expect(m.accuracy).toBeLessThanOrEqual(1);
  // The tiny set is easy: far better than chance (1 in 5).
  expect(m.accuracy).toBeGreaterThan(0.5);
  expect(m.perIntent.map((p) => p.intent).sort()).toEqual(INTENTS);
  for (const p of m.perIntent) {
    for (const v of [p.precision, p.recall, p.f1]) expect(v).toBeGreaterThanOrEqual(0);
    for (const v of [p.precision, p.recall, p.f1]) expect(v).toBeLessThanOrEqual(1);
  }
  const supports = Object.fromEntries(m.perIntent.map((p) => [p.intent, p.support]));
  expect(supports).toEqual({ 'exam.book': 16, 'fine.query': 16, greet: 16, None: 16, [OFFICE_HOURS.name]: 8 });
  const { labels, matrix } = m.confusion;
  expect([...labels].sort()).toEqual(labels);
  for (const i of INTENTS) expect(labels).toContain(i);
  expect(matrix).toHaveLength(labels.length);
  for (const row of matrix) expect(row).toHaveLength(labels.length);
  // Every training utterance is predicted exactly once across the folds.
  expect(matrix.flat().reduce((s, v) => s + v, 0)).toBe(72);
  const diagonal = labels.reduce((s, _l, i) => s + matrix[i][i], 0);
  expect(diagonal / 72).toBeCloseTo(m.accuracy, 10);
  // Held-out tests (one per zh intent with tests) are scored by the final model.
  expect(m.heldOutAccuracy).toBeGreaterThanOrEqual(0);
  expect(m.heldOutAccuracy).toBeLessThanOrEqual(1);
}

describe('trainVersion', () => {
  it('reports progress monotonically from 0 to 100 and returns the model with answers and metrics', () => {
    const progress: Array<{ phase: string; percent: number }> = [];
    const result = trainVersion(request(), (phase, percent) => progress.push({ phase, percent }));
    expect(progress[0]).toEqual({ phase: 'train', percent: 0 });
    expect(progress.at(-1)).toEqual({ phase: 'done', percent: 100 });
    const percents = progress.map((p) => p.percent);
    percents.slice(1).forEach((p, i) => expect(p).toBeGreaterThanOrEqual(percents[i]));
    expect(percents.every((p) => Number.isInteger(p) && p >= 0 && p <= 100)).toBe(true);
    // Phases come in order: train, then evaluate, then done.
    const order = progress.map((p) => ['train', 'evaluate', 'done'].indexOf(p.phase));
    order.slice(1).forEach((o, i) => expect(o).toBeGreaterThanOrEqual(order[i]));
    expect(progress.some((p) => p.phase === 'evaluate' && p.percent > 35 && p.percent < 100)).toBe(true);
    expectWellFormed(result, 3);
  });

  it('gives a model that understands the FAQ and answers it in both languages', () => {
    const engine = new NluEngine(new IntentModel(trainVersion(request()).model));
    expect(engine.understand('你们几点上班', '2026-11-25').intent).toBe(OFFICE_HOURS.name);
    expect(engine.answer(OFFICE_HOURS.name, 'zh-CN')).toBe(OFFICE_HOURS.answers['zh-CN'][0]);
    expect(engine.answer(OFFICE_HOURS.name, 'en')).toBe(OFFICE_HOURS.answers.en[0]);
    expect(engine.understand('check my fines', '2026-11-25').intent).toBe('fine.query');
  });

  it('leaves heldOutAccuracy out when there are no held-out tests', () => {
    expect(trainVersion({ ...request(), tests: [] }).metrics.heldOutAccuracy).toBeUndefined();
  });
});

describe('trainInWorker (worker thread, tsx bootstrap)', () => {
  it('returns the same shape as in-process training, with progress up to 100', async () => {
    const progress: number[] = [];
    const result = await trainInWorker(request(4), (_phase, percent) => progress.push(percent));
    expectWellFormed(result, 4);
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(100);
    progress.slice(1).forEach((p, i) => expect(p).toBeGreaterThanOrEqual(progress[i]));
    // Deterministic training: the worker's model equals the in-process one (apart from its creation time).
    const local = trainVersion(request(4));
    expect({ ...result.model, createdAt: '' }).toEqual({ ...local.model, createdAt: '' });
    expect(result.metrics).toEqual(local.metrics);
  }, 60_000);

  it('rejects with the training error instead of hanging', async () => {
    await expect(trainInWorker({ train: [], tests: [], answers: {}, folds: 3 })).rejects.toThrow(/training failed: .*no training utterances/);
  }, 60_000);
});

describe('groupSimilar (the inbox groups)', () => {
  const texts = (groups: string[][]) => groups.map((g) => g.join(' | '));

  it('groups near-duplicates together, keeps unrelated texts apart, largest group first', () => {
    const items = ['推荐一部电影', '帮我订一张去北京的机票', '今天股市怎么样', '帮我订一张去上海的机票', '帮我订张去北京的机票', '推荐一部好电影'];
    const groups = groupSimilar(items, (t) => t);
    expect(texts(groups)).toEqual([
      '帮我订一张去北京的机票 | 帮我订一张去上海的机票 | 帮我订张去北京的机票',
      '推荐一部电影 | 推荐一部好电影',
      '今天股市怎么样',
    ]);
  });

  it.each<[string, string[], number]>([
    ['identical after normalising case and width', ['Book A Flight', 'book a flight', 'ＢＯＯＫ Ａ ＦＬＩＧＨＴ'], 1],
    ['unrelated English', ['book a flight to Paris', 'what is the weather like', 'tell me a joke'], 3],
    ['unrelated Chinese', ['订机票', '讲笑话', '天气预报'], 3],
  ])('%s', (_label, items, groups) => {
    expect(groupSimilar(items, (t) => t)).toHaveLength(groups);
  });

  it('keeps the items (not just texts) and the first text of a group as its representative', () => {
    const items = [{ id: 1, text: '一个不相关的问题' }, { id: 2, text: '帮我订机票去北京' }, { id: 3, text: '帮我订机票去南京' }];
    const groups = groupSimilar(items, (i) => i.text);
    expect(groups.map((g) => g.map((i) => i.id))).toEqual([[2, 3], [1]]);
  });

  it('is empty for an empty inbox', () => {
    expect(groupSimilar([], (t: string) => t)).toEqual([]);
  });
});
