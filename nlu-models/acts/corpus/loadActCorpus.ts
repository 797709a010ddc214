import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIRM_PURPOSES, type ConfirmAct, type ConfirmPurpose } from '../types';
import type { ActCorpus, ActExample } from './types';

export class ActCorpusFormatError extends Error {
  readonly code = 'ACT_CORPUS_FORMAT';
}

/** The folder of the dialogue-act corpora (data, beside this file). */
export const ACT_CORPUS_DIR = __dirname;
export const ACT_LOCALES = ['zh-CN', 'en'] as const;

const ACTS: readonly ConfirmAct[] = ['affirm', 'deny', 'other'];

/** Checks the shape of a parsed act corpus and says exactly what is wrong. */
export function parseActCorpus(json: unknown, source: string): ActCorpus {
  const fail = (why: string): never => { throw new ActCorpusFormatError(`act corpus ${source}: ${why}`); };
  if (typeof json !== 'object' || json === null) return fail('not a JSON object');
  const o = json as Record<string, unknown>;
  if (typeof o.locale !== 'string' || !o.locale) fail('"locale" must be a non-empty string');
  if (!Array.isArray(o.examples)) fail('"examples" must be an array');
  const examples = (o.examples as unknown[]).map((e, i): ActExample => {
    const x = (typeof e === 'object' && e !== null ? e : fail(`examples[${i}] is not an object`)) as Record<string, unknown>;
    if (typeof x.text !== 'string' || !x.text.trim()) fail(`examples[${i}].text must be a non-empty string`);
    if (!ACTS.includes(x.act as ConfirmAct)) fail(`examples[${i}].act must be one of ${ACTS.join(', ')}`);
    if (x.purpose !== undefined && !CONFIRM_PURPOSES.includes(x.purpose as ConfirmPurpose)) {
      fail(`examples[${i}].purpose must be one of ${CONFIRM_PURPOSES.join(', ')}`);
    }
    const out: ActExample = { text: x.text as string, act: x.act as ConfirmAct };
    if (x.purpose !== undefined) out.purpose = x.purpose as ConfirmPurpose;
    return out;
  });
  return { locale: o.locale as string, description: typeof o.description === 'string' ? o.description : undefined, examples };
}

export function loadActCorpusFile(file: string): ActCorpus {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ActCorpusFormatError(`act corpus ${file}: ${(e as Error).message}`);
  }
  return parseActCorpus(json, file);
}

export interface LocalisedActExample extends ActExample {
  locale: string;
}

/** Training examples and held-out tests of every locale (tests: <locale>.test.json, never trained on). */
export function loadActCorpora(dir: string = ACT_CORPUS_DIR): { train: LocalisedActExample[]; tests: LocalisedActExample[] } {
  const train: LocalisedActExample[] = [];
  const tests: LocalisedActExample[] = [];
  for (const locale of ACT_LOCALES) {
    const t = join(dir, `${locale}.json`);
    if (existsSync(t)) train.push(...loadActCorpusFile(t).examples.map((e) => ({ ...e, locale })));
    const h = join(dir, `${locale}.test.json`);
    if (existsSync(h)) tests.push(...loadActCorpusFile(h).examples.map((e) => ({ ...e, locale })));
  }
  return { train, tests };
}
