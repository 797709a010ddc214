/*
 * Corpus files changed since the training data was seeded (see admin.js): a banner under the tabs offers each
 * one to the administrator — see what changed, import it (the audited import) or dismiss it. Nothing is merged
 * by itself. Read when a signed-in administrator opens the page (the first tab of each session, subscribe at
 * the end); an import re-reads the intent list (its counts).
 */
import { $, button, make, notify } from './util.js';
import { call, report } from '../common/api.js';
import { refreshIntents } from './intentList.js';
import { state, subscribe, LOCALES, SPLITS } from './state.js';

/** The session whose updates were read, the updates ({ key, domain, locale, added, removed, newIntents }) and the one whose lines show. */
var readFor = -1;
var updates = [];
var shown = { key: '', lines: null };

function path(u) { return 'corpus-updates/' + encodeURIComponent(u.domain) + '/' + encodeURIComponent(u.locale); }

export function refreshCorpusUpdates() {
  if (!state.me) return;
  readFor = state.session;
  call('GET', 'corpus-updates').then(function (data) {
    updates = Array.isArray(data.updates) ? data.updates : [];
    render();
  }, report('读取语料更新失败'));
}

function render() {
  var box = $('corpus-updates');
  box.textContent = '';
  box.classList.toggle('hidden', !state.me || updates.length === 0);
  if (!state.me || updates.length === 0) return;
  box.appendChild(make('p', 'corpus-updates-title', '语料文件自上次导入训练数据后有变化（不会自动合并）：请查看并导入，或忽略。'));
  var list = make('ul', 'corpus-updates-list');
  updates.forEach(function (u) { list.appendChild(renderUpdate(u)); });
  box.appendChild(list);
}

function renderUpdate(u) {
  var li = make('li', 'corpus-update');
  li.setAttribute('data-testid', 'corpus-update');
  li.setAttribute('data-key', u.key);
  var summary = u.key + '（' + (LOCALES[u.locale] || u.locale) + '）：+' + u.added + ' 条，−' + u.removed + ' 条'
    + (u.newIntents && u.newIntents.length ? '，新意图 ' + u.newIntents.join('、') : '');
  var text = make('span', 'corpus-update-text', summary);
  text.setAttribute('data-testid', 'corpus-update-text');
  li.appendChild(text);
  var view = button('button-small', shown.key === u.key ? '收起' : '查看', 'corpus-update-view');
  view.addEventListener('click', function () { toggleLines(u); });
  var importIt = button('button-small button-primary', '导入', 'corpus-update-import');
  importIt.addEventListener('click', function () { act(u, 'import', importIt); });
  var dismiss = button('button-small', '忽略', 'corpus-update-dismiss');
  dismiss.addEventListener('click', function () { act(u, 'dismiss', dismiss); });
  li.appendChild(view);
  li.appendChild(importIt);
  li.appendChild(dismiss);
  if (shown.key === u.key && shown.lines) li.appendChild(renderLines(shown.lines));
  return li;
}

function renderLines(update) {
  var box = make('div', 'corpus-update-lines');
  [['added', '+'], ['removed', '−']].forEach(function (kind) {
    (update[kind[0]] || []).forEach(function (line) {
      var row = make('div', 'corpus-line corpus-line-' + kind[0], kind[1] + ' ' + line.intent + ' · ' + (SPLITS[line.split] || line.split) + ' · ' + line.text);
      row.setAttribute('data-testid', 'corpus-line-' + kind[0]);
      box.appendChild(row);
    });
  });
  if ((update.removed || []).length) box.appendChild(make('p', 'muted', '删除的语料在导入后仍保留在训练数据中，如需删除请在意图中操作。'));
  return box;
}

function toggleLines(u) {
  if (shown.key === u.key) {
    shown = { key: '', lines: null };
    render();
    return;
  }
  call('GET', path(u)).then(function (data) {
    shown = { key: u.key, lines: data.update || null };
    render();
  }, report('读取语料差异失败'));
}

function act(u, action, b) {
  b.disabled = true;
  call('POST', path(u) + '/' + action).then(function (data) {
    notify(action === 'import'
      ? '已导入 ' + u.key + '：新增 ' + data.utterances + ' 条语料' + (data.intents ? '、' + data.intents + ' 个意图' : '') + '（训练并发布新版本后生效）'
      : '已忽略 ' + u.key + ' 的变化');
    if (shown.key === u.key) shown = { key: '', lines: null };
    refreshCorpusUpdates();
    if (action === 'import') refreshIntents();
  }, report(action === 'import' ? '导入语料失败' : '忽略语料更新失败')).then(function () { b.disabled = false; });
}

subscribe('tab', function () { if (readFor !== state.session) refreshCorpusUpdates(); });
// Signed out (the page forgets the intents): the banner goes with them.
subscribe('intents', function () { if (!state.me) { updates = []; shown = { key: '', lines: null }; render(); } });
