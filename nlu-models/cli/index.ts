import { createInterface } from 'node:readline';
import { ActModel } from '../acts/ActModel';
import { loadActCorpora } from '../acts/corpus/loadActCorpus';
import { ensureActModel } from '../acts/ensureActModel';
import { ACT_MODEL_FILE } from '../acts/paths';
import { crossValidateActs, evaluateActModel } from '../acts/trainActModel';
import { loadCorpusFile, projectCorpusFiles } from '../corpus/loadCorpus';
import { crossValidate, heldOutEvaluation } from '../evaluation/evaluateExamples';
import { IntentModel } from '../model/IntentModel';
import { ensureModel, writeModelFile } from '../model/ensureModel';
import { PROJECT_MODEL_FILE } from '../model/paths';
import { examplesOf, trainOnExamples } from '../model/trainModel';
import { NluEngine } from '../recognizer/NluEngine';
import { parseArgs } from './args';
import { formatReport } from './formatReport';
import { progressBar } from './progressBar';

const USAGE = `usage: npm run --silent nlu -- <command>
  classify [--model FILE] [--today YYYY-MM-DD]   one utterance per stdin line → one JSON line each
  train [--corpus FILE ...] [--out FILE]          train on NLP.js corpora (default: the project's)
  evaluate [--corpus FILE ...] [--folds K] [--json]  k-fold cross-validation and held-out tests (intents, then dialogue acts)
  ensure                                          train the project models (intents, dialogue acts) if missing or stale`;

function chinaToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

async function classify(modelFile: string, today: string): Promise<void> {
  const engine = new NluEngine(IntentModel.load(modelFile));
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    const u = engine.understand(line, today);
    process.stdout.write(`${JSON.stringify({
      text: line,
      intent: u.intent,
      score: Number(u.score.toFixed(4)),
      entities: u.entities.map((e) => ({ entity: e.entity, value: e.value })),
    })}\n`);
  }
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['model', 'today', 'corpus', 'out', 'folds']);
  const one = (name: string): string | undefined => args.flags.get(name)?.at(-1);
  const corpusFiles = args.flags.get('corpus') ?? projectCorpusFiles();
  switch (args.command) {
    case 'classify': {
      const today = one('today') ?? chinaToday();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`--today must be YYYY-MM-DD, got "${today}"`);
      const modelFile = one('model') ?? PROJECT_MODEL_FILE;
      if (!one('model')) ensureModel(modelFile);
      await classify(modelFile, today);
      return 0;
    }
    case 'train': {
      const out = one('out') ?? PROJECT_MODEL_FILE;
      const started = Date.now();
      const { train } = examplesOf(corpusFiles.map((f) => loadCorpusFile(f)));
      const model = trainOnExamples(train, { onProgress: progressBar() });
      writeModelFile(out, model);
      process.stderr.write(
        `trained ${model.intents.length} intents on ${train.length} utterances (${model.locales.join(', ')}) ` +
          `in ${((Date.now() - started) / 1000).toFixed(1)} s; None threshold ${model.noneThreshold} ` +
          `(cross-validated accuracy ${(model.calibration.accuracy * 100).toFixed(1)}%) → ${out}\n`,
      );
      return 0;
    }
    case 'evaluate': {
      const folds = Number(one('folds') ?? 5);
      if (!Number.isInteger(folds) || folds < 2) throw new Error(`--folds must be an integer >= 2`);
      const { train, tests } = examplesOf(corpusFiles.map((f) => loadCorpusFile(f)));
      const tty = process.stderr.isTTY && !args.switches.has('json');
      const cv = crossValidate(train, { folds }, (d, k) => { if (tty) process.stderr.write(`\rfold ${d}/${k}`); });
      if (tty) process.stderr.write('\n');
      const heldOut = tests.length ? heldOutEvaluation(new IntentModel(trainOnExamples(train)), tests) : null;
      const acts = loadActCorpora();
      const actCv = crossValidateActs(acts.train, folds);
      const actHeldOut = evaluateActModel(new ActModel(ensureActModel(ACT_MODEL_FILE).model), acts.tests);
      if (args.switches.has('json')) {
        const dialogueActs = { crossValidation: { folds, ...actCv }, heldOutTests: actHeldOut };
        process.stdout.write(`${JSON.stringify({ crossValidation: { folds, ...cv }, heldOutTests: heldOut, dialogueActs }, null, 2)}\n`);
      } else {
        process.stdout.write(`${formatReport(`${folds}-fold cross-validation over ${train.length} training utterances`, cv)}\n`);
        if (heldOut) process.stdout.write(`\n${formatReport(`held-out tests (${tests.length} utterances)`, heldOut)}\n`);
        process.stdout.write(`\n${formatReport(`dialogue acts, ${folds}-fold cross-validation over ${acts.train.length} replies`, actCv, 'act')}\n`);
        process.stdout.write(`\n${formatReport(`dialogue acts, held-out tests (${acts.tests.length} replies)`, actHeldOut, 'act')}\n`);
      }
      return 0;
    }
    case 'ensure': {
      const r = ensureModel(PROJECT_MODEL_FILE, corpusFiles, { onProgress: progressBar() });
      process.stderr.write(r.trained ? `model trained → ${PROJECT_MODEL_FILE}\n` : 'model is up to date\n');
      const a = ensureActModel(ACT_MODEL_FILE);
      process.stderr.write(a.trained ? `dialogue-act model trained → ${ACT_MODEL_FILE}\n` : 'dialogue-act model is up to date\n');
      return 0;
    }
    default:
      process.stderr.write(`${USAGE}\n`);
      return args.command === undefined || args.switches.has('help') ? 0 : 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    process.stderr.write(`nlu: ${(e as Error).message}\n`);
    process.exitCode = 1;
  },
);
