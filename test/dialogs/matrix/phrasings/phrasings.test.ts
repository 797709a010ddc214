import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chooseLocale } from '../../../../dialogs/i18n/chooseLocale';
import type { Locale } from '../../../../dialogs/i18n/Locale';
import { CONFIRM_PURPOSES } from '../../../../nlu-models/acts/types';

/** The phrasings of the prompt × act matrix: complete, well-formed, and each read in its own language. */
const LISTS = ['ordinal', 'last', 'any', 'cancel', 'person', 'back', 'garbage', 'sideOther'] as const;
const PLACEHOLDERS: Record<Locale, RegExp> = { 'zh-CN': /\{(?:n|cn)\}/, en: /\{(?:n|ord)\}/ };

type Phrasings = Record<'affirm' | 'deny', Record<string, string[]>> & Record<(typeof LISTS)[number], string[]>;
const load = (locale: Locale) => JSON.parse(readFileSync(join(__dirname, `${locale}.json`), 'utf8')) as Phrasings;
const fill = (t: string) => t.replace('{n}', '2').replace('{cn}', '二').replace('{ord}', 'second');

describe.each(['zh-CN', 'en'] as const)('%s phrasings', (locale) => {
  const p = load(locale);

  it('have at least 5 distinct phrasings for every purpose and list', () => {
    const lists = [
      ...(['affirm', 'deny'] as const).flatMap((act) => CONFIRM_PURPOSES.map((purpose) => [`${act}.${purpose}`, p[act][purpose]] as const)),
      ...LISTS.map((k) => [k, p[k]] as const),
    ];
    const short = lists.filter(([, l]) => !Array.isArray(l) || new Set(l).size < 5 || new Set(l).size !== l.length).map(([k]) => k);
    expect(short).toEqual([]);
  });

  it('number every ordinal with a placeholder of this language', () => {
    expect(p.ordinal.filter((t) => !PLACEHOLDERS[locale].test(t))).toEqual([]);
  });

  it('are answered in their own language (a garbage or number answer keeps the conversation\'s)', () => {
    const all = [...Object.values(p.affirm), ...Object.values(p.deny), ...LISTS.map((k) => p[k])].flat().map(fill);
    expect(all.filter((t) => chooseLocale(t, locale) !== locale)).toEqual([]);
  });
});
