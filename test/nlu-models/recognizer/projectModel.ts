import { IntentModel } from '../../../nlu-models/model/IntentModel';
import { ensureModel } from '../../../nlu-models/model/ensureModel';
import { PROJECT_MODEL_FILE } from '../../../nlu-models/model/paths';

let cached: IntentModel | undefined;

/** The project's trained model (trained first if missing or stale), shared by the tests of one file. */
export function projectModel(): IntentModel {
  if (!cached) {
    ensureModel(PROJECT_MODEL_FILE);
    cached = IntentModel.load(PROJECT_MODEL_FILE);
  }
  return cached;
}
