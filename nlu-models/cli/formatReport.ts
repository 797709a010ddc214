import type { EvaluationReport } from '../evaluation/metrics';

const pct = (x: number) => (x * 100).toFixed(1).padStart(5);

/** Human-readable evaluation: accuracy, per-label table (labels are intents unless named), confusion matrix, worst confusions. */
export function formatReport(title: string, r: EvaluationReport, labelName = 'intent'): string {
  const lines: string[] = [];
  lines.push(`${title}: accuracy ${pct(r.accuracy)}% (${r.correct}/${r.total})`, '');
  const w = Math.max(...r.perIntent.map((m) => m.intent.length), labelName.length, 6);
  lines.push(`${labelName.padEnd(w)}  precision  recall     F1  support`);
  for (const m of r.perIntent) {
    lines.push(`${m.intent.padEnd(w)}     ${pct(m.precision)}   ${pct(m.recall)}  ${pct(m.f1)}  ${String(m.support).padStart(7)}`);
  }
  lines.push('', 'confusion matrix (rows = gold, columns = predicted, in the order of the rows):');
  const { labels, matrix } = r.confusion;
  const lw = Math.max(...labels.map((l) => l.length));
  lines.push(`${''.padEnd(lw)} ${labels.map((_, i) => String(i + 1).padStart(4)).join('')}`);
  labels.forEach((l, i) => {
    lines.push(`${`${i + 1}`.padStart(2)} ${l.padEnd(lw - 3)} ${matrix[i].map((v) => (v ? String(v) : '.').padStart(4)).join('')}`);
  });
  lines.push('', 'worst confusions:');
  if (r.worstConfusions.length === 0) lines.push('  none');
  for (const c of r.worstConfusions) {
    lines.push(`  ${c.gold} → ${c.predicted}: ${c.count}  e.g. ${c.examples.map((e) => JSON.stringify(e)).join(', ')}`);
  }
  return lines.join('\n');
}
