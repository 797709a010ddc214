/*
 * The confirmation before publishing or rolling back a version (see admin.js): what changes against the live
 * version (GET /versions/:id/diff): the accuracy before → after, each intent's F1 before → after (drops first,
 * highlighted), intents added and removed, FAQ answers changed. When there is no comparable evaluation (a first
 * publish, a live model without cross-validation) it says so plainly. The caller does the change on 「确认」.
 */
import { isNumber, make, percent, ratio, versionLabel } from './util.js';
import { call } from '../common/api.js';
import { el, state } from './state.js';

var TEXTS = {
  publish: { title: '发布 ', confirm: '确认发布', doing: '发布中…' },
  rollback: { title: '回滚到 ', confirm: '确认回滚', doing: '回滚中…' },
};
/** An F1 change smaller than this is no change. */
var EPSILON = 0.0005;

function delta(before, after) {
  return isNumber(before) && isNumber(after) ? after - before : null;
}

function deltaText(d) {
  if (d === null) return '';
  var p = d * 100;
  return (p > 0 ? '+' : '') + p.toFixed(1) + ' 个百分点';
}

function section(title, testid) {
  var box = make('section', 'diff-section');
  box.setAttribute('data-testid', testid);
  box.appendChild(make('h3', 'diff-title', title));
  return box;
}

/** An intent as admins read it (its label, e.g. 查违章) with its name in small print; the name alone when it has no label. */
function intentName(tag, name, labels) {
  var label = labels && typeof labels[name] === 'string' ? labels[name] : '';
  var node = make(tag, label ? 'diff-intent-name' : 'diff-intent-name intent-name', label || name);
  node.setAttribute('data-intent', String(name));
  if (label) node.appendChild(make('span', 'intent-code', name));
  return node;
}

function namesList(names, testid, labels) {
  var ul = make('ul', 'diff-names');
  names.forEach(function (n) {
    var li = intentName('li', n, labels);
    li.setAttribute('data-testid', testid);
    ul.appendChild(li);
  });
  return ul;
}

function answersText(a) {
  if (!a) return '（无）';
  if (typeof a === 'string') return a;
  if (Array.isArray(a)) return a.join(' / ');
  if (typeof a === 'object') {
    var zh = a['zh-CN'];
    if (Array.isArray(zh) && zh.length > 0) return zh.join(' / ');
    var en = a.en;
    if (Array.isArray(en) && en.length > 0) return en.join(' / ');
  }
  return '（无）';
}

function renderPerIntent(rows, labels) {
  var changedRows = rows.filter(function (r) {
    var d = delta(r.before, r.after);
    return d === null ? (isNumber(r.before) || isNumber(r.after)) : Math.abs(d) >= EPSILON;
  });
  changedRows.sort(function (a, b) {
    var da = delta(a.before, a.after);
    var db = delta(b.before, b.after);
    return (da === null ? 0 : da) - (db === null ? 0 : db) || String(a.intent).localeCompare(String(b.intent));
  });
  var drops = changedRows.filter(function (r) { var d = delta(r.before, r.after); return d !== null && d < 0; }).length;
  var box = section('各意图 F1（交叉验证）' + (changedRows.length > 0 ? '：' + changedRows.length + ' 个有变化'
    + (drops > 0 ? '，其中 ' + drops + ' 个下降' : '') : ''), 'diff-per-intent');
  if (changedRows.length === 0) {
    box.appendChild(make('p', 'hint', rows.length > 0 ? '各意图的 F1 都没有变化。' : '没有各意图的评估数据。'));
    return box;
  }
  var wrap = make('div', 'table-wrap diff-table-wrap');
  var table = make('table', 'table table-compact diff-table');
  var head = make('tr');
  ['意图', '之前', '之后', '变化'].forEach(function (h, i) {
    var th = make('th', i > 0 ? 'num' : '', h);
    th.scope = 'col';
    head.appendChild(th);
  });
  var thead = make('thead');
  thead.appendChild(head);
  table.appendChild(thead);
  var body = make('tbody');
  changedRows.forEach(function (r) {
    var d = delta(r.before, r.after);
    var drop = d !== null && d < 0;
    var tr = make('tr', 'diff-row' + (drop ? ' diff-drop' : d !== null && d > 0 ? ' diff-rise' : ''));
    tr.setAttribute('data-testid', 'diff-intent');
    tr.setAttribute('data-intent', String(r.intent));
    tr.setAttribute('data-drop', drop ? 'true' : 'false');
    tr.appendChild(intentName('td', r.intent, labels));
    tr.appendChild(make('td', 'num', isNumber(r.before) ? ratio(r.before) : '新增'));
    tr.appendChild(make('td', 'num', isNumber(r.after) ? ratio(r.after) : '移除'));
    tr.appendChild(make('td', 'num diff-delta', d === null ? '' : (drop ? '▼ ' : '▲ ') + deltaText(d)));
    body.appendChild(tr);
  });
  table.appendChild(body);
  wrap.appendChild(table);
  box.appendChild(wrap);
  return box;
}

