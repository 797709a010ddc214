import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ACT_MODEL_FORMAT_VERSION, type ActModelJson } from './ActModel';
import { ACT_CORPUS_DIR, loadActCorpora } from './corpus/loadActCorpus';
import { actDataHash, trainActModel } from './trainActModel';

/** Write the act model atomically (readers never see half a file). */
export function writeActModelFile(file: string, model: ActModelJson): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(model));
  renameSync(tmp, file);
}

/** The model in `file` when it is of this format and trained on exactly this data; otherwise null. */
export function readCurrentActModel(file: string, dataHash: string): ActModelJson | null {
  if (!existsSync(file)) return null;
  try {
    const json = JSON.parse(readFileSync(file, 'utf8')) as ActModelJson;
    return json.formatVersion === ACT_MODEL_FORMAT_VERSION && json.dataHash === dataHash ? json : null;
  } catch {
    return null;
  }
}

/**
 * Trains the dialogue-act model when its file is missing, unreadable, of an older format or trained on other
 * data; returns the current model and whether it trained.
 */
export function ensureActModel(file: string, corpusDir: string = ACT_CORPUS_DIR): { trained: boolean; model: ActModelJson } {
  const { train } = loadActCorpora(corpusDir);
  const current = readCurrentActModel(file, actDataHash(train));
  if (current) return { trained: false, model: current };
  const model = trainActModel(train);
  writeActModelFile(file, model);
  return { trained: true, model };
}
