/*
 * Finding earlier conversations in the agent console (see agent.js), closed ones included: by a fragment of the
 * masked ID number, plate, phone or a note, and by China dates (GET /search?q=&from=&to=). A result opens
 * read-only, with the citizen's history beside it.
 */
import { call } from '../common/api.js';
import { fail } from './errors.js';
import { busy, citizenLabel, dateTime, make, outcomeLabel, ratingText, reasonLabel, statusLabel } from './util.js';
import { select } from './conversation.js';
import { changed, el, state, subscribe } from './state.js';

export function onSearch(event) {
  event.preventDefault();
  var q = el.searchQ.value.trim();
  var from = el.searchFrom.value;
  var to = el.searchTo.value;
  if (!q && !from && !to) {
    state.search = { q: q, from: from, to: to, results: [], message: '请输入要查找的内容或日期。' };
    changed('search');
    return;
  }
  if (from && to && to < from) {
    state.search = { q: q, from: from, to: to, results: [], message: '结束日期不能早于开始日期。' };
    changed('search');
    return;
  }
  var params = [];
  if (q) params.push('q=' + encodeURIComponent(q));
  if (from) params.push('from=' + encodeURIComponent(from));
  if (to) params.push('to=' + encodeURIComponent(to));
  var mine = { q: q, from: from, to: to, results: [], loading: true };
  state.search = mine;
  changed('search');
  busy([el.searchSubmit], true);
  call('GET', 'search?' + params.join('&')).then(function (data) {
    if (state.search !== mine) return;
    mine.results = Array.isArray(data.handoffs) ? data.handoffs : [];
    mine.loading = false;
    changed('search');
  }, function (err) {
    if (state.search !== mine) return;
    mine.loading = false;
    mine.message = '查找失败。';
    changed('search');
    fail('查找会话失败')(err);
  }).then(function () { busy([el.searchSubmit], false); });
}

function resultItem(summary) {
  var item = make('li', 'queue-item search-item');
  item.setAttribute('data-testid', 'search-result');
  item.setAttribute('data-handoff-id', String(summary.id));
  item.setAttribute('data-status', String(summary.status || ''));
  var open = make('button', 'queue-open');
  open.type = 'button';
  open.setAttribute('aria-label', '查看会话：' + citizenLabel(summary));
  var top = make('span', 'queue-top');
  top.appendChild(make('span', 'reason reason-' + String(summary.reason || ''), reasonLabel(summary.reason)));
  top.appendChild(make('span', 'queue-label', citizenLabel(summary)));
  open.appendChild(top);
  var meta = make('span', 'queue-meta');
  meta.appendChild(make('span', 'queue-time', dateTime(summary.createdAt)));
  meta.appendChild(make('span', 'queue-status', summary.outcome ? outcomeLabel(summary.outcome) : statusLabel(summary.status)));
  var rating = ratingText(summary.rating);
  if (rating) {
    var r = make('span', 'queue-rating', rating);
    r.setAttribute('data-testid', 'search-rating');
    meta.appendChild(r);
  }
  open.appendChild(meta);
  if (summary.lastCitizenText) open.appendChild(make('span', 'queue-last', '话题：' + summary.lastCitizenText));
  open.addEventListener('click', function () { select(summary.id); });
  item.appendChild(open);
  return item;
}

function render() {
  var s = state.search;
  el.searchResults.textContent = '';
  if (!s) { el.searchSummary.textContent = ''; return; }
  s.results.forEach(function (summary) { el.searchResults.appendChild(resultItem(summary)); });
  el.searchSummary.textContent = s.loading ? '正在查找…'
    : s.message ? s.message
    : s.results.length ? '找到 ' + s.results.length + ' 个会话，点击查看记录' : '没有找到符合条件的会话。';
}

subscribe('search', render);
