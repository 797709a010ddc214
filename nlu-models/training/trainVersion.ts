import { crossValidate, heldOutEvaluation } from '../evaluation/evaluateExamples';
import { IntentModel } from '../model/IntentModel';
import { trainOnExamples, type Example } from '../model/trainModel';
import type { IntentModelJson } from '../model/types';

export interface TrainRequest {
  train: Example[];
  /** Held-out utterances, scored by the final model. */
  tests: Example[];
  answers: Record<string, Record<string, string[]>>;
  /** Folds of the cross-validation that evaluates the version (3-10). */
  folds: number;
}

export interface TrainedVersion {
  model: IntentModelJson;
  metrics: {
    accuracy: number;
    perIntent: Array<{ intent: string; precision: number; recall: number; f1: number; support: number }>;
    confusion: { labels: string[]; matrix: number[][] };
    folds: number;
    heldOutAccuracy?: number;
    /** The cross-validation's misclassified examples (bounded, see MAX_ERRORS). */
    errors: Array<{ text: string; expected: string; predicted: string }>;
  };
}

export type ReportProgress = (phase: 'train' | 'evaluate' | 'done', percent: number) => void;

/** Trains a model version and evaluates it by k-fold cross-validation (and on held-out tests). CPU-bound. */
export function trainVersion(req: TrainRequest, report: ReportProgress = () => undefined): TrainedVersion {
  report('train', 0);
  const model = trainOnExamples(req.train, { onProgress: (p) => report('train', Math.round((35 * p.done) / p.total)) });
  model.answers = req.answers;
  report('evaluate', 35);
  const cv = crossValidate(req.train, { folds: req.folds }, (done, total) => report('evaluate', 35 + Math.round((60 * done) / total)));
  const heldOutAccuracy = req.tests.length ? heldOutEvaluation(new IntentModel(model), req.tests).accuracy : undefined;
  report('done', 100);
  return {
    model,
    metrics: { accuracy: cv.accuracy, perIntent: cv.perIntent, confusion: cv.confusion, folds: req.folds, heldOutAccuracy,
      errors: cv.errors.map((e) => ({ text: e.text, expected: e.gold, predicted: e.predicted })) },
  };
}
