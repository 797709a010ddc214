import { stratifiedFolds } from '../../../nlu-models/evaluation/kFold';
import { computeMetrics } from '../../../nlu-models/evaluation/metrics';
import { chooseNoneThreshold } from '../../../nlu-models/model/trainModel';

describe('computeMetrics', () => {
  const report = computeMetrics([
    { text: 'a1', gold: 'a', predicted: 'a' },
    { text: 'a2', gold: 'a', predicted: 'b' },
    { text: 'b1', gold: 'b', predicted: 'b' },
    { text: 'b2', gold: 'b', predicted: 'b' },
    { text: 'n1', gold: 'None', predicted: 'a' },
  ]);

  it('counts accuracy and fills the confusion matrix row = gold, column = predicted', () => {
    expect(report.accuracy).toBeCloseTo(3 / 5);
    expect(report.confusion.labels).toEqual(['None', 'a', 'b']);
    expect(report.confusion.matrix).toEqual([[0, 1, 0], [0, 1, 1], [0, 0, 2]]);
  });

  it('computes precision, recall and F1 per intent', () => {
    const a = report.perIntent.find((m) => m.intent === 'a');
    expect(a).toMatchObject({ precision: 0.5, recall: 0.5, support: 2 });
    const b = report.perIntent.find((m) => m.intent === 'b');
    expect(b?.precision).toBeCloseTo(2 / 3);
    expect(b?.f1).toBeCloseTo(0.8);
  });

  it('lists the worst confusions with examples', () => {
    expect(report.worstConfusions.map((c) => [c.gold, c.predicted, c.count])).toEqual([['a', 'b', 1], ['None', 'a', 1]]);
  });
});

describe('stratifiedFolds', () => {
  it('puts an equal share of every label in each fold, reproducibly', () => {
    const labels = [...Array(10).fill('x'), ...Array(5).fill('y')];
    const folds = stratifiedFolds(labels, 5, 42);
    for (let f = 0; f < 5; f += 1) {
      expect(labels.filter((l, i) => l === 'x' && folds[i] === f)).toHaveLength(2);
      expect(labels.filter((l, i) => l === 'y' && folds[i] === f)).toHaveLength(1);
    }
    expect(stratifiedFolds(labels, 5, 42)).toEqual(folds);
  });
});

describe('chooseNoneThreshold', () => {
  const r = (intent: string, score: number) => [{ intent, score }, { intent: 'None', score: 1 - score }];
  it('picks the threshold that turns weak in-domain guesses on out-of-domain text into None', () => {
    const oof = [
      { text: 'in1', gold: 'a', ranking: r('a', 0.9) },
      { text: 'in2', gold: 'a', ranking: r('a', 0.8) },
      { text: 'out1', gold: 'None', ranking: r('a', 0.4) },
      { text: 'out2', gold: 'None', ranking: r('a', 0.5) },
    ];
    const chosen = chooseNoneThreshold(oof);
    expect(chosen.threshold).toBeGreaterThan(0.5);
    expect(chosen.threshold).toBeLessThanOrEqual(0.8);
    expect(chosen.accuracy).toBe(1);
    expect(chosen.noneRecall).toBe(1);
  });

  it('never answers None when the training data has no None examples', () => {
    const oof = [
      { text: 'x', gold: 'a', ranking: [{ intent: 'a', score: 0.3 }, { intent: 'b', score: 0.25 }] },
      { text: 'y', gold: 'b', ranking: [{ intent: 'b', score: 0.9 }, { intent: 'a', score: 0.1 }] },
    ];
    expect(chooseNoneThreshold(oof)).toEqual({ threshold: 0, accuracy: 1, noneRecall: null });
  });
});
