import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALES, type Locale } from './Locale';

export type MessageParams = Readonly<Record<string, string | number>>;

/** One catalogue's messages in each language: a flat object of message id → text with `{name}` placeholders. */
export type CatalogueMessages = Readonly<Record<Locale, Readonly<Record<string, unknown>>>>;

function addTo(out: Map<string, string>, where: string, json: Readonly<Record<string, unknown>>): void {
  for (const [key, value] of Object.entries(json)) {
    if (typeof value !== 'string') throw new Error(`message catalogue ${where}: "${key}" is not a string`);
    if (out.has(key)) throw new Error(`message catalogue ${where}: "${key}" is defined twice`);
    out.set(key, value);
  }
}

/**
 * The shared catalogues: every `<locale>/<domain>.json` file beside this module. The services' catalogues
 * (dialogs/services/<service>/i18n/<locale>.json) are added by the service index (addCatalogue). Ids must be
 * unique across all of them.
 */
function loadShared(locale: Locale): Map<string, string> {
  const dir = join(__dirname, locale);
  const out = new Map<string, string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    addTo(out, `${locale}/${file}`, JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>);
  }
  return out;
}

const catalogues = new Map<Locale, Map<string, string>>(LOCALES.map((l) => [l, loadShared(l)]));
/** The catalogues added so far, by name: adding the same one again changes nothing. */
const added = new Map<string, CatalogueMessages>();

/**
 * Adds a named catalogue (a service's) to every language; adding the same object under its name again does
 * nothing, another catalogue under a name already used or a message id already defined throws.
 */
export function addCatalogue(name: string, messages: CatalogueMessages): void {
  const before = added.get(name);
  if (before === messages) return;
  if (before) throw new Error(`message catalogue "${name}" is added twice with different messages`);
  const next = LOCALES.map((locale) => {
    const into = new Map(catalogues.get(locale));
    addTo(into, `${name} (${locale})`, messages[locale]);
    return [locale, into] as const;
  });
  for (const [locale, into] of next) catalogues.set(locale, into);
  added.set(name, messages);
}

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
