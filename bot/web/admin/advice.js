/*
 * Advice per intent (see admin.js), from GET /advice: an intent with too few examples (how many more), with
 * examples too like another intent's (which ones collide), or often confused; with sentences from the
 * misunderstood inbox that could become its examples (「加入」 files the inbox item into the intent). Shown in
 * the train tab for every intent, and in the editor for the open one.
 */
import { button, make, notify, quoted, similarity } from './util.js';
import { call, report } from '../common/api.js';
import { refreshIntents } from './intentList.js';
import { selectIntent } from './editor.js';
import { setTab } from './tabs.js';
import { changed, el, state, subscribe } from './state.js';

var KINDS = { too_few: '语料太少', too_similar: '和别的意图太像', often_confused: '经常被认错' };
var reading = false;

export function refreshAdvice() {
  if (!state.me || reading) return;
  reading = true;
  call('GET', 'advice').then(function (data) {
    state.advice = Array.isArray(data.advice) ? data.advice : [];
    changed('advice');
  }, report('读取改进建议失败')).then(function () { reading = false; });
}

function renderCollisions(a) {
  var list = make('ul', 'advice-collisions');
  (a.collisions || []).slice(0, 5).forEach(function (c) {
    var li = make('li', 'advice-collision');
    li.setAttribute('data-testid', 'advice-collision');
    li.textContent = quoted(c.text) + ' 和 ' + c.otherIntent + ' 的 ' + quoted(c.otherText) + ' 几乎一样'
      + (similarity(c.similarity) ? '（相似度 ' + similarity(c.similarity) + '）' : '');
    list.appendChild(li);
  });
  return list;
}

function fileSuggestion(a, s, li, control) {
  control.disabled = true;
  call('POST', 'inbox/' + encodeURIComponent(String(s.inboxId)), { action: 'file', intent: a.intent }).then(function () {
    a.suggestions = (a.suggestions || []).filter(function (x) { return x !== s; });
    li.remove();
    notify('已把' + quoted(s.text) + '加入 ' + a.intent + '，训练并发布后生效。');
    changed('corpus', a.intent);
    refreshIntents();
  }, function (err) {
    control.disabled = false;
    report('加入语料失败')(err);
  });
}

function renderSuggestions(a) {
  var box = make('div', 'advice-suggestions');
  box.appendChild(make('p', 'advice-label', '待处理问题中可以加入的市民原话：'));
  var list = make('ul', 'advice-suggestion-list');
  a.suggestions.forEach(function (s) {
    var li = make('li', 'advice-suggestion');
    li.setAttribute('data-testid', 'advice-suggestion');
    li.appendChild(make('span', 'advice-suggestion-text', s.text));
    var add = button('button-small button-primary', '加入', 'advice-add');
    add.setAttribute('aria-label', '把' + quoted(s.text) + '加入 ' + a.intent);
    add.addEventListener('click', function () { fileSuggestion(a, s, li, add); });
    li.appendChild(add);
    list.appendChild(li);
  });
  box.appendChild(list);
  return box;
}

function renderItem(a, withOpen) {
  var li = make('li', 'advice-item advice-' + a.kind);
  li.setAttribute('data-testid', 'advice-item');
  li.setAttribute('data-intent', String(a.intent));
  li.setAttribute('data-kind', String(a.kind));
  var head = make('div', 'advice-head');
  if (withOpen) {
    var open = button('button-link intent-name', a.intent, 'advice-intent');
    open.title = '打开意图 ' + a.intent;
    open.addEventListener('click', function () { setTab('intents'); selectIntent(a.intent); });
    head.appendChild(open);
  }
  head.appendChild(make('span', 'badge advice-kind', KINDS[a.kind] || a.kind));
  li.appendChild(head);
  var text = make('p', 'advice-text', a.text);
  text.setAttribute('data-testid', 'advice-text');
  li.appendChild(text);
  if (Array.isArray(a.collisions) && a.collisions.length > 0) li.appendChild(renderCollisions(a));
  if (Array.isArray(a.suggestions) && a.suggestions.length > 0) li.appendChild(renderSuggestions(a));
  return li;
}

function renderAdvice() {
  var list = state.advice || [];
  el.advice.textContent = '';
  var intents = {};
  list.forEach(function (a) {
    intents[a.intent] = true;
    el.advice.appendChild(renderItem(a, true));
  });
  el.adviceCount.textContent = String(Object.keys(intents).length);
  el.adviceEmpty.classList.toggle('hidden', !state.advice || list.length > 0);
  renderEditorAdvice();
}

/** The open intent's advice above its utterances. */
function renderEditorAdvice() {
  el.editorAdvice.textContent = '';
  var name = state.editor ? state.editor.name : null;
  var mine = (state.advice || []).filter(function (a) { return a.intent === name; });
  el.editorAdvice.classList.toggle('hidden', mine.length === 0);
  if (mine.length === 0) return;
  var list = make('ol', 'advice-list');
  mine.forEach(function (a) { list.appendChild(renderItem(a, false)); });
  el.editorAdvice.appendChild(list);
}

subscribe('advice', renderAdvice);
subscribe('editor', renderEditorAdvice);
// Read whenever the train tab opens (the editor shows the open intent's share of what was read).
subscribe('tab', function (tab) { if (tab === 'train') refreshAdvice(); });
