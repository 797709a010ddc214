import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Corpus, CorpusIntent } from './types';

export class CorpusFormatError extends Error {
  readonly code = 'CORPUS_FORMAT';
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/** Checks the shape of parsed corpus JSON and says exactly what is wrong. */
export function parseCorpus(json: unknown, source: string): Corpus {
  const fail = (why: string): never => { throw new CorpusFormatError(`corpus ${source}: ${why}`); };
  if (typeof json !== 'object' || json === null) return fail('not a JSON object');
  const o = json as Record<string, unknown>;
  if (typeof o.locale !== 'string' || o.locale.length === 0) fail('"locale" must be a non-empty string');
  if (!Array.isArray(o.data)) fail('"data" must be an array of intents');
  if (o.variant !== undefined && (typeof o.variant !== 'string' || !o.variant)) fail('"variant" must be a non-empty string when given');
  const data: CorpusIntent[] = (o.data as unknown[]).map((d, i) => {
    if (typeof d !== 'object' || d === null) return fail(`data[${i}] is not an object`);
    const item = d as Record<string, unknown>;
    if (typeof item.intent !== 'string' || !item.intent) return fail(`data[${i}].intent must be a non-empty string`);
    if (!isStringArray(item.utterances)) return fail(`data[${i}] (${item.intent}).utterances must be an array of strings`);
    if (item.tests !== undefined && !isStringArray(item.tests)) fail(`data[${i}] (${item.intent}).tests must be an array of strings`);
    if (item.answers !== undefined && !isStringArray(item.answers)) fail(`data[${i}] (${item.intent}).answers must be an array of strings`);
    return {
      intent: item.intent,
      description: typeof item.description === 'string' ? item.description : undefined,
      utterances: item.utterances,
      tests: item.tests as string[] | undefined,
      answers: item.answers as string[] | undefined,
    };
  });
  const name = typeof o.name === 'string' ? o.name : source;
  return { name, locale: o.locale as string, ...(o.variant !== undefined ? { variant: o.variant as string } : {}), data };
}

export function loadCorpusFile(file: string): Corpus {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CorpusFormatError(`corpus ${file}: cannot be read (${(e as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CorpusFormatError(`corpus ${file}: invalid JSON (${(e as Error).message})`);
  }
  return parseCorpus(json, file);
}

/** corpora.json at the repository's root: the folders holding the project's corpora (data, so nlu-models imports no service code). */
export const PROJECT_CORPORA_CONFIG = join(__dirname, '..', '..', 'corpora.json');

/** The folders a corpora.json lists, relative to its own folder; a `*` segment stands for every sub-folder, in name order. */
export function corpusFolders(configFile: string = PROJECT_CORPORA_CONFIG): string[] {
  const config = JSON.parse(readFileSync(configFile, 'utf8')) as { folders?: unknown };
  if (!isStringArray(config.folders)) throw new CorpusFormatError(`${configFile}: "folders" must be a list of folder paths`);
  let folders: string[] = [];
  for (const pattern of config.folders) {
    let matches = [dirname(configFile)];
    for (const segment of pattern.split('/')) {
      matches = matches.flatMap((m) => (segment === '*' ? readdirSync(m).sort().map((d) => join(m, d)) : [join(m, segment)])
        .filter((d) => existsSync(d) && statSync(d).isDirectory()));
    }
    folders = folders.concat(matches);
  }
  return folders;
}

/** Whether a corpus file is a variant (its `variant` field set): it adds utterances to intents homed in other files. */
function isVariantFile(file: string): boolean {
  try {
    return typeof (JSON.parse(readFileSync(file, 'utf8')) as { variant?: unknown }).variant === 'string';
  } catch {
    return false; // loadCorpusFile reports the broken file
  }
}

/**
 * The project's corpus files, in a stable order: every *.json in each folder of corpora.json and one level down
 * (`<locale>.json` of a service, `<locale>/<domain>.json` of the core corpora). Variant files (pinyin) come last, so
 * whoever reads them in order (the admin import takes an intent's domain from the first file naming it) meets each
 * intent in its home file first; training simply adds their utterances to the same intents.
 */
export function projectCorpusFiles(configFile: string = PROJECT_CORPORA_CONFIG): string[] {
  const files: string[] = [];
  for (const folder of corpusFolders(configFile)) {
    for (const entry of readdirSync(folder).sort()) {
      const path = join(folder, entry);
      if (statSync(path).isDirectory()) {
        for (const f of readdirSync(path).sort()) if (f.endsWith('.json')) files.push(join(path, f));
      } else if (entry.endsWith('.json')) {
        files.push(path);
      }
    }
  }
  const variants = new Set(files.filter(isVariantFile));
  return [...files.filter((f) => !variants.has(f)), ...variants];
}
