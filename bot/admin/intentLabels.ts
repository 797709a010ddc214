import type { TrainingIntent } from '../../integrations/storage/training';
import { CORE_INTENTS } from '../../dialogs/main/coreIntents';
import { SERVICE_INDEX } from '../../dialogs/services';
import { UNANSWERED_INTENT } from '../../dialogs/services/knowledge/KnowledgeAnswerDialog';

const CHINESE = /[\u4e00-\u9fff]/;

/** The consoles' Chinese names of the services' and core intents (the agent console's labels). */
const LABELS: ReadonlyMap<string, string> = new Map([
  ...SERVICE_INDEX.consoleLabels.map((d) => [d.intent, d.label['zh-CN']] as const),
  ...CORE_INTENTS.map((d) => [d.intent, d.consoleLabel['zh-CN']] as const),
]);

/**
 * An intent as an admin reads it: its console label (查违章), else its description when that is Chinese
 * (an FAQ's 办公时间), else its name.
 */
export function intentLabel(intent: string, known?: Pick<TrainingIntent, 'description'>): string {
  const label = LABELS.get(intent);
  if (label) return label;
  if (known?.description && CHINESE.test(known.description)) return known.description.replace(/^拼音：/, '');
  return intent;
}

/**
 * Why a message is in the misunderstood inbox, in plain Chinese: 没听懂 (nothing it knows), 知识库没有找到答案
 * (a rule question no card answered), 不太确定（最像「查违章」） (a guess not sure enough to act on).
 */
export function inboxReason(intent: string, known?: Pick<TrainingIntent, 'description'>): string {
  if (intent === 'None') return '没听懂';
  if (intent === UNANSWERED_INTENT) return '知识库里没有找到能回答的内容';
  return `不太确定（最像「${intentLabel(intent, known)}」）`;
}
