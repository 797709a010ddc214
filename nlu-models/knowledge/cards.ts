import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CardFile, KnowledgeCard } from './types';

/** The curated cards kept in the repository (the store is seeded from them). */
export const CARDS_DIR = join(__dirname, 'cards');

/** Every card of the repository's card files, in file and then card order. */
export function loadCards(dir: string = CARDS_DIR): KnowledgeCard[] {
  const cards: KnowledgeCard[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const parsed = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CardFile;
    cards.push(...parsed.cards);
  }
  return cards;
}
