import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LabelledText {
  text: string;
  intent: string;
}

export interface BraunSplit {
  name: string;
  train: LabelledText[];
  test: LabelledText[];
}

interface BraunFile {
  sentences: Array<{ text: string; intent: string; training: boolean }>;
}

export const BRAUN_CORPORA = ['ChatbotCorpus', 'AskUbuntuCorpus', 'WebApplicationsCorpus'] as const;

/** One Braun et al. (SIGDIAL 2017) corpus, split by its own `training` flag (None counts as an intent). */
export function loadBraunCorpus(dir: string, name: (typeof BRAUN_CORPORA)[number]): BraunSplit {
  const file = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as BraunFile;
  const pick = (training: boolean): LabelledText[] =>
    file.sentences.filter((s) => s.training === training).map((s) => ({ text: s.text, intent: s.intent }));
  return { name: name.replace(/Corpus$/, ''), train: pick(true), test: pick(false) };
}
