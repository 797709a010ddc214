/*
 * The utterance editor of the admin console (see admin.js): the utterances of one intent, its description and
 * answers, and deleting it. Redrawn when the open intent or the intent list changes (subscribe, at the end).
 */
import {
  button, count, dateTime, effectOf, intentByName, lines, make, notify, quoted, sameId, similarity, splitCounts, toDate,
} from './util.js';
import { call, report, showError } from '../common/api.js';
import { refreshIntents } from './intentList.js';
import { removeUtterance } from './removal.js';
import { changed, el, state, subscribe, LOCALES, SOURCES, SPLITS } from './state.js';

// ----------------------------------------------------------------------------------- utterance editor

export function selectIntent(name) {
  if (!state.me) return;
  state.deleteArmed = 0;
  state.editor = { name: name, utterances: [], loading: true };
  state.similar = null;
  state.bulk = null;
  var intent = intentByName(name);
  el.editDescription.value = intent ? intent.description || '' : '';
  fillAnswers(intent);
  el.utteranceInput.value = '';
  changed('editor');
  loadUtterances(name);
  el.utteranceInput.focus();
}

function fillAnswers(intent) {
  var answers = intent && intent.answers && typeof intent.answers === 'object' ? intent.answers : null;
  el.editAnswers.value = answers && Array.isArray(answers['zh-CN']) ? answers['zh-CN'].join('\n') : '';
  el.editAnswersEn.value = answers && Array.isArray(answers.en) ? answers.en.join('\n') : '';
}

export function loadUtterances(name) {
  call('GET', 'intents/' + encodeURIComponent(name) + '/utterances').then(function (data) {
    if (!state.editor || state.editor.name !== name) return;
    var list = Array.isArray(data.utterances) ? data.utterances.slice() : [];
    state.editor.utterances = sortUtterances(list);
    state.editor.loading = false;
    changed('editor');
  }, function (err) {
    if (state.editor && state.editor.name === name) {
      state.editor.loading = false;
      changed('editor');
    }
    report('读取语料失败')(err);
  });
}

/** Newest first (ids break ties), so what was just added is on top. */
function sortUtterances(list) {
  return list.sort(function (a, b) {
    var ta = toDate(a.createdAt);
    var tb = toDate(b.createdAt);
    var d = (tb ? tb.getTime() : 0) - (ta ? ta.getTime() : 0);
    if (d !== 0) return d;
    return String(b.id).localeCompare(String(a.id), undefined, { numeric: true });
  });
}

function renderEditorHead() {
  if (!state.editor) return;
  var intent = intentByName(state.editor.name);
  el.editorIntent.textContent = state.editor.name;
  el.editorFaq.classList.toggle('hidden', !(intent && intent.isFaq) && !/^faq\./.test(state.editor.name));
  el.editAnswersBlock.classList.toggle('hidden', !(intent && intent.isFaq) && !/^faq\./.test(state.editor.name));
  var title = intent && intent.description ? intent.description : '';
  el.editorIntent.title = title;
  var c = splitCounts(intent);
  el.utteranceSplits.textContent = intent ? '训练集 ' + c.train + ' 条 · 测试集 ' + c.test + ' 条' : '';
}

function renderEditor() {
  el.editorEmpty.classList.toggle('hidden', !!state.editor);
  el.editor.classList.toggle('hidden', !state.editor);
  el.utteranceEditor.setAttribute('data-intent', state.editor ? state.editor.name : '');
  if (!state.editor) {
    el.utterances.textContent = '';
    return;
  }
  renderEditorHead();
  el.intentDelete.textContent = '删除意图';
  el.intentDelete.classList.remove('armed');
  Array.prototype.forEach.call(el.localeChips, function (chip) {
    chip.classList.toggle('selected', chip.getAttribute('data-locale-filter') === state.localeFilter);
  });
  el.utterances.textContent = '';
  var shown = 0;
  state.editor.utterances.forEach(function (u) {
    if (state.localeFilter && u.locale !== state.localeFilter) return;
    shown += 1;
    el.utterances.appendChild(renderUtterance(u));
  });
  el.utteranceTotal.textContent = String(state.editor.utterances.length);
  el.utterancesLoading.classList.toggle('hidden', !state.editor.loading);
  el.utterancesEmpty.classList.toggle('hidden', state.editor.loading || shown > 0);
  renderSimilar();
}

