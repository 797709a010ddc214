import type { Citation, KnowledgeCard, KnowledgeLocale } from './types';

/** A card the question may be about, with how sure the answerer is and why. */
export interface CardMatch {
  readonly card: KnowledgeCard;
  /** 0–1: the share of the question's weight that the card's best-matching text contains. */
  readonly confidence: number;
  /** The question's terms found there (why this card). */
  readonly matched: readonly string[];
  /** The card's text that matched best (one of its questions, or its title and answer). */
  readonly via: string;
  /** That text's BM25 score (what the ranking is by). */
  readonly score: number;
}

/** An article quoted when no card is sure enough but one article clearly is. */
export interface ArticleMatch {
  readonly citation: Citation;
  readonly text: string;
  readonly confidence: number;
  readonly matched: readonly string[];
}

export type KnowledgeAnswer =
  | { readonly kind: 'card'; readonly match: CardMatch; readonly nearby: readonly CardMatch[] }
  | { readonly kind: 'article'; readonly match: ArticleMatch; readonly nearby: readonly CardMatch[] }
  /** Nothing sure enough: say so and refer (nearby cards may be offered as "did you mean"). */
  | { readonly kind: 'none'; readonly nearby: readonly CardMatch[] };

/** What dialogs use of the knowledge base (the live version, built by the composition root). */
export interface KnowledgeAnswerer {
  answer(text: string, locale: KnowledgeLocale): KnowledgeAnswer;
  /** A safety card when the message is an emergency (every word group of its `urgent` matched). */
  urgent(text: string): KnowledgeCard | undefined;
  /** The card's citations as shown to citizens: 《道路交通安全违法行为记分管理办法》第十条第（八）项. */
  cite(cites: readonly Citation[], locale: KnowledgeLocale): string;
  card(id: string): KnowledgeCard | undefined;
}
