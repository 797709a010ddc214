import type { LanguageUnderstanding } from '../../nlu-models/recognizer/Understanding';
import type { Metrics } from './Metrics';

/** The NLU, counting what it understood (intent names only: no text reaches the metrics). */
export function countingUnderstanding(nlu: LanguageUnderstanding, metrics: Metrics): LanguageUnderstanding {
  return {
    understand(text, today) {
      const u = nlu.understand(text, today);
      metrics.intents.inc({ intent: u.intent });
      return u;
    },
    answer: nlu.answer ? (intent, locale) => nlu.answer?.(intent, locale) : undefined,
  };
}
