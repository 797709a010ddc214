import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { corpusDomain } from '../../../nlu-models/corpus/corpusDomain';
import { corpusFolders, projectCorpusFiles } from '../../../nlu-models/corpus/loadCorpus';
import type { Corpus } from '../../../nlu-models/corpus/types';
import { ensureModel } from '../../../nlu-models/model/ensureModel';
import { TINY } from '../training/tinyCorpus';

/** corpora.json: the folders of corpus files are data, so nlu-models finds the services' corpora without importing them. */
describe('corpus folders (corpora.json)', () => {
  let root: string;
  const write = (path: string, json: unknown): void => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), JSON.stringify(json));
  };
  const corpusOf = (locale: string, intents: readonly string[]): Corpus => ({
    name: `tiny ${locale}`, locale, data: intents.map((intent) => ({ intent, utterances: TINY[locale][intent].utterances })),
  });

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'corpus-folders-'));
    write('corpora.json', { folders: ['core', 'services/*/corpus', 'missing/*/corpus'] });
    for (const locale of ['zh-CN', 'en']) {
      write(`core/${locale}/service.json`, corpusOf(locale, ['greet']));
      write(`core/${locale}/none.json`, corpusOf(locale, ['None']));
      write(`services/fines/corpus/${locale}.json`, corpusOf(locale, ['fine.query']));
      write(`services/exams/corpus/${locale}.json`, corpusOf(locale, ['exam.book']));
    }
    mkdirSync(join(root, 'services', 'no-corpus-yet'), { recursive: true });
    writeFileSync(join(root, 'services', 'exams', 'corpus', 'README.md'), 'not a corpus');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('lists the folders relative to the file, a * standing for each sub-folder in name order; missing ones are skipped', () => {
    expect(corpusFolders(join(root, 'corpora.json')).map((f) => relative(root, f).replace(/\\/g, '/'))).toEqual([
      'core', 'services/exams/corpus', 'services/fines/corpus',
    ]);
  });

  it('finds <locale>.json files and <locale>/<domain>.json files, in a stable order', () => {
    expect(projectCorpusFiles(join(root, 'corpora.json')).map((f) => relative(root, f).replace(/\\/g, '/'))).toEqual([
      'core/en/none.json', 'core/en/service.json', 'core/zh-CN/none.json', 'core/zh-CN/service.json',
      'services/exams/corpus/en.json', 'services/exams/corpus/zh-CN.json', 'services/fines/corpus/en.json', 'services/fines/corpus/zh-CN.json',
    ]);
  });

  it('names each file\'s domain by its place: the service folder, or the core file', () => {
    expect(corpusDomain(join(root, 'services/exams/corpus/zh-CN.json'), 'zh-CN')).toBe('exams');
    expect(corpusDomain(join(root, 'core/en/none.json'), 'en')).toBe('none');
    expect(corpusDomain('zh-CN/faq.json', 'zh-CN')).toBe('faq');
  });

  it('the model covers every folder: a changed service corpus retrains it', () => {
    const files = projectCorpusFiles(join(root, 'corpora.json'));
    const modelFile = join(root, 'model.json');
    expect(ensureModel(modelFile, files).trained).toBe(true);
    expect(ensureModel(modelFile, files).trained).toBe(false);
    const fines = join(root, 'services/fines/corpus/zh-CN.json');
    const corpus = JSON.parse(readFileSync(fines, 'utf8')) as Corpus;
    corpus.data[0].utterances.push('查一下违法记录');
    writeFileSync(fines, JSON.stringify(corpus));
    expect(ensureModel(modelFile, projectCorpusFiles(join(root, 'corpora.json'))).trained).toBe(true);
  });
});
