/*
 * The notices tab of the admin console (see admin.js): how many notices of each topic wait, are being sent, went
 * out, failed or were skipped, and the recent failures (GET /api/admin/notices). Read when the tab opens and
 * every NOTICES_REFRESH_MS while it stays open; a failure of one notice never blocks the others, so the failed
 * list is what an operator looks at (the citizen comes masked from the server).
 */
import { dateTime, isNumber, make } from './util.js';
import { call, report } from '../common/api.js';
import { changed, el, state, subscribe } from './state.js';

var NOTICES_REFRESH_MS = 10000;
/** The counts of a topic in the order the table shows them. */
var COLUMNS = ['pending', 'sending', 'sent', 'failed', 'skipped'];

var timer = 0;
var loading = false;

function stopTimer() {
  if (timer) window.clearInterval(timer);
  timer = 0;
}

/** Reads the counts and the recent failures (one read at a time; the tab may have closed since). */
export function refreshNotices() {
  if (!state.me || loading) return;
  loading = true;
  call('GET', 'notices').then(function (data) {
    state.notices = {
      topics: Array.isArray(data.topics) ? data.topics : [],
      failed: Array.isArray(data.failed) ? data.failed : [],
      at: Date.now(),
    };
    changed('notices');
  }, report('读取通知统计失败')).then(function () { loading = false; });
}

function countCell(value, testid, className) {
  var cell = make('td', 'num' + (className ? ' ' + className : ''), isNumber(value) ? String(value) : '0');
  cell.setAttribute('data-testid', testid);
  return cell;
}

function renderNotices() {
  var data = state.notices;
  var topics = data ? data.topics : [];
  var failed = data ? data.failed : [];
  var totals = {};
  COLUMNS.forEach(function (c) { totals[c] = 0; });

  el.noticesBody.textContent = '';
  topics.forEach(function (t) {
    var row = make('tr', 'notice-topic');
    row.setAttribute('data-testid', 'notices-topic');
    row.setAttribute('data-topic', String(t.topic || ''));
    var name = make('td', 'nowrap', labelOf(t));
    name.title = String(t.topic || '');
    row.appendChild(name);
    COLUMNS.forEach(function (c) {
      var n = isNumber(t[c]) ? t[c] : 0;
      totals[c] += n;
      row.appendChild(countCell(n, 'notices-' + c, c === 'failed' && n > 0 ? 'bad' : ''));
    });
    el.noticesBody.appendChild(row);
  });
  el.noticesTotal.textContent = '';
  if (topics.length > 0) {
    var total = make('tr', 'notice-total');
    total.setAttribute('data-testid', 'notices-total');
    total.appendChild(make('th', '', '合计'));
    COLUMNS.forEach(function (c) { total.appendChild(countCell(totals[c], 'notices-total-' + c, c === 'failed' && totals[c] > 0 ? 'bad' : '')); });
    el.noticesTotal.appendChild(total);
  }
  el.noticesEmpty.classList.toggle('hidden', !data || topics.length > 0);
  el.noticesUpdated.textContent = data ? '更新于 ' + dateTime(data.at).slice(11) + '，每 10 秒自动刷新' : '';

  el.noticesFailed.textContent = '';
  failed.forEach(function (f) {
    var row = make('tr', 'notice-failed');
    row.setAttribute('data-testid', 'notices-failed-item');
    row.appendChild(make('td', 'nowrap', dateTime(f.dueAt)));
    row.appendChild(make('td', 'nowrap', topicLabel(topics, f.topic)));
    // Who it was for, masked by the server (e.g. wechat:…6789); never the whole id.
    row.appendChild(make('td', 'intent-name', f.citizen || f.key || ''));
    row.appendChild(make('td', 'num', isNumber(f.attempts) ? String(f.attempts) : ''));
    row.appendChild(make('td', 'bad', f.lastError || ''));
    el.noticesFailed.appendChild(row);
  });
  el.noticesFailedCount.textContent = String(failed.length);
  el.noticesFailedEmpty.classList.toggle('hidden', !data || failed.length > 0);
}

/** A topic's label: a text, or a text per language ({ 'zh-CN': …, en: … }); the topic's id otherwise. */
function labelOf(t) {
  var label = t.label && typeof t.label === 'object' ? t.label['zh-CN'] : t.label;
  return typeof label === 'string' && label ? label : String(t.topic || '');
}

function topicLabel(topics, id) {
  for (var i = 0; i < topics.length; i++) if (topics[i].topic === id) return labelOf(topics[i]);
  return id || '';
}

/** The tab's elements and its refresh button (called once by admin.js). */
export function wireNotices($) {
  Object.assign(el, {
    noticesRefresh: $('notices-refresh'), noticesBody: $('notices-body'), noticesTotal: $('notices-total'),
    noticesEmpty: $('notices-empty'), noticesUpdated: $('notices-updated'), noticesFailed: $('notices-failed'),
    noticesFailedCount: $('notices-failed-count'), noticesFailedEmpty: $('notices-failed-empty'),
  });
  el.noticesRefresh.addEventListener('click', refreshNotices);
}

subscribe('tab', function (tab) {
  stopTimer();
  if (tab !== 'notices') return;
  refreshNotices();
  timer = window.setInterval(function () {
    // Signed out, or another tab opened without an announcement: stop reading.
    if (!state.me || state.tab !== 'notices') { stopTimer(); return; }
    if (!document.hidden) refreshNotices();
  }, NOTICES_REFRESH_MS);
});
subscribe('notices', renderNotices);
