import type { InboxItem, TrainingIntent, TrainingUtterance, VersionMetrics } from '../../integrations/storage/training';
import type { Understanding } from '../../nlu-models/recognizer/Understanding';
import { round2 } from './checkExamples';
import { exampleCollisions, type Collision } from './exampleCollisions';
import { intentNamer, PROJECT_INTENT_LABELS } from './intentLabels';

/**
 * Fewest training examples an intent should have in a language it is taught in (Chinese always): with fewer, the
 * quality gate's cross-validation (up to 10 folds) leaves folds without a single example of it.
 */
export const MIN_EXAMPLES = 10;
/** A confusion is advice-worthy when at least this many examples and this share of the intent's are read as another. */
const CONFUSED_AT_LEAST = 2;
const CONFUSED_SHARE = 0.1;
const MAX_COLLISIONS = 10;
const MAX_SUGGESTIONS = 5;

export interface Advice {
  intent: string;
  kind: 'too_few' | 'too_similar' | 'often_confused';
  /** Plain Chinese: what is wrong and what to do. */
  text: string;
  /** too_few: how many more training examples reach MIN_EXAMPLES. */
  need?: number;
  /** too_similar: this intent's example, the other intent and its example. */
  collisions?: Array<{ text: string; otherIntent: string; otherText: string; similarity: number }>;
  /** often_confused: which intents its examples are read as, and how many of them. */
  confusedWith?: Array<{ intent: string; count: number }>;
  /** Open inbox messages the live model's best guess (other than "not understood") reads as this intent. */
  suggestions?: Array<{ inboxId: number; text: string }>;
}

export interface AdviceInput {
  intents: readonly TrainingIntent[];
  utterances: readonly TrainingUtterance[];
  /** The live version's evaluation (absent: no often_confused advice). */
  live?: VersionMetrics | null;
  inbox: readonly InboxItem[];
  /** Near-identical examples of different intents, when already found (exampleCollisions of `utterances`). */
  collisions?: readonly Collision[];
  /** The live model's reading of a text. */
  understand: (text: string) => Pick<Understanding, 'intent' | 'alternatives'>;
  /** How an admin reads an intent (intentNamer; default: the project's labels and `intents`' descriptions). */
  nameOf?: (intent: string) => string;
}

/** The live model's best guess other than None for a text (None when it has none). */
export function bestGuess(u: Pick<Understanding, 'intent' | 'alternatives'>): string {
  if (u.intent !== 'None') return u.intent;
  return u.alternatives.find((a) => a.intent !== 'None')?.intent ?? 'None';
}

/**
 * Plain advice per intent: too few training examples (how many more), examples near-identical to another intent's
 * (which pairs), often confused with another intent in the live version's cross-validation (with which); each
 * with candidate sentences from the misunderstood inbox that the live model leans to reading as that intent.
 */
export function intentAdvice(input: AdviceInput): Advice[] {
  const known = new Set(input.intents.map((i) => i.name));
  const nameOf = input.nameOf ?? intentNamer(PROJECT_INTENT_LABELS, input.intents);
  const label = (name: string) => `「${nameOf(name)}」`;
  const advice: Advice[] = [];

  for (const intent of input.intents) {
    const train = input.utterances.filter((u) => u.intent === intent.name && u.split === 'train');
    const locales = new Set(['zh-CN', ...train.map((u) => u.locale)]);
    for (const locale of [...locales].sort((a, b) => (a === 'zh-CN' ? -1 : b === 'zh-CN' ? 1 : a.localeCompare(b)))) {
      const n = train.filter((u) => u.locale === locale).length;
      if (n >= MIN_EXAMPLES) continue;
      const need = MIN_EXAMPLES - n;
      const language = locale === 'zh-CN' ? '中文' : '英文';
      advice.push({
        intent: intent.name, kind: 'too_few', need,
        text: `${label(intent.name)}只有 ${n} 条${language}训练例句，至少需要 ${MIN_EXAMPLES} 条：请再补充 ${need} 条不同说法的${language}例句。`,
      });
    }
  }

  const byIntent = new Map<string, NonNullable<Advice['collisions']>>();
  for (const c of input.collisions ?? exampleCollisions(input.utterances)) {
    for (const [mine, other] of [[c.a, c.b], [c.b, c.a]] as const) {
      const list = byIntent.get(mine.intent) ?? [];
      if (list.length < MAX_COLLISIONS) list.push({ text: mine.text, otherIntent: other.intent, otherText: other.text, similarity: round2(c.similarity) });
      byIntent.set(mine.intent, list);
    }
  }
  for (const [intent, collisions] of byIntent) {
    if (!known.has(intent)) continue;
    const others = [...new Set(collisions.map((c) => c.otherIntent))].map(label).join('、');
    advice.push({
      intent, kind: 'too_similar', collisions,
      text: `${label(intent)}有 ${collisions.length >= MAX_COLLISIONS ? `${MAX_COLLISIONS} 条以上` : `${collisions.length} 条`}例句和${others}的例句几乎一样，模型会分不清：请删掉或改写其中一方，或确认它们本该属于同一个意图。`,
    });
  }

  const confusion = input.live?.confusion;
  if (confusion) {
    confusion.labels.forEach((expected, i) => {
      if (!known.has(expected)) return;
      const support = confusion.matrix[i].reduce((s, v) => s + v, 0);
      const confusedWith = confusion.labels
        .map((predicted, j) => ({ intent: predicted, count: i === j ? 0 : confusion.matrix[i][j] }))
        .filter((c) => c.count >= CONFUSED_AT_LEAST && c.count >= support * CONFUSED_SHARE)
        .sort((a, b) => b.count - a.count);
      if (!confusedWith.length) return;
      const worst = confusedWith.map((c) => `${c.count} 条被认成${label(c.intent)}`).join('，');
      advice.push({
        intent: expected, kind: 'often_confused', confusedWith,
        text: `在线上版本的评估中，${label(expected)}的 ${support} 条例句里有 ${worst}：请补充能区分它们的说法，并检查那些例句是否放错了意图。`,
      });
    });
  }

  const adviced = new Set(advice.map((a) => a.intent));
  const suggestions = new Map<string, NonNullable<Advice['suggestions']>>();
  for (const item of input.inbox) {
    if (item.status !== 'new') continue;
    const guess = bestGuess(input.understand(item.text));
    if (!adviced.has(guess)) continue;
    const list = suggestions.get(guess) ?? [];
    if (list.length < MAX_SUGGESTIONS && !list.some((s) => s.text === item.text)) list.push({ inboxId: item.id, text: item.text });
    suggestions.set(guess, list);
  }
  const order = { too_few: 0, too_similar: 1, often_confused: 2 };
  return advice
    .map((a) => (suggestions.get(a.intent)?.length ? { ...a, suggestions: suggestions.get(a.intent) } : a))
    .sort((a, b) => order[a.kind] - order[b.kind] || a.intent.localeCompare(b.intent));
}
