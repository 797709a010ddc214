import { loadCards } from './cards';
import { KnowledgeIndex } from './KnowledgeIndex';

let index: KnowledgeIndex | undefined;

/** The knowledge base of the repository's cards, built once (tests, the CLI, a bot before its store is read). */
export function repositoryKnowledge(): KnowledgeIndex {
  index ??= new KnowledgeIndex(loadCards());
  return index;
}
