import { join } from 'node:path';

/** Where the trained dialogue-act model lives, beside the intent model; built by `npm run nlu -- ensure` (not committed). */
export const ACT_MODEL_FILE = join(__dirname, '..', 'models', 'acts.model.json');
