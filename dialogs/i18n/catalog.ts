import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALES, type Locale } from './Locale';

export type MessageParams = Readonly<Record<string, string | number>>;

type Catalogue = ReadonlyMap<string, string>;

/**
 * Loads every `<locale>/<domain>.json` file beside this module: a flat object of message id → text with
 * `{name}` placeholders. Ids must be unique across the files of a locale.
 */
function loadCatalogue(locale: Locale): Catalogue {
  const dir = join(__dirname, locale);
  const out = new Map<string, string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const json = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
    for (const [key, value] of Object.entries(json)) {
      if (typeof value !== 'string') throw new Error(`message catalogue ${locale}/${file}: "${key}" is not a string`);
      if (out.has(key)) throw new Error(`message catalogue ${locale}: "${key}" is defined twice (${file})`);
      out.set(key, value);
    }
  }
  return out;
}

const catalogues = new Map<Locale, Catalogue>(LOCALES.map((l) => [l, loadCatalogue(l)]));

export class MissingMessageError extends Error {
  readonly code = 'MESSAGE_MISSING';
}

/** The message `key` in `locale` with its `{placeholders}` filled; a missing key or parameter throws. */
export function translate(locale: Locale, key: string, params: MessageParams = {}): string {
  const template = catalogues.get(locale)?.get(key);
  if (template === undefined) throw new MissingMessageError(`no message "${key}" in the ${locale} catalogue`);
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new MissingMessageError(`message "${key}" (${locale}) needs the parameter {${name}}`);
    return String(v);
  });
}

/** Every message id of a locale (for the catalogue completeness test). */
export function messageKeys(locale: Locale): string[] {
  return [...(catalogues.get(locale)?.keys() ?? [])].sort();
}

/** The raw template of a message (for the placeholder consistency test). */
export function messageTemplate(locale: Locale, key: string): string | undefined {
  return catalogues.get(locale)?.get(key);
}

export function hasMessage(locale: Locale, key: string): boolean {
  return catalogues.get(locale)?.has(key) ?? false;
}
