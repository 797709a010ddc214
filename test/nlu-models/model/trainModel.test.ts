import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCorpusFile, parseCorpus } from '../../../nlu-models/corpus/loadCorpus';
import { IntentModel } from '../../../nlu-models/model/IntentModel';
import { ensureModel } from '../../../nlu-models/model/ensureModel';
import { trainOnCorpora } from '../../../nlu-models/model/trainModel';

const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'nlu', 'tiny-zh.json');

describe('training', () => {
  it('is deterministic: the same corpus gives the same weights', () => {
    const corpus = loadCorpusFile(FIXTURE);
    const a = trainOnCorpora([corpus], { now: () => new Date(0) });
    const b = trainOnCorpora([corpus], { now: () => new Date(0) });
    expect(a).toEqual(b);
  });

  it('produces a model that classifies unseen phrasings of the fixture intents', () => {
    const model = new IntentModel(trainOnCorpora([loadCorpusFile(FIXTURE)]));
    expect(model.classify('给我放首老歌').intent).toBe('music');
    expect(model.classify('帮我定个闹钟').intent).toBe('alarm');
  });

  it('retrains only when the corpus changed (data hash), and keeps the file loadable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ensure-'));
    const corpusFile = join(dir, 'c.json');
    const modelFile = join(dir, 'm.json');
    writeFileSync(corpusFile, readFileSync(FIXTURE));
    expect(ensureModel(modelFile, [corpusFile]).trained).toBe(true);
    expect(ensureModel(modelFile, [corpusFile]).trained).toBe(false);
    const c = JSON.parse(readFileSync(corpusFile, 'utf8')) as { data: Array<{ utterances: string[] }> };
    c.data[0].utterances.push('天气热不热');
    writeFileSync(corpusFile, JSON.stringify(c));
    expect(ensureModel(modelFile, [corpusFile]).trained).toBe(true);
    expect(IntentModel.load(modelFile).intents).toEqual(['alarm', 'music', 'weather']);
  });

  it('rejects malformed corpora with a message naming the problem', () => {
    expect(() => parseCorpus({ locale: 'zh', data: [{ intent: 'x', utterances: 'nope' }] }, 'bad.json'))
      .toThrow('corpus bad.json: data[0] (x).utterances must be an array of strings');
    expect(() => parseCorpus({ data: [] }, 'nolocale.json')).toThrow('"locale" must be a non-empty string');
  });
});
