import { createHash } from 'node:crypto';
import { DEFAULT_SOFTMAX_OPTIONS, SoftmaxRegression, type SoftmaxTrainOptions } from '../classifier/softmaxRegression';
import type { Corpus } from '../corpus/types';
import { stratifiedFolds } from '../evaluation/kFold';
import { DEFAULT_FEATURE_OPTIONS, featurize, type FeatureOptions } from '../features/featurize';
import { applyNoneThreshold, NONE_INTENT } from './IntentModel';
import { prepareText } from './prepareText';
import { MODEL_FORMAT, MODEL_FORMAT_VERSION, type Classification, type IntentModelJson } from './types';

export interface Example {
  text: string;
  intent: string;
  locale: string;
}

export interface TrainProgress {
  phase: 'prepare' | 'calibrate' | 'final' | 'evaluate';
  done: number;
  total: number;
}

export interface TrainSettings {
  folds: number;
  seed: number;
  featureOptions: FeatureOptions;
  trainOptions: SoftmaxTrainOptions;
  onProgress?: (p: TrainProgress) => void;
  now?: () => Date;
}

export const DEFAULT_TRAIN_SETTINGS: TrainSettings = {
  folds: 5,
  seed: 11,
  featureOptions: DEFAULT_FEATURE_OPTIONS,
  trainOptions: DEFAULT_SOFTMAX_OPTIONS,
};

/** Training utterances and held-out tests of a set of corpora, in file order. */
export function examplesOf(corpora: readonly Corpus[]): { train: Example[]; tests: Example[] } {
  const train: Example[] = [];
  const tests: Example[] = [];
  for (const c of corpora) {
    for (const d of c.data) {
      for (const text of d.utterances) train.push({ text, intent: d.intent, locale: c.locale });
      for (const text of d.tests ?? []) tests.push({ text, intent: d.intent, locale: c.locale });
    }
  }
  return { train, tests };
}

/** Identifies the training data (not its order): a model whose hash matches is up to date. */
export function dataHash(examples: readonly Example[]): string {
  const lines = examples.map((e) => `${e.locale}\t${e.intent}\t${e.text}`).sort();
  return createHash('sha256').update(`v${MODEL_FORMAT_VERSION}\n`).update(lines.join('\n')).digest('hex');
}

interface Prepared {
  text: string;
  intent: string;
  features: string[];
}

function prepare(examples: readonly Example[], fo: FeatureOptions): Prepared[] {
  return examples.map((e) => ({ text: e.text, intent: e.intent, features: featurize(prepareText(e.text), fo) }));
}

function fit(items: readonly Prepared[], to: SoftmaxTrainOptions): SoftmaxRegression {
  return SoftmaxRegression.train(items.map((i) => ({ features: i.features, label: i.intent })), to);
}

export interface OutOfFold {
  text: string;
  gold: string;
  ranking: Classification['ranking'];
}

/** Out-of-fold rankings of every example under stratified k-fold cross-validation. */
function outOfFold(items: readonly Prepared[], s: TrainSettings, report?: (done: number) => void): OutOfFold[] {
  const folds = stratifiedFolds(items.map((i) => i.intent), s.folds, s.seed);
  const out = new Array<OutOfFold>(items.length);
  for (let f = 0; f < s.folds; f += 1) {
    const model = fit(items.filter((_, i) => folds[i] !== f), s.trainOptions);
    items.forEach((item, i) => {
      if (folds[i] !== f) return;
      const ranking = item.features.length
        ? model.predict(item.features).map((r) => ({ intent: r.label, score: r.score }))
        : [];
      out[i] = { text: item.text, gold: item.intent, ranking };
    });
    report?.(f + 1);
  }
  return out;
}

/**
 * The None threshold that maximises cross-validated accuracy (ties: the middle of the best range),
 * with the accuracy and None recall it gives.
 */
export function chooseNoneThreshold(oof: readonly OutOfFold[]): { threshold: number; accuracy: number; noneRecall: number | null } {
  const scoreAt = (t: number) => {
    let correct = 0;
    let none = 0;
    let noneHit = 0;
    for (const o of oof) {
      const intent = applyNoneThreshold(o.ranking, t).intent;
      if (intent === o.gold) correct += 1;
      if (o.gold === NONE_INTENT) { none += 1; if (intent === NONE_INTENT) noneHit += 1; }
    }
    return { accuracy: oof.length ? correct / oof.length : 0, noneRecall: none ? noneHit / none : null };
  };
  // Without None examples there is nothing to trade against: never turn an answer into None.
  if (!oof.some((o) => o.gold === NONE_INTENT)) return { threshold: 0, ...scoreAt(0) };
  const grid = Array.from({ length: 96 }, (_, i) => i / 100);
  const scored = grid.map((t) => ({ t, ...scoreAt(t) }));
  const best = Math.max(...scored.map((s) => s.accuracy));
  const top = scored.filter((s) => s.accuracy >= best - 1e-12);
  const pick = top[Math.floor((top.length - 1) / 2)];
  return { threshold: pick.t, accuracy: pick.accuracy, noneRecall: pick.noneRecall };
}

/** Train a model on the given examples, calibrating the None threshold by k-fold cross-validation. */
export function trainOnExamples(examples: readonly Example[], settings: Partial<TrainSettings> = {}): IntentModelJson {
  const s: TrainSettings = { ...DEFAULT_TRAIN_SETTINGS, ...settings };
  if (examples.length === 0) throw new Error('train: the corpora hold no training utterances');
  const progress = s.onProgress ?? (() => undefined);
  const totalSteps = s.folds + 2;
  progress({ phase: 'prepare', done: 0, total: totalSteps });
  const items = prepare(examples, s.featureOptions);
  progress({ phase: 'prepare', done: 1, total: totalSteps });
  const intents = [...new Set(examples.map((e) => e.intent))].sort();
  const minPerIntent = Math.min(...intents.map((i) => items.filter((x) => x.intent === i).length));
  let calibration: IntentModelJson['calibration'] = { folds: 0, accuracy: 0, noneRecall: null };
  let threshold = 0;
  if (intents.length > 1 && minPerIntent >= 2) {
    const folds = Math.min(s.folds, minPerIntent);
    const oof = outOfFold(items, { ...s, folds }, (d) => progress({ phase: 'calibrate', done: 1 + d, total: totalSteps }));
    const chosen = chooseNoneThreshold(oof);
    threshold = chosen.threshold;
    calibration = { folds, accuracy: chosen.accuracy, noneRecall: chosen.noneRecall };
  }
  const classifier = fit(items, s.trainOptions);
  progress({ phase: 'final', done: totalSteps, total: totalSteps });
  return {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    createdAt: (s.now ?? (() => new Date()))().toISOString(),
    dataHash: dataHash(examples),
    locales: [...new Set(examples.map((e) => e.locale))].sort(),
    intents,
    featureOptions: s.featureOptions,
    trainOptions: s.trainOptions,
    noneThreshold: threshold,
    calibration,
    classifier: classifier.toJSON(),
  };
}

export function trainOnCorpora(corpora: readonly Corpus[], settings: Partial<TrainSettings> = {}): IntentModelJson {
  return trainOnExamples(examplesOf(corpora).train, settings);
}