/** The near-identical examples of other intents found for the sentence being added, waiting for a yes or no. */
function renderSimilar() {
  var s = state.similar;
  var open = !!(s && state.editor && s.intent === state.editor.name);
  el.similarWarning.classList.toggle('hidden', !open);
  if (!open) return;
  el.similarText.textContent = quoted(s.text) + ' 和别的意图的语料几乎一样，两个意图的语料太像，模型会分不清。仍要添加到 ' + s.intent + ' 吗？';
  el.similarList.textContent = '';
  s.matches.slice(0, 5).forEach(function (m) {
    var li = make('li', 'similar-match');
    li.setAttribute('data-testid', 'similar-match');
    li.setAttribute('data-intent', String(m.intent));
    li.appendChild(make('span', 'intent-name', m.intent));
    li.appendChild(make('span', '', ' 的 ' + quoted(m.text)));
    if (similarity(m.similarity)) li.appendChild(make('span', 'muted', '（相似度 ' + similarity(m.similarity) + '）'));
    el.similarList.appendChild(li);
  });
}

function renderUtterance(u) {
  var item = make('li', 'utterance');
  item.setAttribute('data-testid', 'utterance');
  item.setAttribute('data-id', String(u.id));
  item.setAttribute('data-locale', String(u.locale || ''));
  item.setAttribute('data-split', String(u.split || ''));
  var text = make('span', 'utterance-text', u.text);
  text.setAttribute('data-testid', 'utterance-text');
  item.appendChild(text);
  var meta = make('span', 'utterance-meta');
  meta.appendChild(make('span', 'badge badge-locale', LOCALES[u.locale] || u.locale || ''));
  if (u.split) meta.appendChild(make('span', 'badge badge-' + (u.split === 'test' ? 'test' : 'train'), SPLITS[u.split] || u.split));
  if (u.source) meta.appendChild(make('span', 'utterance-source', SOURCES[u.source] || u.source));
  var when = dateTime(u.createdAt);
  if (when) meta.title = '添加于 ' + when;
  item.appendChild(meta);
  var del = button('button-icon', '删除', 'utterance-delete');
  del.setAttribute('aria-label', '删除语料：' + String(u.text));
  del.addEventListener('click', function () { removeUtterance(withIntent(u), del); });
  item.appendChild(del);
  return item;
}

function withIntent(u) {
  if (u.intent || !state.editor) return u;
  var copy = {};
  Object.keys(u).forEach(function (k) { copy[k] = u[k]; });
  copy.intent = state.editor.name;
  return copy;
}

/**
 * Adding one sentence: first asked whether another intent has a near-identical example (GET /similar); if so
 * the admin confirms (renderSimilar) before it is saved. A failed check does not stop the adding.
 */
export function onAddUtterance(event) {
  event.preventDefault();
  if (!state.editor) return;
  var name = state.editor.name;
  var text = el.utteranceInput.value.trim();
  var locale = el.utteranceLocale.value || 'zh-CN';
  var split = el.utteranceSplit.value;
  if (!text) { el.utteranceInput.focus(); return; }
  el.utteranceAdd.disabled = true;
  state.similar = null;
  call('GET', 'similar?text=' + encodeURIComponent(text) + '&intent=' + encodeURIComponent(name)).then(function (data) {
    return Array.isArray(data.matches) ? data.matches.filter(function (m) { return m && m.intent !== name; }) : [];
  }, function (err) {
    if (err && err.handled) throw err;
    return [];
  }).then(function (matches) {
    if (!state.editor || state.editor.name !== name) return undefined;
    if (matches.length > 0) {
      state.similar = { intent: name, text: text, locale: locale, split: split, matches: matches };
      renderSimilar();
      el.similarConfirm.focus();
      return undefined;
    }
    return addOne(name, text, locale, split);
  }).catch(report('添加语料失败')).then(function () {
    el.utteranceAdd.disabled = false;
    if (!state.similar) el.utteranceInput.focus();
  });
}

/** 「仍然添加」 of the near-duplicate warning. */
export function onSimilarConfirm() {
  var s = state.similar;
  if (!s) return;
  state.similar = null;
  renderSimilar();
  el.utteranceAdd.disabled = true;
  addOne(s.intent, s.text, s.locale, s.split).then(function () {
    el.utteranceAdd.disabled = false;
    el.utteranceInput.focus();
  });
}

