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
export const DEFAULT_THRESHOLDS: KnowledgeThresholds = { card: 0.55, article: 0.8, nearby: 0.35 };

/** 没人受伤, 无人员伤亡, no one is hurt: the word is there, but denied. */
const NEGATION = /(?:没有?|无|未|不|别|no|not|nobody|no one|none)\s*(?:人|人员|任何人|one|body)?\s*(?:是|有|被|been|is|was|got)?\s*$/i;

/** The text says the word, at least once not right after a denial. */
function saysUnnegated(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (!NEGATION.test(text.slice(Math.max(0, at - 12), at))) return true;
  }
  return false;
}

/** How sure retrieval must be to answer with a safety card when the message is not an emergency. */
const SAFETY_WITHOUT_URGENCY = 0.9;

/** Cards' texts cut into terms, kept across card versions (a new version mostly repeats the last one's texts). */
const cutTexts = new Map<string, string[]>();
const CUT_TEXTS_KEPT = 50_000;

function cardTerms(text: string, locale: KnowledgeLocale): string[] {
  const key = `${locale}\u0000${text}`;
  let terms = cutTexts.get(key);
  if (!terms) {
    if (cutTexts.size >= CUT_TEXTS_KEPT) cutTexts.clear();
    terms = termsOf(text, locale);
    cutTexts.set(key, terms);
  }
  return terms;
}

interface ArticleDoc {
  readonly citation: Citation;
  readonly text: string;
}

/** The articles' index depends on the law texts only: built once per set of texts, shared by every card version. */
const articleIndexes = new WeakMap<ReadonlyMap<string, Law>, Bm25<ArticleDoc>>();

function articleIndex(laws: ReadonlyMap<string, Law>): Bm25<ArticleDoc> {
  let index = articleIndexes.get(laws);
  if (!index) {
    index = new Bm25<ArticleDoc>();
    for (const law of laws.values()) {
      for (const a of law.articles.values()) index.add({ citation: { law: law.id, article: a.number }, text: a.text }, termsOf(a.text, 'zh-CN'));
    }
    articleIndexes.set(laws, index);
  }
  return index;
}

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
  /** The safety cards: every message is checked against them (MainDialog's takesFirst), so only they are walked. */
  private readonly safety: KnowledgeCard[] = [];
  private readonly byLocale = new Map<KnowledgeLocale, Bm25<CardDoc>>();
  /** Every term of a card's texts, per locale (`<id>|<locale>`): a card is as sure as the share of the question it covers. */
  private readonly cardTerms = new Map<string, Set<string>>();
  /** Built on first use: most questions are answered by a card. */
  private articles?: Bm25<ArticleDoc>;

  constructor(
    cards: readonly KnowledgeCard[],
    private readonly laws: ReadonlyMap<string, Law> = loadLaws(),
    private readonly thresholds: KnowledgeThresholds = DEFAULT_THRESHOLDS,
  ) {
    for (const locale of KNOWLEDGE_LOCALES) this.byLocale.set(locale, new Bm25());
    for (const card of cards) {
      this.cards.set(card.id, card);
      if (card.kind === 'safety' && card.urgent?.length) this.safety.push(card);
      for (const locale of KNOWLEDGE_LOCALES) {
        const index = this.byLocale.get(locale)!;
        const all = new Set<string>();
        const add = (text: string) => {
          const terms = cardTerms(text, locale);
          index.add({ card, text }, terms);
          for (const t of terms) all.add(t);
        };
        for (const q of card.questions[locale] ?? []) add(q);
        add(`${card.title[locale]}\n${card.answer[locale]}`);
        this.cardTerms.set(`${card.id}|${locale}`, all);
      }
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
    const index = this.byLocale.get(locale)!;
    const terms = [...new Set(termsOf(text, locale))];
    const weight = terms.reduce((s, t) => s + index.idf(t), 0);
    const best = new Map<string, CardMatch>();
    // Ranked by the best single text (BM25); sure in proportion to how much of the question the card's texts cover.
    for (const h of index.search(terms, 200)) {
      if (best.has(h.ref.card.id)) continue;
      const own = this.cardTerms.get(`${h.ref.card.id}|${locale}`)!;
      const covered = terms.filter((t) => own.has(t));
      const confidence = weight > 0 ? covered.reduce((s, t) => s + index.idf(t), 0) / weight : 0;
      best.set(h.ref.card.id, { card: h.ref.card, confidence, matched: covered, via: h.ref.text, score: h.score });
      if (best.size >= limit) break;
    }
    return [...best.values()];
  }

  /** Articles for a (Chinese) question, best first. */
  rankArticles(text: string, limit = 3): ArticleMatch[] {
    this.articles ??= articleIndex(this.laws);
    return this.articles.search(termsOf(text, 'zh-CN'), limit).map((h) => ({ citation: h.ref.citation, text: h.ref.text, confidence: h.coverage, matched: h.matched }));
  }

  answer(text: string, locale: KnowledgeLocale): KnowledgeAnswer {
    // A safety card answers an emergency (its urgent words) or a question asked almost as it has it, never a
    // question that merely shares many of its words (「电动车要不要上牌」 is not 「骑电动车的人被撞了在流血」).
    const urgent = this.urgent(text);
    const ranked = this.rank(text, locale, 6).filter((m) => m.card.kind !== 'safety' || m.card === urgent || m.confidence >= SAFETY_WITHOUT_URGENCY).slice(0, 4);
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
    return this.safety.find((card) => card.urgent!.every((group) => group.some((w) => saysUnnegated(t, w.toLowerCase()))));
  }

  cite(cites: readonly Citation[], locale: KnowledgeLocale): string {
    return citationsText(cites, this.laws, locale);
  }
}
