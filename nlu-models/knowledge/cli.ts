import { join } from 'node:path';
import { loadLaws } from './articles';
import { loadCards } from './cards';
import { checkCardSet } from './checkCards';
import { evaluateKnowledge, loadBenchQuestions } from './evaluate';
import { KnowledgeIndex } from './KnowledgeIndex';

/**
 * Knowledge base from the command line, on the repository's cards:
 *   ask "<question>" [--en]   the answer, its confidence and why, and the runners-up
 *   check                     card problems (citations, texts, point-table coverage)
 *   bench [folder]            top-1 accuracy and wrong answers on must-refuse questions (tools/bench/knowledge)
 */
function main(): void {
  const [cmd, ...args] = process.argv.slice(2);
  const cards = loadCards();
  if (cmd === 'check') {
    const problems = checkCardSet(cards, loadLaws());
    for (const p of problems) console.log(`${p.card}\t${p.code}\t${p.message}`);
    console.log(`${cards.length} cards, ${problems.length} problems`);
    process.exitCode = problems.length ? 1 : 0;
    return;
  }
  const index = new KnowledgeIndex(cards);
  if (cmd === 'ask') {
    const locale = args.includes('--en') ? 'en' : 'zh-CN';
    const text = args.filter((a) => a !== '--en').join(' ');
    const a = index.answer(text, locale);
    if (a.kind === 'card') console.log(`card ${a.match.card.id} (${a.match.confidence.toFixed(2)}) via 「${a.match.via}」 matched ${a.match.matched.join(' ')}\n${a.match.card.answer[locale]}\n— ${index.cite(a.match.card.cites, locale)}`);
    else if (a.kind === 'article') console.log(`article ${index.cite([a.match.citation], 'zh-CN')} (${a.match.confidence.toFixed(2)})\n${a.match.text}`);
    else console.log('refused (nothing sure enough)');
    console.log('ranking:');
    for (const m of index.rank(text, locale, 5)) console.log(`  ${m.confidence.toFixed(2)}  ${m.card.id}  via 「${m.via.split('\n')[0]}」`);
    const [art] = index.rankArticles(text, 1);
    if (art) console.log(`best article: ${index.cite([art.citation], 'zh-CN')} (${art.confidence.toFixed(2)})`);
    return;
  }
  if (cmd === 'bench') {
    const dir = args[0] ?? join(__dirname, '..', '..', 'tools', 'bench', 'knowledge');
    const r = evaluateKnowledge(index, loadBenchQuestions(dir));
    for (const f of r.failures) console.log(`  ✗ [${f.locale}] ${f.text} → ${f.got} (${f.confidence.toFixed(2)}), expected ${f.expected}`);
    console.log(`${cards.length} cards; answerable ${r.answerable.n}: top-1 ${(r.answerable.correct / Math.max(1, r.answerable.n)).toFixed(3)} (wrong ${r.answerable.wrong}, refused ${r.answerable.refused}); must-refuse ${r.mustRefuse.n}: wrongly answered ${(r.mustRefuse.answered / Math.max(1, r.mustRefuse.n)).toFixed(3)}`);
    return;
  }
  console.log('usage: tsx nlu-models/knowledge/cli.ts ask "<question>" [--en] | check | bench [folder]');
  process.exitCode = 2;
}

main();