function renderDiff(kind, v, diff) {
  var live = versionById(diff.against);
  var against = diff.against && isNumber(diff.against.number) ? 'v' + diff.against.number : live ? versionLabel(live) : '线上版本';
  el.publishDialog.setAttribute('data-comparable', diff.comparable ? 'true' : 'false');
  el.publishText.textContent = (kind === 'rollback' ? '回滚后线上模型换成 ' : '发布后线上模型换成 ') + versionLabel(v)
    + '，市民的话立即按它来理解。下面是与线上 ' + against + ' 相比的变化：';
  var acc = diff.accuracy || {};
  el.publishAccuracy.classList.toggle('bad', isNumber(acc.before) && isNumber(acc.after) && acc.after < acc.before);
  if (diff.comparable && isNumber(acc.before) && isNumber(acc.after)) {
    el.publishAccuracy.textContent = '总体准确率：' + percent(acc.before) + ' → ' + percent(acc.after)
      + '（' + deltaText(acc.after - acc.before) + '）';
  } else {
    el.publishAccuracy.textContent = (diff.reason || '线上版本没有可比较的评估结果（例如第一次发布，或线上模型没有做过交叉验证），无法比较准确率。')
      + (isNumber(acc.after) ? ' 这个版本自己的准确率是 ' + percent(acc.after) + '。' : '');
  }
  el.publishBody.textContent = '';
  if (diff.comparable) el.publishBody.appendChild(renderPerIntent(Array.isArray(diff.perIntent) ? diff.perIntent : [], diff.labels));
  var added = Array.isArray(diff.intentsAdded) ? diff.intentsAdded : [];
  var removed = Array.isArray(diff.intentsRemoved) ? diff.intentsRemoved : [];
  var box = section('意图', 'diff-intents');
  if (added.length === 0 && removed.length === 0) box.appendChild(make('p', 'hint', '没有新增或删除的意图。'));
  if (added.length > 0) {
    box.appendChild(make('p', 'diff-line', '新增 ' + added.length + ' 个：'));
    box.appendChild(namesList(added, 'diff-added', diff.labels));
  }
  if (removed.length > 0) {
    var p = make('p', 'diff-line bad', '不再识别 ' + removed.length + ' 个（市民说这些话时机器人将听不懂）：');
    box.appendChild(p);
    box.appendChild(namesList(removed, 'diff-removed', diff.labels));
  }
  el.publishBody.appendChild(box);
  var faq = Array.isArray(diff.faqChanged) ? diff.faqChanged : [];
  var faqBox = section('常见问题的答案', 'diff-faq');
  if (faq.length === 0) faqBox.appendChild(make('p', 'hint', '没有答案变化。'));
  faq.forEach(function (f) {
    var item = make('div', 'diff-faq-item');
    item.setAttribute('data-testid', 'diff-faq-item');
    item.setAttribute('data-intent', String(f.intent));
    item.appendChild(intentName('p', f.intent, diff.labels));
    item.appendChild(make('p', 'diff-before', '之前：' + answersText(f.before)));
    item.appendChild(make('p', 'diff-after', '之后：' + answersText(f.after)));
    faqBox.appendChild(item);
  });
  el.publishBody.appendChild(faqBox);
}

function versionById(ref) {
  if (!ref) return null;
  var id = typeof ref === 'object' ? ref.id : ref;
  for (var i = 0; i < state.versions.length; i++) if (String(state.versions[i].id) === String(id)) return state.versions[i];
  return null;
}

export function closeConfirm() {
  state.confirm = null;
  el.publishDialog.classList.add('hidden');
  el.publishDialog.removeAttribute('data-version');
  el.publishConfirm.disabled = false;
}

/**
 * Opens the confirmation of publishing (kind 'publish') or rolling back to ('rollback') version `v`; `act()`
 * does it on 「确认」 and answers a promise: resolved when done (the dialog closes), rejected with the error.
 */
export function confirmChange(kind, v, act) {
  var texts = TEXTS[kind];
  state.confirm = { kind: kind, version: v, act: act, diff: null };
  el.publishDialog.setAttribute('data-kind', kind);
  el.publishDialog.setAttribute('data-version', String(v.id));
  el.publishDialog.setAttribute('data-loading', 'true');
  el.publishDialog.removeAttribute('data-comparable');
  el.publishTitle.textContent = texts.title + versionLabel(v) + '：确认变化';
  el.publishText.textContent = '正在比较 ' + versionLabel(v) + ' 和线上版本…';
  el.publishAccuracy.textContent = '';
  el.publishBody.textContent = '';
  el.publishError.textContent = '';
  el.publishConfirm.textContent = texts.confirm;
  el.publishConfirm.disabled = true;
  el.publishDialog.classList.remove('hidden');
  var mine = state.confirm;
  call('GET', 'versions/' + encodeURIComponent(String(v.id)) + '/diff').then(function (diff) {
    if (state.confirm !== mine) return;
    mine.diff = diff;
    renderDiff(kind, v, diff || {});
  }, function (err) {
    if (state.confirm !== mine) return;
    el.publishText.textContent = '无法读取与线上版本的比较（' + (err && err.message ? err.message : '原因未知') + '）。仍可以' + (kind === 'rollback' ? '回滚' : '发布') + '。';
  }).then(function () {
    if (state.confirm !== mine) return;
    el.publishDialog.setAttribute('data-loading', 'false');
    el.publishConfirm.disabled = false;
    el.publishConfirm.focus();
  });
}

export function onConfirmSubmit(event) {
  event.preventDefault();
  var c = state.confirm;
  if (!c) return;
  el.publishConfirm.disabled = true;
  el.publishConfirm.textContent = TEXTS[c.kind].doing;
  el.publishError.textContent = '';
  c.act().then(function () {
    if (state.confirm === c) closeConfirm();
  }, function (err) {
    if (state.confirm !== c) return;
    el.publishConfirm.disabled = false;
    el.publishConfirm.textContent = TEXTS[c.kind].confirm;
    if (err && err.handled) return;
    el.publishError.textContent = (c.kind === 'rollback' ? '回滚失败：' : '发布失败：') + (err && err.message ? err.message : String(err));
  });
}
