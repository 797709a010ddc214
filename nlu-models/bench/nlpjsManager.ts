import { NlpManager } from 'node-nlp';
import type { LabelledText } from './braunCorpus';

export type NlpjsVariant = 'builtin' | 'char-ngrams';

/** Character unigrams + bigrams of the Han runs, words elsewhere: the tokenizer swap DESIGN.md §3 measured. */
function charNgrams(text: string): string[] {
  const out: string[] = [];
  for (const run of text.toLowerCase().match(/[\u4e00-\u9fff]+|[a-z0-9]+/g) ?? []) {
    if (/^[a-z0-9]/.test(run)) { out.push(run); continue; }
    const chars = Array.from(run);
    chars.forEach((c, i) => { out.push(c); if (i + 1 < chars.length) out.push(c + chars[i + 1]); });
  }
  return out;
}

/**
 * node-nlp's NlpManager trained and scored as shipped ('builtin': for zh its dictionary segmenter and
 * pinyin stemmer) or with our character n-gram tokenizer registered in its container.
 */
export async function scoreNlpManager(
  locale: string,
  train: readonly LabelledText[],
  test: readonly LabelledText[],
  variant: NlpjsVariant,
): Promise<{ accuracy: number; trainMs: number }> {
  const manager = new NlpManager({ languages: [locale], forceNER: false, autoSave: false, nlu: { log: false } });
  if (variant === 'char-ngrams' && locale === 'zh') {
    manager.container.register('tokenizer-zh', { tokenize: (text: string) => charNgrams(text) }, true);
    manager.container.register('stemmer-zh', {
      stem: (tokens: string[] | string) => (Array.isArray(tokens) ? tokens : charNgrams(tokens)),
    }, true);
  }
  for (const t of train) manager.addDocument(locale, t.text, t.intent);
  const started = Date.now();
  await manager.train();
  const trainMs = Date.now() - started;
  let correct = 0;
  for (const t of test) {
    const r = await manager.process(locale, t.text);
    if ((r.intent === 'None' ? 'None' : r.intent) === t.intent) correct += 1;
  }
  return { accuracy: test.length ? correct / test.length : 0, trainMs };
}
