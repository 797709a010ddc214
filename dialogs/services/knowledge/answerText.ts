import type { TurnContext } from 'botbuilder';
import type { KnowledgeAnswerer } from '../../../nlu-models/knowledge/KnowledgeAnswerer';
import type { KnowledgeCard } from '../../../nlu-models/knowledge/types';
import { localeOf, msg } from '../../i18n/turnLocale';

/** Longest article excerpt quoted in a reply (a phone screen); the citation says where the rest is. */
export const ARTICLE_EXCERPT_CHARS = 160;

/** A card as the citizen reads it: the answer (important fact first), then its source and the caveat. */
export function cardText(ctx: TurnContext, knowledge: KnowledgeAnswerer, card: KnowledgeCard): string {
  const locale = localeOf(ctx);
  return `${card.answer[locale]}\n${msg(ctx, 'knowledge.source', { citation: knowledge.cite(card.cites, locale) })}`;
}

/** An article quoted when no card answers: its first lines, cut at a phone's length. */
export function excerpt(text: string): string {
  const flat = text.replace(/\n+/g, ' ');
  return flat.length > ARTICLE_EXCERPT_CHARS ? `${flat.slice(0, ARTICLE_EXCERPT_CHARS)}…` : flat;
}
