import type { EntityName } from '../entities/types';
import type { DetectedLanguage } from '../text/detectLanguage';

export interface UnderstoodEntity {
  entity: EntityName;
  value: string;
  /** The surface form in the (normalised) text and its offsets. */
  text: string;
  start: number;
  end: number;
}

/** What the dialogs get from the NLU for one utterance (DESIGN.md §3). */
export interface Understanding {
  text: string;
  /** The language it is written in (languageOf): the reply language of the turn is decided from it. */
  language: DetectedLanguage;
  intent: string;
  score: number;
  /** The classifier's ranking before the None threshold, best first (for "did you mean…" suggestions). */
  alternatives: Array<{ intent: string; score: number }>;
  entities: UnderstoodEntity[];
}

/** The small interface dialogs depend on; `today` is the China-time date of the turn (YYYY-MM-DD). */
export interface LanguageUnderstanding {
  understand(text: string, today: string): Understanding;
  /** The answer of an FAQ intent in a locale (`zh-CN`, `en`), if the live model has one. */
  answer?(intent: string, locale: string): string | undefined;
}
