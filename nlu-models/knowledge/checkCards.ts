import type { Law } from './articles';
import { KNOWLEDGE_LOCALES, type KnowledgeCard } from './types';

/** What is wrong with a card, as stable codes with the field they concern (the admin console shows them). */
export interface CardProblem {
  readonly card: string;
  readonly code: 'BAD_ID' | 'BAD_KIND' | 'MISSING_TEXT' | 'TOO_FEW_QUESTIONS' | 'NO_CITATION' | 'UNKNOWN_LAW' | 'UNKNOWN_ARTICLE' | 'UNKNOWN_ITEM' | 'DUPLICATE_ID' | 'LONG_ANSWER' | 'BAD_URGENT' | 'POINT_ITEM_UNCOVERED';
  readonly message: string;
}

export const CARD_ID = /^[a-z][a-z0-9-]*\.[a-z0-9][a-z0-9.-]*$/;
/** An answer is read on a phone: at most this many lines per locale. */
export const MAX_ANSWER_LINES = 8;

/** Problems of one card against the law texts (empty: the card can be saved). */
export function checkCard(card: KnowledgeCard, laws: ReadonlyMap<string, Law>): CardProblem[] {
  const problems: CardProblem[] = [];
  const add = (code: CardProblem['code'], message: string) => problems.push({ card: card.id, code, message });
  if (!CARD_ID.test(card.id ?? '')) add('BAD_ID', `id "${card.id}" is not <topic>.<slug> in lower case`);
  if (!['answer', 'referral', 'safety'].includes(card.kind)) add('BAD_KIND', `kind "${card.kind}" is not answer, referral or safety`);
  for (const locale of KNOWLEDGE_LOCALES) {
    if (!card.title?.[locale]?.trim()) add('MISSING_TEXT', `no ${locale} title`);
    if (!card.answer?.[locale]?.trim()) add('MISSING_TEXT', `no ${locale} answer`);
    else if (card.answer[locale].split('\n').length > MAX_ANSWER_LINES) add('LONG_ANSWER', `the ${locale} answer has more than ${MAX_ANSWER_LINES} lines`);
  }
  if ((card.questions?.['zh-CN']?.length ?? 0) < 3) add('TOO_FEW_QUESTIONS', 'fewer than 3 Chinese questions');
  if ((card.questions?.en?.length ?? 0) < 1) add('TOO_FEW_QUESTIONS', 'no English question');
  if (!card.cites?.length) add('NO_CITATION', 'cites no article');
  for (const c of card.cites ?? []) {
    const law = laws.get(c.law);
    if (!law) { add('UNKNOWN_LAW', `cites unknown law "${c.law}"`); continue; }
    const article = law.articles.get(c.article);
    if (!article) { add('UNKNOWN_ARTICLE', `cites ${c.law} article ${c.article}, which does not exist`); continue; }
    if (c.item !== undefined && (c.item < 1 || c.item > article.items.length)) add('UNKNOWN_ITEM', `cites ${c.law} article ${c.article} item ${c.item}; the article has ${article.items.length} items`);
  }
  if (card.kind === 'safety' && !(card.urgent?.length && card.urgent.every((g) => g.length > 0))) add('BAD_URGENT', 'a safety card needs urgent word groups');
  if (card.kind !== 'safety' && card.urgent) add('BAD_URGENT', 'only safety cards have urgent word groups');
  return problems;
}

/** The articles of the point table (记分管理办法 第八条–第十二条: 12, 9, 6, 3 and 1 points). */
export const POINT_TABLE = { law: 'points-scoring-measures-2022', articles: [8, 9, 10, 11, 12] } as const;

/** Problems of a whole card set: each card's, duplicate ids, and point-table items no card cites. */
export function checkCardSet(cards: readonly KnowledgeCard[], laws: ReadonlyMap<string, Law>): CardProblem[] {
  const problems = cards.flatMap((c) => checkCard(c, laws));
  const seen = new Set<string>();
  for (const c of cards) {
    if (seen.has(c.id)) problems.push({ card: c.id, code: 'DUPLICATE_ID', message: `id "${c.id}" is used twice` });
    seen.add(c.id);
  }
  const law = laws.get(POINT_TABLE.law);
  const cited = new Set(cards.flatMap((c) => c.cites).filter((c) => c.law === POINT_TABLE.law).map((c) => `${c.article}:${c.item ?? '*'}`));
  for (const n of POINT_TABLE.articles) {
    const items = law?.articles.get(n)?.items ?? [];
    items.forEach((_, i) => {
      if (!cited.has(`${n}:${i + 1}`)) problems.push({ card: '-', code: 'POINT_ITEM_UNCOVERED', message: `no card cites ${POINT_TABLE.law} article ${n} item ${i + 1}` });
    });
  }
  return problems;
}
