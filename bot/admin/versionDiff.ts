import type { ModelVersion, TrainingStore } from '../../integrations/storage/training';

type Answers = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

export interface VersionDiff {
  comparable: boolean;
  /** Plain Chinese: why the accuracy cannot be compared (first publish, a version without evaluation). */
  reason?: string;
  against?: { id: string; number: number };
  accuracy: { before?: number; after: number | null };
  /** F1 per intent in the cross-validation, before (live) and after (this version); biggest losses first. */
  perIntent: Array<{ intent: string; before?: number; after?: number }>;
  intentsAdded: string[];
  intentsRemoved: string[];
  /** FAQ answers that differ (the first answer, Chinese first; absent when the intent had none). */
  faqChanged: Array<{ intent: string; before?: string; after?: string }>;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * What publishing (or rolling back to) `version` changes against the live one: accuracy and per-intent F1 of their
 * cross-validations, intents added and removed, FAQ answers changed. The FAQ answers a version was trained with
 * are in its metrics (recorded at training) or else in its model JSON (`answers`), read once per version.
 */
export class VersionDiffs {
  private readonly answers = new Map<string, Answers>();

  constructor(private readonly store: TrainingStore) {}

  private async answersOf(v: ModelVersion): Promise<Answers> {
    if (v.metrics?.faqAnswers) return v.metrics.faqAnswers;
    const cached = this.answers.get(v.id);
    if (cached) return cached;
    const json = await this.store.loadModel(v.id);
    const found = json ? ((JSON.parse(json) as { answers?: Answers }).answers ?? {}) : {};
    if (this.answers.size > 20) this.answers.clear();
    this.answers.set(v.id, found);
    return found;
  }

  async diff(version: ModelVersion, liveId: string | undefined): Promise<VersionDiff> {
    const live = liveId ? await this.store.version(liveId) : undefined;
    const after = version.metrics;
    const before = live && live.id !== version.id ? live.metrics : null;
    const intentsAdded = live ? version.intents.filter((i) => !live.intents.includes(i)) : [...version.intents];
    const intentsRemoved = live ? live.intents.filter((i) => !version.intents.includes(i)) : [];
    const reason = !live ? '目前没有线上版本，这是首次发布，没有可比较的评估结果。'
      : live.id === version.id ? '这个版本就是线上版本。'
        : !before ? `线上版本 ${live.number} 没有评估结果（例如首次发布时的初始版本），无法比较各意图的准确率。`
          : !after ? `版本 ${version.number} 没有评估结果，无法比较准确率。` : undefined;
    const f1Before = new Map((before?.perIntent ?? []).map((m) => [m.intent, round3(m.f1)]));
    const f1After = new Map((after?.perIntent ?? []).map((m) => [m.intent, round3(m.f1)]));
    const names = [...new Set([...f1Before.keys(), ...f1After.keys()])];
    const perIntent = names.map((intent) => ({ intent, before: f1Before.get(intent), after: f1After.get(intent) }))
      .sort((a, b) => delta(a) - delta(b) || a.intent.localeCompare(b.intent));
    const faqChanged: VersionDiff['faqChanged'] = [];
    if (live && live.id !== version.id) {
      const was = await this.answersOf(live);
      const now = await this.answersOf(version);
      for (const intent of [...new Set([...Object.keys(was), ...Object.keys(now)])].sort()) {
        if (JSON.stringify(sorted(was[intent])) === JSON.stringify(sorted(now[intent]))) continue;
        faqChanged.push({ intent, before: firstAnswer(was[intent]), after: firstAnswer(now[intent]) });
      }
    }
    return {
      comparable: reason === undefined, ...(reason ? { reason } : {}),
      ...(live ? { against: { id: live.id, number: live.number } } : {}),
      accuracy: { ...(before ? { before: round3(before.accuracy) } : {}), after: after ? round3(after.accuracy) : null },
      perIntent, intentsAdded, intentsRemoved, faqChanged,
    };
  }
}

/** A change's sort key: losses first, intents present on one side only last. */
function delta(m: { before?: number; after?: number }): number {
  return m.before !== undefined && m.after !== undefined ? m.after - m.before : 2;
}

function sorted(a: Readonly<Record<string, readonly string[]>> | undefined): Array<[string, readonly string[]]> | null {
  if (!a) return null;
  const entries = Object.entries(a).filter(([, list]) => list.length).sort(([x], [y]) => x.localeCompare(y));
  return entries.length ? entries : null;
}

function firstAnswer(a: Readonly<Record<string, readonly string[]>> | undefined): string | undefined {
  return a?.['zh-CN']?.[0] ?? Object.values(a ?? {}).find((l) => l.length)?.[0];
}
