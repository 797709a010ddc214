import { sep } from 'node:path';
import { CONTRACT_INTENTS } from '../../../bot/admin/contractIntents';
import { CORE_INTENTS } from '../../../dialogs/main/coreIntents';
import { SERVICES } from '../../../dialogs/services';
import { corpusDomain } from '../../../nlu-models/corpus/corpusDomain';
import { loadCorpusFile, projectCorpusFiles } from '../../../nlu-models/corpus/loadCorpus';

/** The project's corpora, wherever corpora.json says they live (core intents and each service's folder). */
const corpora = projectCorpusFiles().map((f) => ({ file: f, corpus: loadCorpusFile(f) }));
/** Every intent the corpora train, in either language: the list the checks below derive from. */
const INTENTS = [...new Set(corpora.flatMap(({ corpus }) => corpus.data.map((d) => d.intent)))].sort();
const LOCALES = [...new Set(corpora.map(({ corpus }) => corpus.locale))].sort();

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
  it('are the core corpora and one folder per service, in both languages', () => {
    expect(LOCALES).toEqual(['en', 'zh-CN']);
    expect(corpora.map(({ file }) => file.replace(/\\/g, '/').replace(/^.*\/(nlu-models|dialogs)\//, '$1/'))).toEqual(expect.arrayContaining([
      'nlu-models/corpora/zh-CN/service.json', 'nlu-models/corpora/en/none.json', 'dialogs/services/exams/corpus/zh-CN.json', 'dialogs/services/points/corpus/en.json',
    ]));
  });

  it.each([
    ['zh-CN', 40, 15],
    ['en', 15, 5],
  ])('%s covers every intent of the corpora with at least %i utterances and %i held-out tests', (locale, minUtterances, minTests) => {
    const intents = byLocale(locale);
    const short = INTENTS.filter((intent) => {
      const d = intents.get(intent);
      return (d?.utterances.length ?? 0) < minUtterances || (d?.tests.length ?? 0) < minTests;
    });
    expect(short).toEqual([]);
  });

  it('train exactly the contract intents (the services\' and the core ones), and faq.* intents', () => {
    expect(INTENTS.filter((i) => !i.startsWith('faq.'))).toEqual([...CONTRACT_INTENTS].sort());
  });

  it('give each intent one home: the same domain (service folder or core file) in every language', () => {
    const homes = new Map<string, Set<string>>();
    for (const { file, corpus } of corpora.filter((c) => !c.corpus.variant)) {
      for (const d of corpus.data) homes.set(d.intent, (homes.get(d.intent) ?? new Set()).add(corpusDomain(file, corpus.locale)));
    }
    expect([...homes].filter(([, domains]) => domains.size !== 1).map(([intent, domains]) => `${intent}: ${[...domains].join(', ')}`)).toEqual([]);
  });

  it('give each service folder exactly the intents its module declares, and the core corpora exactly the core intents', () => {
    const intentsOf = (files: typeof corpora, locale: string) =>
      [...new Set(files.filter((c) => c.corpus.locale === locale).flatMap((c) => c.corpus.data.map((d) => d.intent)))].filter((i) => !i.startsWith('faq.')).sort();
    const inService = (file: string) => SERVICES.some((m) => file.startsWith(m.dir + sep));
    for (const locale of LOCALES) {
      for (const m of SERVICES) {
        const mine = corpora.filter((c) => c.file.startsWith(m.dir + sep));
        expect({ service: m.name, locale, intents: intentsOf(mine, locale) }).toEqual({ service: m.name, locale, intents: m.intents.map((d) => d.intent).sort() });
      }
      expect({ core: locale, intents: intentsOf(corpora.filter((c) => !inService(c.file) && !c.corpus.variant), locale) }).toEqual({ core: locale, intents: CORE_INTENTS.map((c) => c.intent).sort() });
    }
  });

  it('variant files (pinyin) only add to intents that have a home in the same language, and come after the home files', () => {
    const homed = new Set(corpora.filter((c) => !c.corpus.variant).flatMap(({ corpus }) => corpus.data.map((d) => `${corpus.locale} ${d.intent}`)));
    const variants = corpora.filter((c) => c.corpus.variant);
    expect(variants.flatMap(({ corpus }) => corpus.data.map((d) => `${corpus.locale} ${d.intent}`)).filter((k) => !homed.has(k))).toEqual([]);
    expect(corpora.slice(corpora.length - variants.length).every((c) => c.corpus.variant)).toBe(true);
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
