import { loadCorpusFile, projectCorpusFiles } from '../../../nlu-models/corpus/loadCorpus';

/** The intents of DESIGN.md §3 that every language must cover. */
const CONTRACT_INTENTS = [
  'exam.book', 'exam.query', 'exam.cancel', 'plate.select', 'plate.query', 'fine.query', 'fine.pay',
  'points.query', 'agent.handoff', 'greet', 'thanks', 'goodbye', 'help', 'cancel', 'None',
];

const corpora = projectCorpusFiles().map((f) => ({ file: f, corpus: loadCorpusFile(f) }));

function byLocale(locale: string) {
  const intents = new Map<string, { utterances: string[]; tests: string[] }>();
  for (const { corpus } of corpora.filter((c) => c.corpus.locale === locale)) {
    for (const d of corpus.data) {
      const cur = intents.get(d.intent) ?? { utterances: [], tests: [] };
      cur.utterances.push(...d.utterances);
      cur.tests.push(...(d.tests ?? []));
      intents.set(d.intent, cur);
    }
  }
  return intents;
}

describe('project corpora', () => {
  it.each([
    ['zh-CN', 40, 15],
    ['en', 15, 5],
  ])('%s covers every contract intent with at least %i utterances and %i held-out tests', (locale, minUtterances, minTests) => {
    const intents = byLocale(locale);
    const short = CONTRACT_INTENTS.filter((intent) => {
      const d = intents.get(intent);
      return (d?.utterances.length ?? 0) < minUtterances || (d?.tests.length ?? 0) < minTests;
    });
    expect(short).toEqual([]);
  });

  it('uses only contract intents or faq.* intents', () => {
    for (const { corpus } of corpora) {
      for (const d of corpus.data) expect(CONTRACT_INTENTS.includes(d.intent) || d.intent.startsWith('faq.')).toBe(true);
    }
  });

  it('keeps held-out tests apart from training utterances, and no text under two intents', () => {
    const owner = new Map<string, string>();
    for (const { corpus } of corpora) {
      for (const d of corpus.data) {
        for (const u of d.utterances) {
          const key = `${corpus.locale}\t${u.trim()}`;
          const prev = owner.get(key);
          if (prev !== undefined) expect(`${u} → ${prev}`).toBe(`${u} → ${d.intent}`);
          owner.set(key, d.intent);
        }
      }
    }
    for (const { corpus } of corpora) {
      for (const d of corpus.data) {
        for (const t of d.tests ?? []) expect(owner.has(`${corpus.locale}\t${t.trim()}`) ? `test also trained: ${t}` : 'ok').toBe('ok');
      }
    }
  });
});
