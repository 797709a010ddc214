import type { Activity } from 'botbuilder';
import { Recognizer, type DialogContext } from 'botbuilder-dialogs';
import type { RecognizerResult } from 'botbuilder';
import type { LanguageUnderstanding, Understanding } from './Understanding';

/** RecognizerResult carrying our Understanding as well, so dialogs need not re-run the NLU. */
export interface JiaoguanRecognizerResult extends RecognizerResult {
  understanding: Understanding;
  language: Understanding['language'];
}

/**
 * botbuilder Recognizer over the project's NLU: intents as `{ name: { score } }` (the top intent and the
 * runners-up), entities as `{ entity: [values], $instance: { entity: [{ startIndex, endIndex, text }] } }`.
 */
export class JiaoguanRecognizer extends Recognizer {
  constructor(private readonly nlu: LanguageUnderstanding, private readonly today: () => string) {
    super();
    this.id = 'JiaoguanRecognizer';
  }

  override async recognize(_dc: DialogContext, activity: Partial<Activity>): Promise<JiaoguanRecognizerResult> {
    return this.recognizeText(activity.text ?? '');
  }

  recognizeText(text: string): JiaoguanRecognizerResult {
    const u = this.nlu.understand(text, this.today());
    const intents: RecognizerResult['intents'] = {};
    for (const alt of u.alternatives) intents[alt.intent] = { score: alt.score };
    intents[u.intent] = { score: u.score };
    const entities: Record<string, unknown> & { $instance: Record<string, unknown[]> } = { $instance: {} };
    for (const e of u.entities) {
      const values = (entities[e.entity] as string[] | undefined) ?? [];
      values.push(e.value);
      entities[e.entity] = values;
      (entities.$instance[e.entity] ??= []).push({ startIndex: e.start, endIndex: e.end, text: e.text });
    }
    return { text, alteredText: u.text, intents, entities, understanding: u, language: u.language };
  }
}
