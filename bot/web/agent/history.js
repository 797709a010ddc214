/*
 * The citizen's history in the agent console (see agent.js): the same citizen's other conversations with a person
 * (GET /handoffs/:id/history: the bound identity, else the channel's user), newest first, each with how it ended,
 * the citizen's rating and the agents' notes. A click opens one read-only (through the `open` topic, state.js).
 */
import { call } from '../common/api.js';
import { fail } from './errors.js';
import { citizenLabel, dateTime, make, outcomeLabel, ratingText, reasonLabel, sameId, statusLabel } from './util.js';
import { changed, el, state, subscribe } from './state.js';

/** Reads the history of the open conversation's citizen. */
export function loadHistory(target) {
  if (!target) return;
  call('GET', 'handoffs/' + encodeURIComponent(target.id) + '/history').then(function (data) {
    if (state.current !== target) return;
    state.history = { id: target.id, handoffs: Array.isArray(data.handoffs) ? data.handoffs : [] };
    changed('history');
  }, function (err) {
    if (state.current !== target) return;
    state.history = { id: target.id, handoffs: [], failed: true };
    changed('history');
    fail('读取该市民的历史会话失败')(err);
  });
}

function noteAuthor(note) {
  var a = note.agent;
  if (!a) return '坐席';
  if (typeof a === 'string' || typeof a === 'number') return String(a);
  return a.displayName || a.username || '坐席';
}

/** One earlier conversation: when, why, how it ended, the rating and the notes. */
export function historyItem(summary) {
  var item = make('li', 'history-item');
  item.setAttribute('data-testid', 'history-item');
  item.setAttribute('data-handoff-id', String(summary.id));

  var head = make('div', 'history-head');
  head.appendChild(make('span', 'history-date', dateTime(summary.createdAt)));
  var ended = summary.outcome ? outcomeLabel(summary.outcome) : statusLabel(summary.status);
  var outcome = make('span', 'history-outcome', ended);
  outcome.setAttribute('data-testid', 'history-outcome');
  head.appendChild(outcome);
  item.appendChild(head);

  var facts = [reasonLabel(summary.reason)];
  if (summary.agent) facts.push('坐席：' + (summary.agent.displayName || '坐席'));
  item.appendChild(make('div', 'history-facts', facts.join(' · ')));

  var rating = ratingText(summary.rating);
  var rated = make('div', 'history-rating', rating ? '市民评价 ' + rating + (summary.rating.comment ? '：' + summary.rating.comment : '') : '未评价');
  rated.setAttribute('data-testid', 'history-rating');
  if (rating) rated.setAttribute('data-score', String(summary.rating.score));
  else rated.classList.add('history-rating-none');
  item.appendChild(rated);

  if (summary.lastCitizenText) item.appendChild(make('div', 'history-topic', '话题：' + summary.lastCitizenText));

  var notes = Array.isArray(summary.notes) ? summary.notes : [];
  if (notes.length) {
    var list = make('ul', 'history-notes');
    notes.forEach(function (note) {
      var n = make('li', 'history-note');
      n.setAttribute('data-testid', 'history-note');
      n.appendChild(make('span', 'history-note-author', noteAuthor(note) + '：'));
      n.appendChild(make('span', 'history-note-text', note.text));
      list.appendChild(n);
    });
    item.appendChild(list);
  }

  var open = make('button', 'button button-small history-open', '查看记录');
  open.type = 'button';
  open.setAttribute('data-testid', 'history-open');
  open.setAttribute('aria-label', '查看 ' + dateTime(summary.createdAt) + ' 与' + citizenLabel(summary) + '的会话记录');
  open.addEventListener('click', function () { changed('open', summary.id); });
  item.appendChild(open);
  return item;
}

function render() {
  el.history.textContent = '';
  var h = state.history;
  var current = state.current;
  var list = h && current && sameId(h.id, current.id) ? h.handoffs.filter(function (s) { return !sameId(s.id, current.id); }) : [];
  list.forEach(function (summary) { el.history.appendChild(historyItem(summary)); });
  el.historyCount.textContent = String(list.length);
  el.historyEmpty.textContent = !h ? '正在读取…' : h.failed ? '历史会话读取失败' : '暂无历史会话';
  el.historyEmpty.classList.toggle('hidden', list.length > 0);
}

subscribe('history', render);
subscribe('conversation', render);
