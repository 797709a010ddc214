/*
 * The inbox of the admin console (see admin.js): questions the bot did not understand, filed into an intent,
 * marked out of scope, or ignored. Read when its tab opens; redrawn when it or the intent list (the intents it
 * can be filed into) changes (subscribe, at the end).
 */
import { button, dateTime, isNumber, make, notify, percent, sameId } from './util.js';
import { call, report, showError } from '../common/api.js';
import { refreshIntents } from './intentList.js';
import { loadUtterances } from './editor.js';
import { changed, el, state, subscribe, LOCALES } from './state.js';

// ---------------------------------------------------------------------------------------------- inbox

export function refreshInbox() {
  if (!state.me) return;
  call('GET', 'inbox').then(function (data) {
    state.inboxGroups = Array.isArray(data.groups) ? data.groups : [];
    changed('inbox');
  }, report('读取待处理问题失败'));
}

function inboxTotal() {
  var n = 0;
  state.inboxGroups.forEach(function (g) { n += Array.isArray(g.items) ? g.items.length : 0; });
  return n;
}

function renderInbox() {
  var total = inboxTotal();
  el.inboxCount.textContent = String(total);
  el.inboxCount.classList.toggle('hidden', total === 0);
  el.inbox.textContent = '';
  state.inboxGroups.forEach(function (g) {
    var items = Array.isArray(g.items) ? g.items : [];
    if (items.length === 0) return;
    var group = make('li', 'inbox-group');
    group.setAttribute('data-testid', 'inbox-group');
    var head = make('div', 'inbox-head');
    var rep = make('span', 'inbox-representative', g.representative || (items[0] && items[0].text) || '');
    rep.setAttribute('data-testid', 'inbox-representative');
    head.appendChild(rep);
    head.appendChild(make('span', 'count', String(isNumber(g.count) ? g.count : items.length) + ' 次'));
    group.appendChild(head);
    var list = make('ol', 'inbox-items');
    items.forEach(function (item) { list.appendChild(renderInboxItem(item)); });
    group.appendChild(list);
    el.inbox.appendChild(group);
  });
  el.inboxEmpty.classList.toggle('hidden', total > 0);
}

/**
 * One citizen's message as an inbox line (this tab's and the knowledge tab's unanswered questions): the masked text,
 * its language, what the model made of it when `detail` says so, and when it came; `testid` names the line and its text.
 */
export function inboxLine(item, testid, detail) {
  var li = make('li', 'inbox-item');
  li.setAttribute('data-testid', testid);
  li.setAttribute('data-id', String(item.id));
  var main = make('div', 'inbox-main');
  var text = make('span', 'inbox-text', item.text);
  text.setAttribute('data-testid', testid.replace(/-item$/, '') + '-text');
  main.appendChild(text);
  var meta = make('span', 'inbox-meta');
  meta.appendChild(make('span', 'badge badge-locale', LOCALES[item.locale] || item.locale || ''));
  if (detail) meta.appendChild(make('span', 'inbox-detail', detail));
  var when = dateTime(item.createdAt);
  if (when) meta.appendChild(make('span', '', when));
  main.appendChild(meta);
  li.appendChild(main);
  return li;
}

/** Why the item is here, in plain words (the server's reasonText; the console's own when there is none). */
function reasonOf(item) {
  if (typeof item.reasonText === 'string' && item.reasonText.trim()) return item.reasonText.trim();
  if (!item.intent || item.intent === 'None') return '机器人没听懂这句话';
  return '机器人没把握，猜是 ' + item.intent + (isNumber(item.score) ? '（把握 ' + percent(item.score) + '）' : '');
}

/** The conversation around the message: what the bot had asked, and what the citizen answered. */
function renderContext(context) {
  var box = make('div', 'inbox-context');
  box.setAttribute('data-testid', 'inbox-context');
  if (context.botAsked) {
    var asked = make('p', 'inbox-context-line inbox-context-bot');
    asked.appendChild(make('span', 'inbox-context-who', '机器人问'));
    asked.appendChild(make('span', 'inbox-context-text', context.botAsked));
    asked.setAttribute('data-testid', 'inbox-bot-asked');
    box.appendChild(asked);
  }
  var said = make('p', 'inbox-context-line inbox-context-citizen');
  said.appendChild(make('span', 'inbox-context-who', context.botAsked ? '市民答' : '市民说'));
  said.appendChild(make('span', 'inbox-context-text', context.citizenSaid));
  said.setAttribute('data-testid', 'inbox-citizen-said');
  box.appendChild(said);
  return box;
}

function renderInboxItem(item) {
  var li = inboxLine(item, 'inbox-item', reasonOf(item));
  var reason = li.querySelector('.inbox-detail');
  if (reason) reason.setAttribute('data-testid', 'inbox-reason');
  if (item.context && typeof item.context.citizenSaid === 'string') {
    li.querySelector('.inbox-main').appendChild(renderContext(item.context));
  }

  var actions = make('div', 'inbox-actions');
  var select = make('select', 'select select-narrow');
  select.setAttribute('data-testid', 'inbox-intent');
  select.setAttribute('aria-label', '归入的意图');
  var none = make('option', '', '选择意图…');
  none.value = '';
  select.appendChild(none);
  state.intents.forEach(function (intent) {
    var o = make('option', '', intent.name + (intent.description ? ' · ' + intent.description : ''));
    o.value = intent.name;
    select.appendChild(o);
  });
  actions.appendChild(select);
  var file = button('button-small button-primary', '归入意图', 'inbox-file');
  file.addEventListener('click', function () {
    if (!select.value) { showError('请先选择要归入的意图。'); select.focus(); return; }
    inboxAction(item, { action: 'file', intent: select.value }, li, '已把“' + item.text + '”归入 ' + select.value + '。');
  });
  actions.appendChild(file);
  var oos = button('button-small', '超出范围', 'inbox-out-of-scope');
  oos.title = '不是本机器人该回答的问题（作为超出范围的语料）';
  oos.addEventListener('click', function () { inboxAction(item, { action: 'out_of_scope' }, li, '已标为超出范围。'); });
  actions.appendChild(oos);
  var ignore = button('button-small button-quiet', '忽略', 'inbox-ignore');
  ignore.addEventListener('click', function () { inboxAction(item, { action: 'ignore' }, li, '已忽略。'); });
  actions.appendChild(ignore);
  li.appendChild(actions);
  return li;
}

function inboxAction(item, body, li, done) {
  var controls = li.querySelectorAll('button, select');
  Array.prototype.forEach.call(controls, function (c) { c.disabled = true; });
  call('POST', 'inbox/' + encodeURIComponent(String(item.id)), body).then(function () {
    state.inboxGroups.forEach(function (g) {
      if (!Array.isArray(g.items)) return;
      var before = g.items.length;
      g.items = g.items.filter(function (x) { return !sameId(x.id, item.id); });
      if (g.items.length < before && isNumber(g.count)) g.count = Math.max(0, g.count - 1);
    });
    changed('inbox');
    notify(done);
    if (body.action === 'file') {
      refreshIntents();
      if (state.editor && state.editor.name === body.intent) loadUtterances(state.editor.name);
    }
  }, function (err) {
    Array.prototype.forEach.call(controls, function (c) { c.disabled = false; });
    report('处理失败')(err);
  });
}

subscribe('inbox', renderInbox);
subscribe('intents', renderInbox);
subscribe('tab', function (tab) { if (tab === 'inbox') refreshInbox(); });
