import type { SoftmaxModelJson, SoftmaxTrainOptions } from '../classifier/softmaxRegression';
import type { FeatureOptions } from '../features/featurize';

export const MODEL_FORMAT = 'jiaoguan-intent-model';
/** Bump when featurisation or the classifier changes so stale model files are retrained. */
export const MODEL_FORMAT_VERSION = 1;

export interface IntentModelJson {
  format: typeof MODEL_FORMAT;
  formatVersion: number;
  createdAt: string;
  /** sha256 of the training data (intents and utterances); tells whether a model is stale. */
  dataHash: string;
  locales: string[];
  intents: string[];
  featureOptions: FeatureOptions;
  trainOptions: SoftmaxTrainOptions;
  /** Below this top score an in-domain answer becomes None; chosen by cross-validation at training time. */
  noneThreshold: number;
  calibration: { folds: number; accuracy: number; noneRecall: number | null };
  classifier: SoftmaxModelJson;
  /** FAQ answers: intent → locale → answers (faq.* intents answer directly). */
  answers?: Record<string, Record<string, string[]>>;
}

export interface Classification {
  intent: string;
  score: number;
  /** Classifier ranking before the None threshold, best first. */
  ranking: Array<{ intent: string; score: number }>;
}
