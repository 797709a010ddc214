/*
 * Adding many utterances at once to the open intent (see admin.js): sentences pasted one per line are first
 * checked without saving (POST /intents/:name/utterances/bulk with dryRun), each line shown as new, already
 * there, near-identical to another intent's example, or not usable; the admin picks which to add (new ones are
 * picked, near-identical ones are not until ticked) and saves them in one call.
 */
import { effectOf, lines, make, notify, quoted, similarity } from './util.js';
import { call, report, showError } from '../common/api.js';
import { refreshIntents } from './intentList.js';
import { changed, el, state, subscribe } from './state.js';

var STATUS_TEXT = { 'new': '新语料', added: '已添加', duplicate: '已经有了', near: '和别的意图几乎一样', invalid: '不能用' };

function statusDetail(line) {
  if (line.status === 'near') {
    return '与' + quoted(line.otherIntent || '另一个意图') + '的' + quoted(line.similarTo || '')
      + '几乎一样' + (similarity(line.similarity) ? '（相似度 ' + similarity(line.similarity) + '）' : '') + '，加进来模型容易分不清';
  }
  if (line.reason && line.status !== 'near') return line.reason;
  if (line.status === 'duplicate') {
    return line.otherIntent && state.bulk && line.otherIntent !== state.bulk.intent
      ? '意图 ' + line.otherIntent + ' 已经有这句' : '这个意图已经有这句';
  }
  if (line.status === 'invalid') return line.reason || '空行或太长（每句最多 200 个字）';
  return '';
}

function picked() {
  if (!state.bulk) return [];
  return state.bulk.lines.filter(function (l) { return l.pick; });
}

function renderBulk() {
  var b = state.bulk && state.editor && state.bulk.intent === state.editor.name ? state.bulk : null;
  el.bulkLines.textContent = '';
  el.bulkSummary.classList.toggle('hidden', !b);
  if (!b) {
    el.bulkSave.disabled = true;
    el.bulkSave.textContent = '添加选中的';
    return;
  }
  var counts = { 'new': 0, duplicate: 0, near: 0, invalid: 0, added: 0 };
  b.lines.forEach(function (line, i) {
    counts[line.status] = (counts[line.status] || 0) + 1;
    var li = make('li', 'bulk-line bulk-' + line.status);
    li.setAttribute('data-testid', 'bulk-line');
    li.setAttribute('data-status', String(line.status));
    var box = make('input', 'bulk-pick');
    box.type = 'checkbox';
    box.id = 'bulk-pick-' + i;
    box.setAttribute('data-testid', 'bulk-pick');
    box.checked = !!line.pick;
    box.disabled = b.saved || !(line.status === 'new' || line.status === 'near');
    box.addEventListener('change', function () { line.pick = box.checked; renderBulk(); });
    li.appendChild(box);
    var label = make('label', 'bulk-text', line.text || '（空）');
    label.setAttribute('for', box.id);
    label.setAttribute('data-testid', 'bulk-text');
    li.appendChild(label);
    var status = make('span', 'badge bulk-status bulk-status-' + line.status, STATUS_TEXT[line.status] || line.status);
    status.setAttribute('data-testid', 'bulk-status');
    li.appendChild(status);
    var detail = statusDetail(line);
    if (detail) {
      var d = make('span', 'bulk-detail', detail);
      d.setAttribute('data-testid', 'bulk-detail');
      li.appendChild(d);
    }
    el.bulkLines.appendChild(li);
  });
  if (b.saved) {
    el.bulkSummary.textContent = '已添加 ' + b.added + ' 条，跳过 ' + b.skipped + ' 条。' + b.effect;
  } else {
    var parts = [];
    if (counts['new']) parts.push(counts['new'] + ' 条新语料');
    if (counts.duplicate) parts.push(counts.duplicate + ' 条已经有了');
    if (counts.near) parts.push(counts.near + ' 条和别的意图几乎一样');
    if (counts.invalid) parts.push(counts.invalid + ' 条不能用');
    el.bulkSummary.textContent = '检查了 ' + b.lines.length + ' 句：' + parts.join('，') + '。勾选要添加的句子。';
  }
  var n = picked().length;
  el.bulkSave.disabled = b.saved || n === 0 || b.busy;
  el.bulkSave.textContent = '添加选中的 ' + n + ' 条';
}

function settings() {
  return { locale: el.bulkLocale.value || 'zh-CN', split: el.bulkSplit.value };
}

/** 「检查」: every pasted line checked, nothing saved. */
export function onBulkCheck() {
  if (!state.editor) return;
  var name = state.editor.name;
  var texts = lines(el.bulkInput.value);
  if (texts.length === 0) { showError('请先粘贴要添加的语料，每行一句。'); el.bulkInput.focus(); return; }
  if (texts.length > 500) { showError('一次最多检查 500 句，请分几次添加。'); return; }
  var s = settings();
  var body = { texts: texts, locale: s.locale, dryRun: true };
  if (s.split) body.split = s.split;
  el.bulkCheck.disabled = true;
  call('POST', 'intents/' + encodeURIComponent(name) + '/utterances/bulk', body).then(function (data) {
    if (!state.editor || state.editor.name !== name) return;
    var checked = Array.isArray(data.lines) ? data.lines : [];
    state.bulk = {
      intent: name, locale: s.locale, split: s.split, saved: false,
      lines: checked.map(function (l) { return { text: l.text, status: l.status, otherIntent: l.otherIntent, similarTo: l.similarTo, similarity: l.similarity, reason: l.reason, pick: l.status === 'new' }; }),
    };
    renderBulk();
  }, report('检查语料失败')).then(function () { el.bulkCheck.disabled = false; });
}

/** 「添加选中的」: the picked lines saved in one call. */
export function onBulkSave() {
  var b = state.bulk;
  if (!b || b.saved) return;
  var chosen = picked().map(function (l) { return l.text; });
  if (chosen.length === 0) return;
  // A near-identical line ticked by the admin is added on purpose.
  var body = { texts: chosen, locale: b.locale, dryRun: false, allowNear: picked().some(function (l) { return l.status === 'near'; }) };
  if (b.split) body.split = b.split;
  b.busy = true;
  renderBulk();
  call('POST', 'intents/' + encodeURIComponent(b.intent) + '/utterances/bulk', body).then(function (data) {
    var saved = Array.isArray(data.lines) ? data.lines : [];
    var byText = {};
    saved.forEach(function (l) { byText[l.text] = l; });
    b.lines.forEach(function (l) {
      var answer = l.pick ? byText[l.text] : null;
      if (answer) {
        l.status = answer.status === 'added' ? 'added' : answer.status;
        l.reason = answer.reason || l.reason;
      }
      l.pick = false;
    });
    b.saved = true;
    b.added = typeof data.added === 'number' ? data.added : saved.filter(function (l) { return l.status === 'added'; }).length;
    b.skipped = b.lines.length - b.added;
    b.effect = effectOf(data);
    if (b.added > 0) el.bulkInput.value = '';
    notify('已给 ' + b.intent + ' 添加 ' + b.added + ' 条语料。' + b.effect);
    changed('corpus', b.intent);
    refreshIntents();
  }, report('批量添加失败')).then(function () {
    b.busy = false;
    renderBulk();
  });
}

/** The lines are checked again after the pasted text changes. */
export function onBulkInput() {
  if (state.bulk && !state.bulk.busy) {
    state.bulk = null;
    renderBulk();
  }
}

subscribe('editor', renderBulk);
