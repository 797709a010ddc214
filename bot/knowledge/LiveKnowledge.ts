import type { KnowledgeAnswer, KnowledgeAnswerer } from '../../nlu-models/knowledge/KnowledgeAnswerer';
import type { KnowledgeIndex } from '../../nlu-models/knowledge/KnowledgeIndex';
import type { Citation, KnowledgeCard, KnowledgeLocale } from '../../nlu-models/knowledge/types';

/** The answerer dialogs hold: always the live version's index, swapped whole when another version goes live. */
export class LiveKnowledge implements KnowledgeAnswerer {
  /** The last question's answer: the main loop asks whether it can be answered, then the flow answers it. */
  private last?: { text: string; locale: KnowledgeLocale; index: KnowledgeIndex; answer: KnowledgeAnswer };

  constructor(private index: KnowledgeIndex, public versionId?: string) {}

  swap(index: KnowledgeIndex, versionId: string): void {
    this.index = index;
    this.versionId = versionId;
  }

  get current(): KnowledgeIndex {
    return this.index;
  }

  answer(text: string, locale: KnowledgeLocale): KnowledgeAnswer {
    const last = this.last;
    if (last && last.text === text && last.locale === locale && last.index === this.index) return last.answer;
    const answer = this.index.answer(text, locale);
    this.last = { text, locale, index: this.index, answer };
    return answer;
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
