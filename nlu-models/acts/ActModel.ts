import { readFileSync } from 'node:fs';
import { SoftmaxRegression, type SoftmaxModelJson, type SoftmaxTrainOptions } from '../classifier/softmaxRegression';
import type { FeatureOptions } from '../features/featurize';
import { actFeaturesAndUnits } from './features';
import type { ActClassification, ConfirmAct, ConfirmActClassifier, ConfirmPurpose } from './types';

export const ACT_MODEL_FORMAT = 'jiaoguan-act-model';
/** Bump when the act features or the training recipe change so stale model files are retrained. */
export const ACT_MODEL_FORMAT_VERSION = 2;

export interface ActModelJson {
  format: typeof ACT_MODEL_FORMAT;
  formatVersion: number;
  createdAt: string;
  /** sha256 of the training examples; tells whether a model file is stale. */
  dataHash: string;
  counts: Record<string, Record<ConfirmAct, number>>;
  featureOptions: FeatureOptions;
  trainOptions: SoftmaxTrainOptions;
  trainingMs: number;
  classifier: SoftmaxModelJson;
  /** Every unit (word, Han character, symbol: see actUnits) that occurs in a yes or a no of the training data. */
  evidence: string[];
}

export class ActModelFormatError extends Error {
  readonly code = 'ACT_MODEL_FORMAT';
}

/** A trained dialogue-act model: a reply and the purpose of the question in, affirm/deny/other out. */
export class ActModel implements ConfirmActClassifier {
  private readonly classifier: SoftmaxRegression;
  private readonly evidence: ReadonlySet<string>;

  constructor(readonly json: ActModelJson) {
    if (json.format !== ACT_MODEL_FORMAT) throw new ActModelFormatError(`not a ${ACT_MODEL_FORMAT} file`);
    if (json.formatVersion !== ACT_MODEL_FORMAT_VERSION) {
      throw new ActModelFormatError(`act model format ${json.formatVersion} is not ${ACT_MODEL_FORMAT_VERSION}; retrain it`);
    }
    this.classifier = SoftmaxRegression.fromJSON(json.classifier);
    this.evidence = new Set(json.evidence);
  }

  static load(file: string): ActModel {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new ActModelFormatError(`cannot read act model ${file}: ${(e as Error).message}`);
    }
    return new ActModel(parsed as ActModelJson);
  }

  /** Probability of every act, highest first (the classifier alone, before the no-evidence rule of classify). */
  rank(text: string, purpose: ConfirmPurpose): Array<{ act: ConfirmAct; score: number }> {
    return this.ranked(text, purpose).ranked;
  }

  /**
   * The act of a reply. A reply with no yes/no evidence (none of its words, characters or symbols ever occurs in
   * a yes or a no: 「ghjghj」「blah」「🙂🙂」「。。。」) is "other" whatever the classifier says (score 1): garbage must
   * never confirm a booking, a payment or a cancellation.
   */
  classify(text: string, purpose: ConfirmPurpose): ActClassification {
    if (!text.trim()) return { act: 'other', score: 1 };
    const { ranked, units } = this.ranked(text, purpose);
    if (!units.some((u) => this.evidence.has(u))) return { act: 'other', score: 1 };
    const top = ranked[0];
    return { act: top.act, score: top.score };
  }

  private ranked(text: string, purpose: ConfirmPurpose): { ranked: Array<{ act: ConfirmAct; score: number }>; units: string[] } {
    const { features, units } = actFeaturesAndUnits(text, purpose, this.json.featureOptions);
    const ranked = this.classifier.predict(features).map((r) => ({ act: r.label as ConfirmAct, score: r.score }));
    return { ranked, units };
  }
}
