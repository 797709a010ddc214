import { normalizeText } from '../text/normalize';
import { ActModel } from './ActModel';
import { ensureActModel } from './ensureActModel';
import { ACT_MODEL_FILE } from './paths';
import type { ActClassification, ConfirmPurpose } from './types';

export { ActModel } from './ActModel';
export type { ActClassification, ConfirmAct, ConfirmPurpose } from './types';
export { CONFIRM_PURPOSES } from './types';

let loaded: ActModel | undefined;

/**
 * The project's dialogue-act model, loaded once per process on first use. `npm run nlu -- ensure` trains it
 * ahead of time; a missing or stale file is retrained here (a few seconds) rather than failing a conversation.
 */
export function projectActModel(): ActModel {
  loaded ??= new ActModel(ensureActModel(ACT_MODEL_FILE).model);
  return loaded;
}

/**
 * What a reply to a yes/no question does, read in the context of what was asked: 「取消吧」 is a yes at a cancel
 * confirmation and a no at a booking one; 「怎么交」 or 「转人工」 are neither (other).
 */
export function classifyConfirmAct(text: string, purpose: ConfirmPurpose): ActClassification {
  const normal = normalizeText(text);
  if (!normal) return { act: 'other', score: 1 };
  return projectActModel().classify(normal, purpose);
}
