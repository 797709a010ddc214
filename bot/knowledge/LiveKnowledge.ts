import type { KnowledgeAnswer, KnowledgeAnswerer } from '../../nlu-models/knowledge/KnowledgeAnswerer';
import type { KnowledgeIndex } from '../../nlu-models/knowledge/KnowledgeIndex';
import type { Citation, KnowledgeCard, KnowledgeLocale } from '../../nlu-models/knowledge/types';

/** The answerer dialogs hold: always the live version's index, swapped whole when another version goes live. */
export class LiveKnowledge implements KnowledgeAnswerer {
  constructor(private index: KnowledgeIndex, public versionId?: string) {}

  swap(index: KnowledgeIndex, versionId: string): void {
    this.index = index;
    this.versionId = versionId;
  }

  get current(): KnowledgeIndex {
    return this.index;
  }

  answer(text: string, locale: KnowledgeLocale): KnowledgeAnswer {
    return this.index.answer(text, locale);
  }

  urgent(text: string): KnowledgeCard | undefined {
    return this.index.urgent(text);
  }

  cite(cites: readonly Citation[], locale: KnowledgeLocale): string {
    return this.index.cite(cites, locale);
  }

  card(id: string): KnowledgeCard | undefined {
    return this.index.card(id);
  }
}
