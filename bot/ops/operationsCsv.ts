import type { Figures, OperationsReport } from './operationsReport';
import type { OpsLabels } from './opsLabels';

/** The figures of a period or channel in the order the CSV lists them. */
const FIGURES: ReadonlyArray<keyof Figures> = [
  'conversations', 'contained', 'handoffs', 'messages', 'notUnderstood', 'tasksStarted', 'tasksConfirmed', 'ratings', 'noticesSent', 'noticesFailed',
];

/** A CSV cell: quoted when it holds a comma, quote or line break; a leading = + - @ is neutralised (spreadsheet formulas). */
function cell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The operations report as one CSV table (UTF-8 with a BOM, so spreadsheet programs read the Chinese): one row per
 * figure — section, period, channel, item, value — with the same numbers as the JSON.
 */
export function operationsCsv(r: OperationsReport, labels: OpsLabels): string {
  const all = labels.csv('all');
  const channel = r.channel ? labels.channel(r.channel) : all;
  const range = r.from === r.to ? r.from : `${r.from}~${r.to}`;
  const rows: Array<Array<string | number | null>> = [[labels.csv('section'), labels.csv('period'), labels.csv('channel'), labels.csv('item'), labels.csv('value')]];
  const totals = labels.csv('totals');
  for (const f of FIGURES) rows.push([totals, range, channel, labels.figure(f), r.totals[f]]);
  for (const f of ['containmentRate', 'notUnderstoodRate', 'completionRate', 'satisfactionAverage'] as const) rows.push([totals, range, channel, labels.figure(f), r.totals[f]]);
  for (const p of r.periods) for (const f of FIGURES) rows.push([labels.csv('periods'), p.period, channel, labels.figure(f), p[f]]);
  for (const c of r.channels) for (const f of FIGURES) rows.push([labels.csv('channels'), range, c.label, labels.figure(f), c[f]]);
  for (const h of r.handoffReasons) rows.push([labels.csv('reasons'), range, channel, h.label, h.count]);
  for (const t of r.tasks) {
    rows.push([labels.csv('tasks'), range, channel, `${t.label} · ${labels.figure('started')}`, t.started]);
    if (t.confirmed !== null) rows.push([labels.csv('tasks'), range, channel, `${t.label} · ${labels.figure('confirmed')}`, t.confirmed]);
    for (const d of t.dropOffs) rows.push([labels.csv('tasks'), range, channel, `${t.label} · ${labels.figure('droppedAt', { step: d.label })}`, d.count]);
  }
  for (const g of r.notUnderstoodGroups) rows.push([labels.csv('groups'), range, channel, g.label, g.count]);
  for (const s of r.satisfaction.distribution) rows.push([labels.csv('satisfaction'), range, channel, labels.figure('score', { score: s.score }), s.count]);
  for (const t of r.notices.topics) {
    rows.push([labels.csv('notices'), range, channel, `${t.label} · ${labels.figure('noticesSent')}`, t.sent]);
    rows.push([labels.csv('notices'), range, channel, `${t.label} · ${labels.figure('noticesFailed')}`, t.failed]);
  }
  return `\uFEFF${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
