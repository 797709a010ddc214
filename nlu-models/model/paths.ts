import { join } from 'node:path';

/** Where the project's trained model lives; built by `npm run nlu -- ensure` (not committed). */
export const PROJECT_MODEL_FILE = join(__dirname, '..', 'models', 'jiaoguan.model.json');
