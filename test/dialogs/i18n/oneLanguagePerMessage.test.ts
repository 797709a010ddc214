import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { messageKeys, messageTemplate } from '../../../dialogs/i18n/catalog';
import { LOCALES, type Locale } from '../../../dialogs/i18n/Locale';
// The services' catalogues and the labels derived from their definitions (buttons, menus): the index adds them.
import '../../../dialogs/services';

/**
 * One language per reply: every catalogue message (the core catalogues dialogs/i18n/<locale>/*.json and every
 * service's dialogs/services/<service>/i18n/<locale>.json), rendered without its {placeholders}, is written in its
 * own language only: read from the files (whatever loads them), and as loaded (with the labels the service
 * definitions add: buttons, menus, console).
 */
const DIALOGS = join(__dirname, '../../../dialogs');

function catalogueFiles(locale: Locale): string[] {
  const core = join(DIALOGS, 'i18n', locale);
  const files = readdirSync(core).filter((f) => f.endsWith('.json')).map((f) => join(core, f));
  for (const service of readdirSync(join(DIALOGS, 'services'))) {
    const file = join(DIALOGS, 'services', service, 'i18n', `${locale}.json`);
    if (existsSync(file)) files.push(file);
  }
  return files;
}

function messages(locale: Locale): Array<{ where: string; key: string; text: string }> {
  return catalogueFiles(locale).flatMap((file) =>
    Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>).map(([key, text]) => ({
      where: relative(DIALOGS, file), key, text: String(text),
    })));
}

/** The text a citizen reads around the values: placeholders are filled with data, not catalogue language. */
const withoutPlaceholders = (text: string) => text.replace(/\{\w+\}/g, ' ');

/** Han characters and CJK punctuation (，。？：（） full-width forms). */
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/gu;
/** A plate, or the province character that starts one (苏A12345, 苏A8K8K8, "苏 + authority letter", "(苏)"). */
const PLATE = /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z0-9]*/gu;
/** An English word: two or more letters, not part of a code (苏A8K8K8, D12345, a VIN). */
const ENGLISH_WORD = /(?<![A-Za-z0-9])[A-Za-z]{2,}(?![A-Za-z0-9])/g;
/** Latin tokens a Chinese message may hold: what citizens see written so on their documents and phones. */
const ZH_ALLOWED = new Set(['OK', 'ID', 'VIN', 'App', 'APP', 'SMS', 'PDF', 'WiFi']);

const mixed: Record<Locale, (text: string) => string[]> = {
  en: (text) => withoutPlaceholders(text).replace(PLATE, ' ').match(CJK) ?? [],
  'zh-CN': (text) => (withoutPlaceholders(text).match(ENGLISH_WORD) ?? []).filter((w) => !ZH_ALLOWED.has(w)),
};

describe('every catalogue message speaks one language', () => {
  it.each(LOCALES.map((l) => [l]))('%s', (locale) => {
    const all = messages(locale);
    expect(all.length).toBeGreaterThan(100);
    const offending = all
      .map((m) => ({ ...m, foreign: mixed[locale](m.text) }))
      .filter((m) => m.foreign.length > 0)
      .map((m) => `${m.where} ${m.key}: ${m.foreign.join('')} in ${JSON.stringify(m.text)}`);
    expect(offending).toEqual([]);
  });

  it.each(LOCALES.map((l) => [l]))('%s, as loaded (with the services\' labels and buttons)', (locale) => {
    expect(messageKeys(locale).length).toBeGreaterThan(messages(locale).length);
    const offending = messageKeys(locale)
      .map((key) => ({ key, foreign: mixed[locale](messageTemplate(locale, key) ?? '') }))
      .filter((m) => m.foreign.length > 0)
      .map((m) => `${m.key}: ${m.foreign.join('')} in ${JSON.stringify(messageTemplate(locale, m.key))}`);
    expect(offending).toEqual([]);
  });

  it('the check itself catches a mixed message and lets data and plates through', () => {
    expect(mixed.en('Your booking: {centre}, 科目二')).toEqual(['科', '目', '二']);
    expect(mixed.en('Check violations for 苏A12345 at {place}.')).toEqual([]);
    expect(mixed.en('Enter the plate（e.g. 苏A12345）')).toEqual(['（', '）']);
    expect(mixed['zh-CN']('请输入{plate}的车架号（VIN）后6位')).toEqual([]);
    expect(mixed['zh-CN']('请在交管12123 App 查询，或 cancel')).toEqual(['cancel']);
  });
});
