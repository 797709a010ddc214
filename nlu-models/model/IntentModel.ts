import { readFileSync } from 'node:fs';
import { SoftmaxRegression } from '../classifier/softmaxRegression';
import { featurize } from '../features/featurize';
import { prepareText } from './prepareText';
import { MODEL_FORMAT, MODEL_FORMAT_VERSION, type Classification, type IntentModelJson } from './types';

export const NONE_INTENT = 'None';

export class ModelFormatError extends Error {
  readonly code = 'MODEL_FORMAT';
}

/** A trained, loaded intent model: text in, intent and score out. Immutable; swap instances to publish. */
export class IntentModel {
  private readonly classifier: SoftmaxRegression;

  constructor(readonly json: IntentModelJson) {
    if (json.format !== MODEL_FORMAT) throw new ModelFormatError(`not a ${MODEL_FORMAT} file`);
    if (json.formatVersion !== MODEL_FORMAT_VERSION) {
      throw new ModelFormatError(`model format ${json.formatVersion} is not ${MODEL_FORMAT_VERSION}; retrain it`);
    }
    this.classifier = SoftmaxRegression.fromJSON(json.classifier);
  }

  static load(file: string): IntentModel {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new ModelFormatError(`cannot read model ${file}: ${(e as Error).message}`);
    }
    return new IntentModel(parsed as IntentModelJson);
  }

  get intents(): string[] {
    return this.json.intents;
  }

  /** Classify text that has already been through prepareText (normalised, entities masked). */
  classifyPrepared(prepared: string): Classification {
    const features = featurize(prepared, this.json.featureOptions);
    if (features.length === 0) return { intent: NONE_INTENT, score: 1, ranking: [] };
    const ranking = this.classifier.predict(features).map((r) => ({ intent: r.label, score: r.score }));
    return applyNoneThreshold(ranking, this.json.noneThreshold);
  }

  classify(text: string): Classification {
    return this.classifyPrepared(prepareText(text));
  }
}

/** Empty text, or a best guess below the threshold, is None; otherwise the best guess. */
export function applyNoneThreshold(ranking: Classification['ranking'], threshold: number): Classification {
  const top = ranking[0];
  if (!top) return { intent: NONE_INTENT, score: 1, ranking };
  if (top.intent !== NONE_INTENT && top.score < threshold) {
    return { intent: NONE_INTENT, score: 1 - top.score, ranking };
  }
  return { intent: top.intent, score: top.score, ranking };
}
