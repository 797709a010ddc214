import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadCorpusFile, projectCorpusFiles } from '../corpus/loadCorpus';
import { crossValidate, heldOutEvaluation } from '../evaluation/evaluateExamples';
import { IntentModel, NONE_INTENT } from '../model/IntentModel';
import { writeModelFile } from '../model/ensureModel';
import { examplesOf, trainOnExamples, type Example } from '../model/trainModel';
import { NluEngine } from '../recognizer/NluEngine';
import { BRAUN_CORPORA, loadBraunCorpus, type LabelledText } from './braunCorpus';
import { scoreNlpManager } from './nlpjsManager';

/** Best published intent scores on the Braun et al. corpora (as given in issue 2). */
const PUBLISHED_BEST: Record<string, number> = { Chatbot: 0.99, AskUbuntu: 0.94, WebApplications: 0.83, overall: 0.93 };
const PUBLISHED_OVERALL: Array<[string, number]> = [['LUIS', 0.91], ['Watson', 0.92], ['Rasa', 0.88], ['NLP.js', 0.93]];

const f3 = (x: number) => x.toFixed(3);
const row = (cells: Array<string | number>, widths: number[]) =>
  cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');

function datasetDir(): string {
  const candidates = [process.env.NLU_EVAL_CORPORA, join(process.cwd(), '..', 'shared', 'datasets', 'nlu-evaluation-corpora')];
  const found = candidates.find((d) => d && existsSync(join(d, 'ChatbotCorpus.json')));
  if (!found) throw new Error('Braun et al. corpora not found: set NLU_EVAL_CORPORA to the folder with ChatbotCorpus.json');
  return found;
}

function ourScore(train: readonly LabelledText[], test: readonly LabelledText[]): number {
  const model = new IntentModel(trainOnExamples(train.map((t) => ({ ...t, locale: 'en' }))));
  return test.filter((t) => model.classify(t.text).intent === t.intent).length / test.length;
}

async function braun(): Promise<void> {
  const dir = datasetDir();
  console.log('\n## Braun et al. (SIGDIAL 2017) corpora: train on `training: true`, score `training: false`\n');
  const w = [16, 6, 8, 16, 14];
  console.log(row(['corpus', 'test n', 'ours', 'best published', 'node-nlp here'], w));
  let n = 0; let ours = 0; let nlpjs = 0;
  for (const name of BRAUN_CORPORA) {
    const c = loadBraunCorpus(dir, name);
    const o = ourScore(c.train, c.test);
    const m = await scoreNlpManager('en', c.train, c.test, 'builtin');
    n += c.test.length; ours += o * c.test.length; nlpjs += m.accuracy * c.test.length;
    console.log(row([c.name, c.test.length, f3(o), f3(PUBLISHED_BEST[c.name]), f3(m.accuracy)], w));
  }
  console.log(row(['overall', n, f3(ours / n), f3(PUBLISHED_BEST.overall), f3(nlpjs / n)], w));
  console.log(`published overall: ${PUBLISHED_OVERALL.map(([k, v]) => `${k} ${v}`).join(', ')}`);
}

async function chinesePipelines(train: readonly Example[], tests: readonly Example[]): Promise<void> {
  console.log('\n## Chinese pipelines on the project corpora (train: zh-CN utterances, score: zh-CN held-out tests)\n');
  const zhTrain = train.filter((e) => e.locale === 'zh-CN');
  const zhTests = tests.filter((e) => e.locale === 'zh-CN');
  const w = [52, 9, 10];
  console.log(row(['pipeline', 'accuracy', 'train ms'], w));
  for (const variant of ['builtin', 'char-ngrams'] as const) {
    const r = await scoreNlpManager('zh', zhTrain, zhTests, variant);
    const label = variant === 'builtin' ? 'node-nlp NlpManager, built-in zh (words → pinyin)' : 'node-nlp NlpManager, char 1+2-gram tokenizer';
    console.log(row([label, f3(r.accuracy), r.trainMs], w));
  }
  const started = Date.now();
  const model = new IntentModel(trainOnExamples(zhTrain));
  const ms = Date.now() - started;
  const acc = zhTests.filter((t) => model.classify(t.text).intent === t.intent).length / zhTests.length;
  console.log(row(['ours: char 1+2-grams, softmax, calibrated None', f3(acc), ms], w));
}

async function ownCorpora(): Promise<void> {
  const { train, tests } = examplesOf(projectCorpusFiles().map((f) => loadCorpusFile(f)));
  console.log(`\n## Project corpora: ${train.length} training utterances, ${tests.length} held-out tests\n`);
  const cv = crossValidate(train, { folds: 5 });
  const none = cv.perIntent.find((m) => m.intent === NONE_INTENT);
  console.log(`5-fold cross-validation: intent accuracy ${f3(cv.accuracy)}, None recall ${none ? f3(none.recall) : 'n/a'}`);
  const trainStart = Date.now();
  const json = trainOnExamples(train);
  const trainMs = Date.now() - trainStart;
  const model = new IntentModel(json);
  const held = heldOutEvaluation(model, tests);
  const heldNone = held.perIntent.find((m) => m.intent === NONE_INTENT);
  console.log(`held-out tests: accuracy ${f3(held.accuracy)}, None recall ${heldNone ? f3(heldNone.recall) : 'n/a'}`);
  for (const locale of ['zh-CN', 'en']) {
    const sub = tests.filter((t) => t.locale === locale);
    if (sub.length) console.log(`  ${locale}: ${f3(heldOutEvaluation(model, sub).accuracy)} on ${sub.length}`);
  }
  await chinesePipelines(train, tests);

  console.log('\n## Speed and size (this machine)\n');
  console.log(`training the project corpora (with None calibration): ${(trainMs / 1000).toFixed(2)} s`);
  const file = join(process.cwd(), 'data', 'bench-model.json');
  writeModelFile(file, json);
  const heapBefore = process.memoryUsage().heapUsed;
  const loaded = IntentModel.load(file);
  const engine = new NluEngine(loaded);
  const heapAfter = process.memoryUsage().heapUsed;
  const texts = [...tests, ...train].map((t) => t.text);
  for (const t of texts.slice(0, 200)) engine.understand(t, '2026-11-25');
  const times: number[] = [];
  for (let r = 0; r < 3; r += 1) {
    for (const t of texts) {
      const s = process.hrtime.bigint();
      engine.understand(t, '2026-11-25');
      times.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(3);
  console.log(`classification incl. entities: median ${q(0.5)} ms, p99 ${q(0.99)} ms over ${times.length} calls`);
  console.log(`model file ${(statSync(file).size / 1e6).toFixed(2)} MB; heap for the loaded model ≈ ${((heapAfter - heapBefore) / 1e6).toFixed(1)} MB; process RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB (includes node-nlp loaded for the comparisons)`);
}

async function main(): Promise<void> {
  console.log('# jiaoguan-bot NLU benchmark');
  await braun();
  await ownCorpora();
}

main().catch((e: unknown) => {
  console.error(`bench:nlu: ${(e as Error).message}`);
  process.exitCode = 1;
});
