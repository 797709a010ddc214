/**
 * The NLU's training data and model versions, kept in the store so admins edit them on a running bot and
 * every process sees the same live version. Exported back to corpus JSON for review in git.
 */
export type UtteranceSplit = 'train' | 'test';

export interface TrainingIntent {
  readonly name: string;
  readonly description: string;
  /** The corpus file it belongs to (exam, plate, fine, service, none, faq…). */
  readonly domain: string;
  /** FAQ answers per locale (faq.* intents answer with the first). */
  readonly answers: Readonly<Record<string, readonly string[]>>;
  readonly updatedAt: number;
}

export interface TrainingUtterance {
  readonly id: number;
  readonly intent: string;
  readonly locale: string;
  readonly text: string;
  readonly split: UtteranceSplit;
  /** corpus (seeded), admin (typed in the console), inbox (filed from the misunderstood inbox), import. */
  readonly source: string;
  readonly createdAt: number;
}

export interface VersionMetrics {
  readonly accuracy: number;
  readonly perIntent: ReadonlyArray<{ intent: string; precision: number; recall: number; f1: number; support: number }>;
  readonly confusion: { readonly labels: readonly string[]; readonly matrix: ReadonlyArray<readonly number[]> };
  readonly folds: number;
  /** Accuracy on the held-out `test` utterances, when there are any. */
  readonly heldOutAccuracy?: number;
  /**
   * The cross-validation's misclassified examples (expected ≠ predicted), at most 2,000 (each confusion cell keeps its
   * share). Versions trained before it was recorded have none.
   */
  readonly errors?: ReadonlyArray<{ readonly text: string; readonly expected: string; readonly predicted: string }>;
  /** The FAQ answers the version was trained with (intent → locale → answers), recorded at training time. */
  readonly faqAnswers?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

export type VersionStatus = 'training' | 'ready' | 'failed';

export interface ModelVersion {
  readonly id: string;
  /** 1, 2, 3… in creation order. */
  readonly number: number;
  readonly status: VersionStatus;
  readonly phase: string;
  readonly percent: number;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly dataHash: string;
  readonly intents: readonly string[];
  readonly metrics: VersionMetrics | null;
  readonly error?: string;
}

export interface LivePointer {
  readonly versionId: string;
  readonly publishedAt: number;
  readonly publishedBy: string;
}

export class DuplicateUtteranceError extends Error {
  readonly code = 'UTTERANCE_EXISTS' as const;
  constructor(readonly intent: string, text: string) {
    super(`"${text}" is already an utterance of ${intent}`);
    this.name = 'DuplicateUtteranceError';
  }
}

/**
 * What one corpus file held when the store last took it in: seeded, imported or dismissed by an admin. A file
 * that differs at start is offered to admins as an import (never merged by itself).
 */
export interface CorpusSeed {
  /** `<domain>/<locale>`, e.g. exams/zh-CN. */
  readonly key: string;
  /** sha256 of the file's corpus (as parsed, so formatting does not count). */
  readonly hash: string;
  /** The corpus JSON as it was then: the base the next change is shown against. */
  readonly corpus: string;
  /** system (the seed), or the admin's id who imported or dismissed it. */
  readonly recordedBy: string;
  readonly recordedAt: number;
}

export interface TrainingStore {
  intentCount(): Promise<number>;
  intents(): Promise<TrainingIntent[]>;
  intent(name: string): Promise<TrainingIntent | undefined>;
  upsertIntent(intent: TrainingIntent): Promise<void>;
  /** Deletes the intent and its utterances. */
  deleteIntent(name: string): Promise<boolean>;
  utterances(intent?: string): Promise<TrainingUtterance[]>;
  /** @throws DuplicateUtteranceError when the same text (locale, split) is already an utterance of any intent. */
  addUtterance(u: Omit<TrainingUtterance, 'id'>): Promise<TrainingUtterance>;
  /**
   * Adds many utterances at once (seeding, import), skipping each one whose text the locale and split
   * already have (in the store or earlier in the list); says how many were added and skipped.
   */
  addUtterances(list: ReadonlyArray<Omit<TrainingUtterance, 'id'>>): Promise<{ added: number; skipped: number }>;
  deleteUtterance(id: number): Promise<TrainingUtterance | undefined>;
  /** Utterance counts per intent, locale and split. */
  counts(): Promise<Array<{ intent: string; locale: string; split: UtteranceSplit; n: number }>>;

  createVersion(v: { createdBy: string; createdAt: number; dataHash: string; intents: readonly string[] }): Promise<ModelVersion>;
  updateVersion(id: string, patch: { status?: VersionStatus; phase?: string; percent?: number; metrics?: VersionMetrics; error?: string }): Promise<void>;
  saveModel(id: string, modelJson: string): Promise<void>;
  loadModel(id: string): Promise<string | undefined>;
  versions(): Promise<ModelVersion[]>;
  version(id: string): Promise<ModelVersion | undefined>;
  setLive(versionId: string, by: string, at: number): Promise<void>;
  live(): Promise<LivePointer | undefined>;

  /** The corpus files as the store last took them in, by key. */
  corpusSeeds(): Promise<CorpusSeed[]>;
  /** Records (replaces) what the store took in of one corpus file. */
  recordCorpusSeed(seed: CorpusSeed): Promise<void>;
}

/** Messages the live bot did not understand (None or low confidence), masked before they are stored. */
export type InboxStatus = 'new' | 'filed' | 'out_of_scope' | 'ignored';

export interface InboxItem {
  readonly id: number;
  readonly text: string;
  readonly locale: string;
  readonly intent: string;
  readonly score: number;
  readonly createdAt: number;
  readonly status: InboxStatus;
  /** The bot's last message before the citizen's (what it had asked), masked; absent for items recorded before it was kept. */
  readonly botAsked?: string;
}

/** What is recorded of a message the bot did not understand. */
export interface MisunderstoodMessage {
  text: string;
  locale: string;
  intent: string;
  score: number;
  at: number;
  /** The conversation it was said in: lets the bot's last question be looked up (never stored itself). */
  conversationId?: string;
  /** The bot's last message before it (stored masked). */
  botAsked?: string;
}

export interface MisunderstoodInbox {
  /** Records a masked utterance; never throws (the citizen's turn must not fail because of it). */
  record(item: MisunderstoodMessage): Promise<void>;
}

export interface InboxStore extends MisunderstoodInbox {
  open(limit: number): Promise<InboxItem[]>;
  item(id: number): Promise<InboxItem | undefined>;
  resolve(id: number, status: Exclude<InboxStatus, 'new'>, by: string, at: number, intent?: string): Promise<boolean>;
}
