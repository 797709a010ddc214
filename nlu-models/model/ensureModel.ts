import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadCorpusFile, projectCorpusFiles } from '../corpus/loadCorpus';
import { dataHash, examplesOf, trainOnExamples, type TrainSettings } from './trainModel';
import { MODEL_FORMAT_VERSION, type IntentModelJson } from './types';

/** Write a model file atomically (readers never see half a file). */
export function writeModelFile(file: string, model: IntentModelJson): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(model));
  renameSync(tmp, file);
}

function storedHash(file: string): string | null {
  if (!existsSync(file)) return null;
  try {
    const json = JSON.parse(readFileSync(file, 'utf8')) as Partial<IntentModelJson>;
    return json.formatVersion === MODEL_FORMAT_VERSION ? json.dataHash ?? null : null;
  } catch {
    return null;
  }
}

/**
 * Trains the model from the corpora when the model file is missing, unreadable, of an older format
 * or trained on other data. Returns whether it trained.
 */
export function ensureModel(
  modelFile: string,
  corpusFiles: readonly string[] = projectCorpusFiles(),
  settings: Partial<TrainSettings> = {},
): { trained: boolean; dataHash: string } {
  const { train } = examplesOf(corpusFiles.map((f) => loadCorpusFile(f)));
  const hash = dataHash(train);
  if (storedHash(modelFile) === hash) return { trained: false, dataHash: hash };
  writeModelFile(modelFile, trainOnExamples(train, settings));
  return { trained: true, dataHash: hash };
}
