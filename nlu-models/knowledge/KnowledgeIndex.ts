import { loadLaws, type Law } from './articles';
import { Bm25 } from './Bm25';
import { citationsText } from './citation';
import type { ArticleMatch, CardMatch, KnowledgeAnswer, KnowledgeAnswerer } from './KnowledgeAnswerer';
import { termsOf } from './terms';
import { KNOWLEDGE_LOCALES, type Citation, type KnowledgeCard, type KnowledgeLocale } from './types';

/** How sure the answerer must be to answer with a card, to quote an article, to offer a card as "did you mean". */
export interface KnowledgeThresholds {
  readonly card: number;
  readonly article: number;
  readonly nearby: number;
}

/** Chosen on the bench (npm run bench:knowledge): answer as many as possible while refusing what the cards do not cover. */
export const DEFAULT_THRESHOLDS: KnowledgeThresholds = { card: 0.55, article: 0.8, nearby: 0.3 };

interface CardDoc {
  readonly card: KnowledgeCard;
  readonly text: string;
}

/**
 * The knowledge base of one card set: BM25 over character n-grams of every card's questions, title and answer
 * (per locale) and of every article of the law texts. Immutable: a new card version builds a new index.
 */
export class KnowledgeIndex implements KnowledgeAnswerer {
  private readonly cards = new Map<string, KnowledgeCard>();
  private readonly byLocale = new Map<KnowledgeLocale, Bm25<CardDoc>>();
  private readonly articles = new Bm25<{ citation: Citation; text: string }>();

  constructor(
    cards: readonly KnowledgeCard[],
    private readonly laws: ReadonlyMap<string, Law> = loadLaws(),
    private readonly thresholds: KnowledgeThresholds = DEFAULT_THRESHOLDS,
  ) {
    for (const locale of KNOWLEDGE_LOCALES) this.byLocale.set(locale, new Bm25());
    for (const card of cards) {
      this.cards.set(card.id, card);
      for (const locale of KNOWLEDGE_LOCALES) {
        const index = this.byLocale.get(locale)!;
        for (const q of card.questions[locale] ?? []) index.add({ card, text: q }, termsOf(q, locale));
        const head = `${card.title[locale]}\n${card.answer[locale]}`;
        index.add({ card, text: head }, termsOf(head, locale));
      }
    }
    for (const law of laws.values()) {
      for (const a of law.articles.values()) this.articles.add({ citation: { law: law.id, article: a.number }, text: a.text }, termsOf(a.text, 'zh-CN'));
    }
  }

  card(id: string): KnowledgeCard | undefined {
    return this.cards.get(id);
  }

  get size(): number {
    return this.cards.size;
  }

  /** Cards for a question, best first (one entry per card). */
  rank(text: string, locale: KnowledgeLocale, limit = 5): CardMatch[] {
    const hits = this.byLocale.get(locale)!.search(termsOf(text, locale), 200);
    const best = new Map<string, CardMatch & { score: number }>();
    for (const h of hits) {
      const seen = best.get(h.ref.card.id);
      if (!seen) best.set(h.ref.card.id, { card: h.ref.card, confidence: h.coverage, matched: h.matched, via: h.ref.text, score: h.score });
      else if (h.coverage > seen.confidence) best.set(h.ref.card.id, { ...seen, confidence: h.coverage, matched: h.matched, via: h.ref.text });
    }
    return [...best.values()].sort((a, b) => b.score - a.score).slice(0, limit).map(({ score: _s, ...m }) => m);
  }

  /** Articles for a (Chinese) question, best first. */
  rankArticles(text: string, limit = 3): ArticleMatch[] {
    return this.articles.search(termsOf(text, 'zh-CN'), limit).map((h) => ({ citation: h.ref.citation, text: h.ref.text, confidence: h.coverage, matched: h.matched }));
  }

  answer(text: string, locale: KnowledgeLocale): KnowledgeAnswer {
    const ranked = this.rank(text, locale, 4);
    const [top, ...rest] = ranked;
    const nearby = (list: readonly CardMatch[]) => list.filter((m) => m.confidence >= this.thresholds.nearby).slice(0, 3);
    if (top && top.confidence >= this.thresholds.card) return { kind: 'card', match: top, nearby: nearby(rest) };
    if (locale === 'zh-CN') {
      const [article] = this.rankArticles(text, 1);
      if (article && article.confidence >= this.thresholds.article) return { kind: 'article', match: article, nearby: nearby(ranked) };
    }
    return { kind: 'none', nearby: nearby(ranked) };
  }

  urgent(text: string): KnowledgeCard | undefined {
    const t = text.toLowerCase();
    for (const card of this.cards.values()) {
      if (card.kind === 'safety' && card.urgent?.length && card.urgent.every((group) => group.some((w) => t.includes(w.toLowerCase())))) return card;
    }
    return undefined;
  }

  cite(cites: readonly Citation[], locale: KnowledgeLocale): string {
    return citationsText(cites, this.laws, locale);
  }
}
