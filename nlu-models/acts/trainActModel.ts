import { createHash } from 'node:crypto';
import { DEFAULT_SOFTMAX_OPTIONS, seededRandom, SoftmaxRegression, type Sample, type SoftmaxTrainOptions } from '../classifier/softmaxRegression';
import { stratifiedFolds } from '../evaluation/kFold';
import { computeMetrics, type EvaluationReport } from '../evaluation/metrics';
import { ACT_MODEL_FORMAT, ACT_MODEL_FORMAT_VERSION, ActModel, type ActModelJson } from './ActModel';
import type { LocalisedActExample } from './corpus/loadActCorpus';
import { ACT_FEATURE_OPTIONS, actFeatures, actUnits } from './features';
import { CONFIRM_PURPOSES, type ConfirmAct, type ConfirmPurpose } from './types';

export const ACT_TRAIN_OPTIONS: SoftmaxTrainOptions = { ...DEFAULT_SOFTMAX_OPTIONS, epochs: 30, balance: 0 };

const SPECIFIC: readonly ConfirmPurpose[] = CONFIRM_PURPOSES.filter((p) => p !== 'generic');

/** Identifies the training data (not its order): a model whose hash matches is up to date. */
export function actDataHash(examples: readonly LocalisedActExample[]): string {
  const lines = examples.map((e) => `${e.locale}\t${e.act}\t${e.purpose ?? '*'}\t${e.text}`).sort();
  return createHash('sha256').update(`v${ACT_MODEL_FORMAT_VERSION}\n`).update(lines.join('\n')).digest('hex');
}

/**
 * Training samples: an example tied to a purpose is read at that purpose; one that means the same at any
 * question is read at the generic one and at one other purpose (seeded), so the purpose-crossed features
 * learn what is particular to a purpose and the plain ones what is common to all.
 */
export function actSamples(examples: readonly LocalisedActExample[], seed = 5): Sample[][] {
  const rand = seededRandom(seed);
  return examples.map((e) => {
    if (e.purpose) {
      const features = actFeatures(e.text, e.purpose);
      return [{ features, label: e.act }, { features, label: e.act }];
    }
    return [
      { features: actFeatures(e.text, 'generic'), label: e.act },
      { features: actFeatures(e.text, SPECIFIC[Math.floor(rand() * SPECIFIC.length)]), label: e.act },
    ];
  });
}

/** The units (see actUnits) of every yes and no in the training data: what counts as yes/no evidence. */
export function actEvidence(examples: readonly LocalisedActExample[]): string[] {
  const units = new Set<string>();
  for (const e of examples) if (e.act !== 'other') for (const u of actUnits(e.text)) units.add(u);
  return [...units].sort();
}

export function trainActModel(
  examples: readonly LocalisedActExample[],
  now: () => Date = () => new Date(),
  samples: readonly Sample[][] = actSamples(examples),
): ActModelJson {
  if (examples.length === 0) throw new Error('act model: no training examples');
  const started = Date.now();
  const classifier = SoftmaxRegression.train(samples.flat(), ACT_TRAIN_OPTIONS);
  const counts: ActModelJson['counts'] = {};
  for (const e of examples) {
    counts[e.locale] ??= { affirm: 0, deny: 0, other: 0 };
    counts[e.locale][e.act] += 1;
  }
  return {
    format: ACT_MODEL_FORMAT,
    formatVersion: ACT_MODEL_FORMAT_VERSION,
    createdAt: now().toISOString(),
    dataHash: actDataHash(examples),
    counts,
    featureOptions: ACT_FEATURE_OPTIONS,
    trainOptions: ACT_TRAIN_OPTIONS,
    trainingMs: Date.now() - started,
    classifier: classifier.toJSON(),
    evidence: actEvidence(examples),
  };
}

/**
 * The purpose a test example is read at: its own, or (for replies that mean the same at any question) one
 * spread over all purposes by the text, so the held-out score covers every kind of confirmation.
 */
export function evaluationPurpose(e: { text: string; purpose?: ConfirmPurpose }): ConfirmPurpose {
  if (e.purpose) return e.purpose;
  let h = 0;
  for (const ch of e.text) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return CONFIRM_PURPOSES[h % CONFIRM_PURPOSES.length];
}

export function evaluateActModel(model: ActModel, tests: readonly LocalisedActExample[]): EvaluationReport {
  return computeMetrics(tests.map((e) => {
    const purpose = evaluationPurpose(e);
    return { text: `${e.text} @${purpose}`, gold: e.act, predicted: model.classify(e.text, purpose).act };
  }));
}

/** Stratified k-fold cross-validation over the training examples. */
export function crossValidateActs(examples: readonly LocalisedActExample[], folds = 5, seed = 13): EvaluationReport {
  const fold = stratifiedFolds(examples.map((e) => `${e.locale}/${e.act}`), folds, seed);
  const samples = actSamples(examples);
  const predictions: Array<{ text: string; gold: ConfirmAct; predicted: ConfirmAct }> = [];
  for (let f = 0; f < folds; f += 1) {
    const inFold = (_: unknown, i: number) => fold[i] !== f;
    const model = new ActModel(trainActModel(examples.filter(inFold), undefined, samples.filter(inFold)));
    examples.forEach((e, i) => {
      if (fold[i] !== f) return;
      const purpose = evaluationPurpose(e);
      predictions.push({ text: `${e.text} @${purpose}`, gold: e.act, predicted: model.classify(e.text, purpose).act });
    });
  }
  return computeMetrics(predictions);
}
