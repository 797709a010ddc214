import type { TrainingIntent } from '../../integrations/storage/training';
import { consoleIntentLabels } from '../../dialogs/main/coreIntents';
import { SERVICE_INDEX } from '../../dialogs/services';
import type { ServiceIndex } from '../../dialogs/services/ServiceIndex';
import { UNANSWERED_INTENT } from '../../dialogs/services/knowledge/KnowledgeAnswerDialog';

const CHINESE = /[\u4e00-\u9fff]/;

/** The consoles' Chinese names of the intents (intent → 查违章). */
export type IntentLabels = ReadonlyMap<string, string>;

/** The Chinese console labels of the services' and core intents. */
export function intentLabelsOf(services: ServiceIndex): IntentLabels {
  return new Map(consoleIntentLabels(services).map((d) => [d.intent, d.label['zh-CN']]));
}

/** The labels of the project's own services (the default where no composed service list is given). */
export const PROJECT_INTENT_LABELS: IntentLabels = intentLabelsOf(SERVICE_INDEX);

/**
 * How an admin reads each intent: its console label (查违章), else its description when that is Chinese
 * (an FAQ's 办公时间), else its name. `intents` are the training store's (for their descriptions).
 */
export function intentNamer(labels: IntentLabels, intents: readonly Pick<TrainingIntent, 'name' | 'description'>[]): (intent: string) => string {
  const descriptions = new Map(intents.map((i) => [i.name, i.description]));
  return (intent) => {
    const label = labels.get(intent);
    if (label) return label;
    const description = descriptions.get(intent);
    if (description && CHINESE.test(description)) return description.replace(/^拼音：/, '');
    return intent;
  };
}

/**
 * Why a message is in the misunderstood inbox, in plain Chinese: 没听懂 (nothing it knows), 知识库没有找到答案
 * (a rule question no card answered), 不太确定（最像「查违章」） (a guess not sure enough to act on).
 */
export function inboxReason(intent: string, nameOf: (intent: string) => string): string {
  if (intent === 'None') return '没听懂';
  if (intent === UNANSWERED_INTENT) return '知识库里没有找到能回答的内容';
  return `不太确定（最像「${nameOf(intent)}」）`;
}