/** 「不添加」: the sentence stays in the box to be reworded. */
export function onSimilarCancel() {
  state.similar = null;
  renderSimilar();
  el.utteranceInput.focus();
}

function addOne(name, text, locale, split) {
  var body = { locale: locale, text: text };
  if (split) body.split = split;
  return call('POST', 'intents/' + encodeURIComponent(name) + '/utterances', body).then(function (data) {
    var u = data && data.utterance ? data.utterance : { id: 'new-' + Date.now(), locale: locale, text: text, split: split };
    if (state.editor && state.editor.name === name) {
      state.editor.utterances = state.editor.utterances.filter(function (x) { return !sameId(x.id, u.id); });
      state.editor.utterances.unshift(u);
      if (state.localeFilter && state.localeFilter !== u.locale) state.localeFilter = '';
      if (el.utteranceInput.value.trim() === text) el.utteranceInput.value = '';
      changed('editor');
    }
    bumpCount(name, u.locale || locale, 1);
    refreshIntents();
  }, function (err) {
    if (err && err.status === 409) showError('这条语料已经存在：“' + text + '”（' + err.message + '）');
    else report('添加语料失败')(err);
  });
}

function bumpCount(name, locale, delta) {
  var intent = intentByName(name);
  if (!intent) return;
  intent.counts = intent.counts || {};
  intent.counts[locale] = Math.max(0, count(intent.counts, locale) + delta);
  changed('intents');
}

export function onSaveIntent(event) {
  event.preventDefault();
  if (!state.editor) return;
  var name = state.editor.name;
  var body = {};
  var description = el.editDescription.value.trim();
  if (description) body.description = description;
  var zh = lines(el.editAnswers.value);
  var en = lines(el.editAnswersEn.value);
  if (!el.editAnswersBlock.classList.contains('hidden') && (zh.length > 0 || en.length > 0)) {
    var intent = intentByName(name);
    var old = intent && intent.answers && typeof intent.answers === 'object' ? intent.answers : {};
    body.answers = {
      'zh-CN': zh.length > 0 ? zh : (Array.isArray(old['zh-CN']) ? old['zh-CN'] : []),
      en: en.length > 0 ? en : (Array.isArray(old.en) ? old.en : []),
    };
  }
  if (!body.description && !body.answers) { showError('没有要保存的修改。'); return; }
  el.intentSave.disabled = true;
  call('PUT', 'intents/' + encodeURIComponent(name), body).then(function (data) {
    notify('已保存意图 ' + name + '。' + (body.answers ? '新的答案' + effectOf(data) : ''));
    refreshIntents();
  }, report('保存意图失败')).then(function () { el.intentSave.disabled = false; });
}

/** Deleting asks once more: the first click arms the button for a few seconds. */
export function onDeleteIntent() {
  if (!state.editor) return;
  var name = state.editor.name;
  if (!state.deleteArmed) {
    el.intentDelete.textContent = '确认删除？';
    el.intentDelete.classList.add('armed');
    state.deleteArmed = window.setTimeout(function () {
      state.deleteArmed = 0;
      el.intentDelete.textContent = '删除意图';
      el.intentDelete.classList.remove('armed');
    }, 4000);
    return;
  }
  window.clearTimeout(state.deleteArmed);
  state.deleteArmed = 0;
  el.intentDelete.disabled = true;
  call('DELETE', 'intents/' + encodeURIComponent(name)).then(function (data) {
    if (state.editor && state.editor.name === name) state.editor = null;
    changed('editor');
    notify('已删除意图 ' + name + '。' + effectOf(data) + '在此之前线上模型仍会识别它。');
    refreshIntents();
  }, function (err) {
    if (err && err.status === 409) showError('不能删除意图 ' + name + '：' + err.message);
    else report('删除意图失败')(err);
    changed('editor');
  }).then(function () { el.intentDelete.disabled = false; });
}

subscribe('editor', renderEditor);
subscribe('corpus', function (intent) {
  if (state.editor && (!intent || intent === state.editor.name)) loadUtterances(state.editor.name);
});
subscribe('intents', renderEditorHead);
