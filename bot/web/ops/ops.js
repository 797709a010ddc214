/*
 * The operations view (served as /ops/ops.js): what citizens did with the bot over a range of China days, by day or
 * hour and by channel — conversations, how many ended without a person, handoffs by reason, task completion by
 * service and where citizens stopped, messages not understood and their biggest groups, satisfaction, notices —
 * read from GET /api/admin/operations, with the same figures as a CSV download (/api/admin/operations.csv).
 *
 * Admins only, the admin console's sign-in (../common/session.js, through /api/agent/). Plain ES module under a strict
 * CSP: server text only through textContent, bars are <meter> elements (no style attributes).
 */
import { $, make } from '../common/util.js';
import { call, report } from '../common/api.js';
import { accountName, roleLabel, setView, startConsole, onLogout } from '../common/session.js';

var API = '../api/admin/';
var AGENT_API = '../api/agent/';

var el = {};
var state = { me: null, csrfToken: '', session: 0, report: null, loading: 0 };

// ------------------------------------------------------------------------------------------------- format

function percent(rate) {
  return rate === null || rate === undefined ? '—' : (Math.round(rate * 1000) / 10) + '%';
}

function number(n) {
  return n === null || n === undefined ? '—' : String(n);
}

/** The query of the form, as the API reads it. */
function query() {
  var q = [];
  if (el.from.value) q.push('from=' + encodeURIComponent(el.from.value));
  if (el.to.value) q.push('to=' + encodeURIComponent(el.to.value));
  if (el.by.value) q.push('by=' + encodeURIComponent(el.by.value));
  if (el.channel.value) q.push('channel=' + encodeURIComponent(el.channel.value));
  return q.length ? '?' + q.join('&') : '';
}

function cell(tag, text, className) {
  var node = make(tag, className, text);
  if (tag === 'th') node.setAttribute('scope', 'row');
  return node;
}

/** A table body's only row, saying there is nothing to show. */
function emptyRow(body, text, columns) {
  var tr = make('tr');
  var td = make('td', 'empty', text);
  td.colSpan = columns;
  tr.appendChild(td);
  body.appendChild(tr);
}

/** A list of labelled counts, each with a bar (a <meter> against the biggest). */
function bars(list, items, empty) {
  list.textContent = '';
  if (!items.length) {
    list.appendChild(make('li', 'empty', empty));
    return;
  }
  var max = items.reduce(function (m, i) { return Math.max(m, i.count); }, 0) || 1;
  items.forEach(function (i) {
    var li = make('li', 'bar');
    li.setAttribute('data-testid', 'bar');
    li.appendChild(make('span', 'bar-label', i.label));
    var meter = make('meter', 'bar-meter');
    meter.min = 0;
    meter.max = max;
    meter.value = i.count;
    meter.setAttribute('aria-hidden', 'true');
    li.appendChild(meter);
    li.appendChild(make('span', 'bar-count', i.count));
    list.appendChild(li);
  });
}

// ------------------------------------------------------------------------------------------------- render

function renderTiles(r) {
  var t = r.totals;
  el.tConversations.textContent = number(t.conversations);
  el.tMessages.textContent = '市民消息 ' + t.messages + ' 条';
  el.tContainment.textContent = percent(t.containmentRate);
  el.tContained.textContent = t.contained + ' 个会话没有转人工';
  el.tHandoffs.textContent = number(t.handoffs);
  el.tNotUnderstood.textContent = percent(t.notUnderstoodRate);
  el.tNotUnderstoodN.textContent = t.notUnderstood + ' 条没听懂';
  el.tCompletion.textContent = percent(t.completionRate);
  el.tCompletionN.textContent = '开始 ' + t.tasksStarted + '，完成 ' + t.tasksConfirmed;
  el.tSatisfaction.textContent = t.satisfactionAverage === null ? '—' : t.satisfactionAverage + ' 分';
  el.tSatisfactionN.textContent = t.ratings + ' 个评价';
  el.tNotices.textContent = '发送 ' + t.noticesSent;
  el.tNoticesFailed.textContent = '失败 ' + t.noticesFailed;
}

var PERIOD_FIGURES = ['conversations', 'contained', 'handoffs', 'messages', 'notUnderstood', 'tasksStarted', 'tasksConfirmed', 'ratings', 'noticesSent', 'noticesFailed'];

function renderPeriods(r) {
  el.periods.textContent = '';
  var shown = r.periods.filter(function (p) {
    return el.showEmpty.checked || PERIOD_FIGURES.some(function (f) { return p[f] > 0; });
  });
  if (!shown.length) {
    emptyRow(el.periods, '这段时间没有数据。', PERIOD_FIGURES.length + 1);
    return;
  }
  shown.forEach(function (p) {
    var tr = make('tr');
    tr.setAttribute('data-testid', 'period');
    tr.appendChild(cell('th', r.by === 'hour' ? p.period.slice(5) : p.period));
    PERIOD_FIGURES.forEach(function (f) { tr.appendChild(cell('td', p[f], p[f] ? 'num' : 'num zero')); });
    el.periods.appendChild(tr);
  });
}

