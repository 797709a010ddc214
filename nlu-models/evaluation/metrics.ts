export interface IntentMetrics {
  intent: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Confusion {
  gold: string;
  predicted: string;
  count: number;
  examples: string[];
}

export interface EvaluationReport {
  accuracy: number;
  total: number;
  correct: number;
  perIntent: IntentMetrics[];
  /** labels[i] is gold row i and predicted column i. */
  confusion: { labels: string[]; matrix: number[][] };
  worstConfusions: Confusion[];
  /**
   * The misclassified examples (gold ≠ predicted), at most MAX_ERRORS: when there are more, each confusion cell keeps
   * its share (dealt round-robin), so every cell of the matrix can still show examples.
   */
  errors: Prediction[];
}

/** Most misclassified examples an evaluation keeps (a version's metrics are stored whole). */
export const MAX_ERRORS = 2000;

export interface Prediction {
  text: string;
  gold: string;
  predicted: string;
}

/** Accuracy, per-intent precision/recall/F1, the confusion matrix and the most frequent mistakes. */
export function computeMetrics(predictions: readonly Prediction[], worst = 10): EvaluationReport {
  const labels = [...new Set(predictions.flatMap((p) => [p.gold, p.predicted]))].sort();
  const at = new Map(labels.map((l, i) => [l, i]));
  const matrix = labels.map(() => labels.map(() => 0));
  const mistakes = new Map<string, Confusion>();
  const wrong = new Map<string, Prediction[]>();
  let correct = 0;
  for (const p of predictions) {
    matrix[at.get(p.gold) ?? 0][at.get(p.predicted) ?? 0] += 1;
    if (p.gold === p.predicted) { correct += 1; continue; }
    const key = `${p.gold}\u0000${p.predicted}`;
    wrong.set(key, [...(wrong.get(key) ?? []), { text: p.text, gold: p.gold, predicted: p.predicted }]);
    const c = mistakes.get(key) ?? { gold: p.gold, predicted: p.predicted, count: 0, examples: [] };
    c.count += 1;
    if (c.examples.length < 3) c.examples.push(p.text);
    mistakes.set(key, c);
  }
  const perIntent = labels.map((intent, i) => {
    const tp = matrix[i][i];
    const support = matrix[i].reduce((s, v) => s + v, 0);
    const predictedCount = matrix.reduce((s, row) => s + row[i], 0);
    const precision = predictedCount ? tp / predictedCount : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { intent, precision, recall, f1, support };
  }).filter((m) => m.support > 0);
  return {
    accuracy: predictions.length ? correct / predictions.length : 0,
    total: predictions.length,
    correct,
    perIntent,
    confusion: { labels, matrix },
    worstConfusions: [...mistakes.values()].sort((a, b) => b.count - a.count).slice(0, worst),
    errors: keepSome([...wrong.values()], MAX_ERRORS),
  };
}

/** At most `max` items of the lists together, dealt round-robin so that every list keeps its share. */
function keepSome<T>(lists: readonly T[][], max: number): T[] {
  const total = lists.reduce((s, l) => s + l.length, 0);
  if (total <= max) return lists.flat();
  const out: T[][] = lists.map(() => []);
  let left = max;
  for (let round = 0; left > 0; round += 1) {
    lists.forEach((l, i) => {
      if (left > 0 && round < l.length) {
        out[i].push(l[round]);
        left -= 1;
      }
    });
  }
  return out.flat();
}
