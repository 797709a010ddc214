import { IntentModel } from '../model/IntentModel';
import { trainOnExamples, type Example, type TrainSettings } from '../model/trainModel';
import { stratifiedFolds } from './kFold';
import { computeMetrics, type EvaluationReport, type Prediction } from './metrics';

/**
 * k-fold cross-validation of the whole training procedure: each fold trains a model (with its own
 * None-threshold calibration on its training part only) and classifies the held-out part.
 */
export function crossValidate(
  examples: readonly Example[],
  settings: Partial<TrainSettings> & { folds?: number } = {},
  onFold?: (done: number, total: number) => void,
): EvaluationReport {
  const k = settings.folds ?? 5;
  const seed = settings.seed ?? 11;
  const folds = stratifiedFolds(examples.map((e) => e.intent), k, seed + 1);
  const predictions: Prediction[] = [];
  for (let f = 0; f < k; f += 1) {
    const train = examples.filter((_, i) => folds[i] !== f);
    const model = new IntentModel(trainOnExamples(train, { ...settings, folds: 3, onProgress: undefined }));
    examples.forEach((e, i) => {
      if (folds[i] === f) predictions.push({ text: e.text, gold: e.intent, predicted: model.classify(e.text).intent });
    });
    onFold?.(f + 1, k);
  }
  return computeMetrics(predictions);
}

/** Train on all training utterances, then score the corpora's held-out `tests` lists. */
export function heldOutEvaluation(model: IntentModel, tests: readonly Example[]): EvaluationReport {
  return computeMetrics(tests.map((e) => ({ text: e.text, gold: e.intent, predicted: model.classify(e.text).intent })));
}
