import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CorpusFormatError, loadCorpusFile, parseCorpus, projectCorpusFiles } from '../../../nlu-models/corpus/loadCorpus';
import type { Corpus } from '../../../nlu-models/corpus/types';
import { IntentModel } from '../../../nlu-models/model/IntentModel';
import { ensureModel } from '../../../nlu-models/model/ensureModel';
import { TINY } from '../training/tinyCorpus';

/**
 * A variant corpus file (`"variant": "pinyin"`) adds another way of writing a language to intents whose home is
 * another file: the same intent in two files is merged (its utterances add up), and variant files are listed last
 * so whoever reads the files in order (the admin import names an intent's domain after its first file) meets the
 * home file first.
 */
describe('variant corpus files (pinyin next to the Chinese corpora)', () => {
  let root: string;
  const write = (path: string, json: unknown): void => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), JSON.stringify(json));
  };
  const corpusOf = (locale: string, intents: readonly string[]): Corpus => ({
    name: `tiny ${locale}`, locale, data: intents.map((intent) => ({ intent, utterances: TINY[locale][intent].utterances })),
  });
  const PINYIN: Corpus = {
    name: 'tiny zh-CN pinyin', locale: 'zh-CN', variant: 'pinyin',
    data: [
      { intent: 'exam.book', utterances: ['yuyue kaoshi', 'wo yao yue kao', 'yue kemu er', 'bang wo yuyue kemu san', 'yuyuekaoshi', 'xiang kao jiazhao yuyue'], tests: ['wo xiang yuyue kaoshi'] },
      { intent: 'fine.query', utterances: ['cha weizhang', 'you mei you weizhang', 'weizhang chaxun', 'chaweizhang', 'wo de che bei pai le ma', 'cha weifa jilu'], tests: ['bang wo cha weizhang'] },
    ],
  };

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'corpus-variants-'));
    write('corpora.json', { folders: ['core', 'services/*/corpus'] });
    write('core/zh-CN/pinyin.json', PINYIN);
    for (const locale of ['zh-CN', 'en']) {
      write(`core/${locale}/service.json`, corpusOf(locale, ['greet']));
      write(`core/${locale}/none.json`, corpusOf(locale, ['None']));
      write(`services/fines/corpus/${locale}.json`, corpusOf(locale, ['fine.query']));
      write(`services/exams/corpus/${locale}.json`, corpusOf(locale, ['exam.book']));
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reads the variant field and refuses an empty one', () => {
    expect(loadCorpusFile(join(root, 'core/zh-CN/pinyin.json')).variant).toBe('pinyin');
    expect(loadCorpusFile(join(root, 'core/zh-CN/service.json')).variant).toBeUndefined();
    expect(() => parseCorpus({ locale: 'zh-CN', variant: '', data: [] }, 'x.json')).toThrow(CorpusFormatError);
  });

  it('lists variant files after every home file', () => {
    expect(projectCorpusFiles(join(root, 'corpora.json')).map((f) => relative(root, f).replace(/\\/g, '/'))).toEqual([
      'core/en/none.json', 'core/en/service.json', 'core/zh-CN/none.json', 'core/zh-CN/service.json',
      'services/exams/corpus/en.json', 'services/exams/corpus/zh-CN.json', 'services/fines/corpus/en.json', 'services/fines/corpus/zh-CN.json',
      'core/zh-CN/pinyin.json',
    ]);
  });

  it('merges an intent of two files: the model learns the home file\'s Chinese and the variant\'s pinyin as one intent', () => {
    const modelFile = join(root, 'model.json');
    ensureModel(modelFile, projectCorpusFiles(join(root, 'corpora.json')));
    const model = IntentModel.load(modelFile);
    expect(model.intents.filter((i) => i === 'exam.book')).toHaveLength(1);
    expect(['帮我约个考试', 'wo xiang yuyue kaoshi', '查查我的违章', 'bang wo cha weizhang'].map((t) => [t, model.classify(t).intent])).toEqual([
      ['帮我约个考试', 'exam.book'], ['wo xiang yuyue kaoshi', 'exam.book'], ['查查我的违章', 'fine.query'], ['bang wo cha weizhang', 'fine.query'],
    ]);
  });
});
