import { extractEntities } from '../entities';
import { maskEntities } from '../features/featurize';
import type { IntentModel } from '../model/IntentModel';
import { normalizeText } from '../text/normalize';
import { languageOfNormal } from './languageOf';
import type { LanguageUnderstanding, Understanding } from './Understanding';

/**
 * Intent model + entity extractors + language detection. The model can be swapped while the bot
 * runs (a published version); a turn in progress keeps the model it started with.
 */
export class NluEngine implements LanguageUnderstanding {
  constructor(private model: IntentModel) {}

  get currentModel(): IntentModel {
    return this.model;
  }

  setModel(model: IntentModel): void {
    this.model = model;
  }

  answer(intent: string, locale: string): string | undefined {
    const byLocale = this.model.json.answers?.[intent];
    if (!byLocale) return undefined;
    return byLocale[locale]?.[0] ?? Object.values(byLocale).find((a) => a.length)?.[0];
  }

  understand(text: string, today: string): Understanding {
    const model = this.model;
    const normal = normalizeText(text);
    const entities = extractEntities(normal, { today });
    const c = model.classifyPrepared(maskEntities(normal, entities));
    return {
      text: normal,
      language: languageOfNormal(normal, entities),
      intent: c.intent,
      score: c.score,
      alternatives: c.ranking.slice(0, 5),
      entities: entities.map((e) => ({ entity: e.entity, value: e.value, text: e.text, start: e.start, end: e.end })),
    };
  }
}