function renderTasks(r) {
  el.tasks.textContent = '';
  if (!r.tasks.length) {
    emptyRow(el.tasks, '这段时间没有人办理业务。', 5);
    return;
  }
  r.tasks.forEach(function (t) {
    var tr = make('tr');
    tr.setAttribute('data-testid', 'task');
    tr.appendChild(cell('th', t.label));
    tr.appendChild(cell('td', t.started, 'num'));
    tr.appendChild(cell('td', t.confirmed === null ? '—' : t.confirmed, 'num'));
    tr.appendChild(cell('td', t.confirmed === null ? '查询类业务' : percent(t.completionRate), 'num'));
    var drops = make('td', 'drops');
    if (t.confirmed === null) drops.textContent = '—';
    else if (!t.dropOffs.length) drops.textContent = '无';
    else {
      var ul = make('ul', 'chips');
      t.dropOffs.forEach(function (d) {
        var li = make('li', 'chip', d.label + ' · ' + d.count + ' 人');
        li.setAttribute('data-testid', 'drop-off');
        ul.appendChild(li);
      });
      drops.appendChild(ul);
    }
    tr.appendChild(drops);
    el.tasks.appendChild(tr);
  });
}

function renderChannels(r) {
  el.channels.textContent = '';
  if (!r.channels.length) {
    emptyRow(el.channels, '没有数据。', 5);
    return;
  }
  r.channels.forEach(function (c) {
    var tr = make('tr');
    tr.setAttribute('data-testid', 'channel-row');
    tr.appendChild(cell('th', c.label));
    ['conversations', 'contained', 'handoffs', 'notUnderstood'].forEach(function (f) { tr.appendChild(cell('td', c[f], 'num')); });
    el.channels.appendChild(tr);
  });
}

function renderNotices(r) {
  el.notices.textContent = '';
  var rows = r.notices.topics.length ? r.notices.topics : [];
  if (!rows.length) {
    emptyRow(el.notices, '这段时间没有发送通知。', 3);
    return;
  }
  rows.forEach(function (t) {
    var tr = make('tr');
    tr.setAttribute('data-testid', 'notice-row');
    tr.appendChild(cell('th', t.label));
    tr.appendChild(cell('td', t.sent, 'num'));
    tr.appendChild(cell('td', t.failed, t.failed ? 'num bad' : 'num'));
    el.notices.appendChild(tr);
  });
}

function render(r) {
  state.report = r;
  el.from.value = r.from;
  el.to.value = r.to;
  var channel = r.channel ? (el.channel.selectedOptions[0] ? el.channel.selectedOptions[0].textContent : r.channel) : '全部渠道';
  el.range.textContent = (r.from === r.to ? r.from : r.from + ' 至 ' + r.to) + '（北京时间，' + (r.by === 'hour' ? '按小时' : '按天') + '，' + channel + '）';
  el.csv.href = API + 'operations.csv' + query();
  renderTiles(r);
  renderPeriods(r);
  renderTasks(r);
  bars(el.reasons, r.handoffReasons, '没有转人工。');
  bars(el.groups, r.notUnderstoodGroups, '没有没听懂的消息。');
  el.satisfactionSummary.textContent = r.satisfaction.count
    ? '平均 ' + r.satisfaction.average + ' 分，共 ' + r.satisfaction.count + ' 个评价（1 分最不满意，5 分最满意）'
    : '这段时间没有满意度评价。';
  bars(el.satisfaction, r.satisfaction.distribution.slice().reverse().map(function (d) { return { label: d.score + ' 分', count: d.count }; }), '');
  renderChannels(r);
  renderNotices(r);
}

// --------------------------------------------------------------------------------------------------- load

function load() {
  var mine = ++state.loading;
  el.apply.disabled = true;
  document.body.setAttribute('data-loaded', 'false');
  return call('GET', 'operations' + query()).then(function (r) {
    if (mine !== state.loading) return;
    render(r);
  }, report('读取运营数据失败')).then(function () {
    if (mine !== state.loading) return;
    el.apply.disabled = false;
    document.body.setAttribute('data-loaded', 'true');
  });
}

function showDenied() {
  setView('denied');
  var who = state.me ? accountName(state.me) : '';
  var role = state.me ? roleLabel(state.me) : '';
  el.deniedWho.textContent = who ? '当前登录：' + who + (role ? '（' + role + '）' : '') : '';
}

function openPage() {
  setView('console');
  return load();
}

function reset() {
  state.report = null;
  el.from.value = '';
  el.to.value = '';
}

function start() {
  Object.assign(el, {
    deniedView: $('denied-view'), deniedWho: $('denied-who'), deniedLogout: $('denied-logout'), meName: $('me-name'), meRole: $('me-role'),
    filters: $('filters'), from: $('from'), to: $('to'), by: $('by'), channel: $('channel'), apply: $('apply'), csv: $('csv'), range: $('range'),
    tConversations: $('t-conversations'), tMessages: $('t-messages'), tContainment: $('t-containment'), tContained: $('t-contained'),
    tHandoffs: $('t-handoffs'), tNotUnderstood: $('t-not-understood'), tNotUnderstoodN: $('t-not-understood-n'),
    tCompletion: $('t-completion'), tCompletionN: $('t-completion-n'), tSatisfaction: $('t-satisfaction'), tSatisfactionN: $('t-satisfaction-n'),
    tNotices: $('t-notices'), tNoticesFailed: $('t-notices-failed'),
    periods: $('periods'), showEmpty: $('show-empty'), tasks: $('tasks'), reasons: $('reasons'), groups: $('groups'),
    satisfaction: $('satisfaction'), satisfactionSummary: $('satisfaction-summary'), channels: $('channels'), notices: $('notices'),
  });
  el.filters.addEventListener('submit', function (event) {
    event.preventDefault();
    load();
  });
  el.showEmpty.addEventListener('change', function () { if (state.report) renderPeriods(state.report); });
  el.deniedLogout.addEventListener('click', onLogout);
  startConsole({
    el: el, state: state, api: API, accountApi: AGENT_API, onForbidden: showDenied, reset: reset, load: openPage,
    waitText: function (seconds) { return Math.ceil(seconds / 60) + ' 分钟'; },
  });
}

start();
