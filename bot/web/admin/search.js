/*
 * The search across every intent's utterances, None included (see admin.js): GET /utterances?q=&split=&locale=.
 * Each result names its intent (a click opens it in the editor), its text with the match marked, whether it is
 * for training or for testing, and can be deleted (with undo). Run again when utterances change ('corpus').
 */
import { button, make } from './util.js';
import { call, report } from '../common/api.js';
import { selectIntent } from './editor.js';
import { removeUtterance } from './removal.js';
import { changed, el, state, subscribe, LOCALES, SPLITS } from './state.js';

var LIMIT = 100;
var DEBOUNCE_MS = 250;
var timer = 0;
var asked = 0;

function query() {
  return { q: el.searchInput.value.trim(), split: el.searchSplit.value, locale: el.searchLocale.value };
}

/** Runs the search in the box now (an empty box clears the results). */
export function runSearch() {
  if (!state.me) return;
  if (timer) { window.clearTimeout(timer); timer = 0; }
  var q = query();
  if (!q.q) {
    state.search = null;
    changed('search');
    return;
  }
  var mine = ++asked;
  var params = 'q=' + encodeURIComponent(q.q) + '&limit=' + LIMIT;
  if (q.split) params += '&split=' + encodeURIComponent(q.split);
  if (q.locale) params += '&locale=' + encodeURIComponent(q.locale);
  state.search = { q: q.q, split: q.split, locale: q.locale, results: state.search ? state.search.results : [], total: 0, loading: true };
  changed('search');
  call('GET', 'utterances?' + params).then(function (data) {
    if (mine !== asked) return;
    var list = Array.isArray(data.utterances) ? data.utterances : [];
    state.search = { q: q.q, split: q.split, locale: q.locale, results: list, total: typeof data.total === 'number' ? data.total : list.length, loading: false };
    changed('search');
  }, function (err) {
    if (mine !== asked) return;
    state.search = null;
    changed('search');
    report('搜索语料失败')(err);
  });
}

export function onSearchSubmit(event) {
  event.preventDefault();
  runSearch();
}

/** Typing searches after a short pause. */
export function onSearchInput() {
  if (timer) window.clearTimeout(timer);
  timer = window.setTimeout(runSearch, DEBOUNCE_MS);
}

/** Searches for `text` from elsewhere (a misclassified example, an advice's collision). */
export function searchFor(text) {
  el.searchInput.value = text;
  runSearch();
  el.searchCard.scrollIntoView({ block: 'start' });
}

/** The text with each case-insensitive occurrence of `q` marked. */
function marked(text, q) {
  var span = make('span', 'search-text');
  span.setAttribute('data-testid', 'search-text');
  var s = String(text);
  var lower = s.toLowerCase();
  var needle = q.toLowerCase();
  var at = 0;
  while (needle && at <= s.length) {
    var i = lower.indexOf(needle, at);
    if (i < 0) break;
    if (i > at) span.appendChild(document.createTextNode(s.slice(at, i)));
    span.appendChild(make('mark', '', s.slice(i, i + needle.length)));
    at = i + needle.length;
  }
  if (at < s.length) span.appendChild(document.createTextNode(s.slice(at)));
  return span;
}

function renderResult(u, q) {
  var li = make('li', 'search-result');
  li.setAttribute('data-testid', 'search-result');
  li.setAttribute('data-id', String(u.id));
  li.setAttribute('data-intent', String(u.intent));
  li.setAttribute('data-split', String(u.split || ''));
  var open = button('button-link intent-name', u.intent, 'search-intent');
  open.title = '打开意图 ' + u.intent;
  open.addEventListener('click', function () { selectIntent(u.intent); });
  li.appendChild(open);
  li.appendChild(marked(u.text, q));
  var meta = make('span', 'utterance-meta');
  var split = make('span', 'badge badge-' + (u.split === 'test' ? 'test' : 'train'), SPLITS[u.split] || SPLITS.train);
  split.setAttribute('data-testid', 'search-split-label');
  meta.appendChild(split);
  meta.appendChild(make('span', 'badge badge-locale', LOCALES[u.locale] || u.locale || ''));
  li.appendChild(meta);
  var del = button('button-icon', '删除', 'search-delete');
  del.setAttribute('aria-label', '删除语料：' + String(u.text));
  del.addEventListener('click', function () { removeUtterance(u, del); });
  li.appendChild(del);
  return li;
}

function renderSearch() {
  var s = state.search;
  el.searchResults.textContent = '';
  el.searchSummary.classList.toggle('hidden', !s);
  if (!s) return;
  el.searchResults.setAttribute('data-query', s.q);
  el.searchResults.setAttribute('data-loading', s.loading ? 'true' : 'false');
  if (s.loading) {
    el.searchSummary.textContent = '搜索中…';
    return;
  }
  var where = (s.split ? SPLITS[s.split] : '训练集和测试集') + (s.locale ? '（' + (LOCALES[s.locale] || s.locale) + '）' : '');
  var intents = {};
  s.results.forEach(function (u) { intents[u.intent] = true; });
  el.searchSummary.textContent = s.total === 0
    ? '所有意图的' + where + '中都没有包含“' + s.q + '”的语料。'
    : '在' + where + '中找到 ' + s.total + ' 条包含“' + s.q + '”的语料，分属 ' + Object.keys(intents).length + ' 个意图'
      + (s.total > s.results.length ? '（只列出前 ' + s.results.length + ' 条，请输入更多文字缩小范围）' : '') + '。';
  el.searchSummary.setAttribute('data-total', String(s.total));
  s.results.forEach(function (u) { el.searchResults.appendChild(renderResult(u, s.q)); });
}

subscribe('search', renderSearch);
subscribe('corpus', function () { if (state.search && !state.search.loading) runSearch(); });
