import { join } from 'node:path';
import { CONFIDENT } from '../../dialogs/main/MainDialog';
import { SERVICE_INDEX } from '../../dialogs/services';
import { loadCards } from '../../nlu-models/knowledge/cards';
import { answerLabel, evaluateKnowledge, loadBenchQuestions, type BenchQuestion } from '../../nlu-models/knowledge/evaluate';
import { KnowledgeIndex } from '../../nlu-models/knowledge/KnowledgeIndex';
import { ensureModel } from '../../nlu-models/model/ensureModel';
import { IntentModel } from '../../nlu-models/model/IntentModel';
import { PROJECT_MODEL_FILE } from '../../nlu-models/model/paths';
import { NluEngine } from '../../nlu-models/recognizer/NluEngine';

/**
 * npm run bench:knowledge — the knowledge base on its bench (tools/bench/knowledge/*.json: questions in citizens'
 * words with the card that must answer each, and questions that must be referred or refused):
 *   1. the answerer alone: top-1 accuracy on answerable questions, wrong answers on must-refuse questions;
 *   2. the whole way in: the intent model and the main loop's routing first (a rule question with service words —
 *      车牌, 科目二, 扣分 — must not start a transaction), then the answer.
 * Set KNOWLEDGE_BENCH_VERBOSE=1 to list every miss.
 */
const QUESTIONS_DIR = join(__dirname, 'knowledge');
const KNOWLEDGE_INTENT = 'knowledge.question';
const pct = (n: number, d: number) => (d ? (n / d).toFixed(3) : '-');

type Route = 'knowledge' | 'transaction' | 'other';

function main(): void {
  const questions = loadBenchQuestions(QUESTIONS_DIR);
  const cards = loadCards();
  const started = process.hrtime.bigint();
  const index = new KnowledgeIndex(cards);
  const buildMs = Number(process.hrtime.bigint() - started) / 1e6;
  ensureModel(PROJECT_MODEL_FILE);
  const nlu = new NluEngine(IntentModel.load(PROJECT_MODEL_FILE));

  const t0 = process.hrtime.bigint();
  const r = evaluateKnowledge(index, questions);
  const perQuestionUs = Number(process.hrtime.bigint() - t0) / 1e3 / questions.length;

  // The whole way in, as MainDialog routes a message outside any flow.
  const route = (q: BenchQuestion): { route: Route; intent: string } => {
    const u = nlu.understand(q.text, '2026-11-25');
    if (u.intent === KNOWLEDGE_INTENT && u.score >= CONFIDENT) return { route: 'knowledge', intent: u.intent };
    if (SERVICE_INDEX.isServiceIntent(u.intent) && u.score >= CONFIDENT) return { route: 'transaction', intent: u.intent };
    if (u.score < CONFIDENT || u.intent === 'None') return { route: index.answer(q.text, q.locale).kind !== 'none' ? 'knowledge' : 'other', intent: u.intent };
    return { route: 'other', intent: u.intent };
  };
  const answerable = questions.filter((q) => !q.expect.refuse);
  const refuse = questions.filter((q) => q.expect.refuse);
  let transactions = 0;
  let requests = 0;
  let endToEnd = 0;
  let refuseAnswered = 0;
  let refuseTransactions = 0;
  const misroutes: string[] = [];
  for (const q of answerable) {
    const w = route(q);
    const requestOk = [q.expect.request ?? []].flat().includes(w.intent);
    if (w.route === 'transaction' && requestOk) requests += 1;
    else if (w.route === 'transaction') {
      transactions += 1;
      misroutes.push(`  → ${w.intent}: ${q.text}`);
    }
    const ok = [q.expect.card ?? []].flat().concat(q.expect.article ? [q.expect.article] : []);
    if ((w.route === 'knowledge' && ok.includes(answerLabel(index.answer(q.text, q.locale)))) || requestOk) endToEnd += 1;
  }
  for (const q of refuse) {
    const w = route(q);
    if (w.route === 'transaction') refuseTransactions += 1;
    if (w.route === 'knowledge' && index.answer(q.text, q.locale).kind !== 'none') refuseAnswered += 1;
  }

  const byLocale = (list: readonly BenchQuestion[], l: string) => list.filter((q) => q.locale === l).length;
  console.log(`# Knowledge bench: ${cards.length} cards (${cards.filter((c) => c.kind === 'referral').length} referrals, ${cards.filter((c) => c.kind === 'safety').length} safety), ${questions.length} questions`);
  console.log(`answerable ${answerable.length} (zh ${byLocale(answerable, 'zh-CN')}, en ${byLocale(answerable, 'en')}); must-refuse ${refuse.length} (zh ${byLocale(refuse, 'zh-CN')}, en ${byLocale(refuse, 'en')})\n`);
  console.log('| measure | value | goal |');
  console.log('|---|---|---|');
  console.log(`| answerer top-1 accuracy (answerable) | ${pct(r.answerable.correct, r.answerable.n)} (${r.answerable.correct}/${r.answerable.n}; wrong ${r.answerable.wrong}, referred ${r.answerable.refused}) | ≥ 0.9 |`);
  console.log(`| answerer wrong-answer rate (must-refuse) | ${pct(r.mustRefuse.answered, r.mustRefuse.n)} (${r.mustRefuse.answered}/${r.mustRefuse.n}) | ≤ 0.02 |`);
  console.log(`| rule questions that start a transaction (intent model + routing) | ${pct(transactions, answerable.length)} (${transactions}/${answerable.length}; ${requests} more went to a transaction that is also a right reading) | 0 |`);
  console.log(`| end to end: answered by the right card (or the right transaction started) | ${pct(endToEnd, answerable.length)} (${endToEnd}/${answerable.length}) | |`);
  console.log(`| end to end: must-refuse questions answered with a card | ${pct(refuseAnswered, refuse.length)} (${refuseAnswered}/${refuse.length}); started a transaction ${refuseTransactions} | |`);
  console.log('\nper file (unseen.json was written after the cards were tuned and is not tuned on):');
  for (const file of [...new Set(questions.map((q) => q.file))]) {
    const f = evaluateKnowledge(index, questions.filter((q) => q.file === file));
    console.log(`  ${file.padEnd(14)} top-1 ${pct(f.answerable.correct, f.answerable.n)} of ${f.answerable.n}; must-refuse answered ${pct(f.mustRefuse.answered, f.mustRefuse.n)} of ${f.mustRefuse.n}`);
  }
  console.log(`\nindex built in ${buildMs.toFixed(0)} ms; ${perQuestionUs.toFixed(0)} µs per question`);
  if (misroutes.length) console.log(`\nrule questions routed to a transaction:\n${misroutes.join('\n')}`);
  if (process.env.KNOWLEDGE_BENCH_VERBOSE) for (const f of r.failures) console.log(`  ✗ [${f.locale}] ${f.text} → ${f.got} (${f.confidence.toFixed(2)}), expected ${f.expected}`);
}

main();
