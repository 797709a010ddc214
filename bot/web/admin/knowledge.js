/*
 * The knowledge base tab (知识库) of the admin console (see admin.js): the answer cards of the draft grouped by
 * topic with their state against the live version (线上, 新增, 已修改, 已停用), a filter, the live version and a
 * banner when the draft differs from it (publish, with a note), the draft's problems, the versions (make an
 * earlier one live again: rollback), and the wiring of the card editor (knowledgeEditor.js), the test box
 * (knowledgeTest.js) and the unanswered questions (knowledgeUnanswered.js). Read when the tab opens; redrawn when
 * what it shows changes (subscribe, at the end).
 */
import { accountLabel, button, dateTime, make, notify } from './util.js';
import { call, report } from '../common/api.js';
import {
  refreshAllKnowledge, refreshKnowledge, refreshKnowledgeVersions, refreshUnanswered, loadLaws, KNOWLEDGE,
} from './knowledgeData.js';
import { closeCardEditor, describeProblem, openCard, openNewCard, wireCardEditor } from './knowledgeEditor.js';
import { wireKnowledgeTest } from './knowledgeTest.js';
import { wireUnanswered } from './knowledgeUnanswered.js';
import { changed, el, state, subscribe, CARD_KINDS, CARD_STATES, CARD_TOPICS } from './state.js';

/** Topics in the order the repository's card files have them; others after, by name. */
var TOPIC_ORDER = Object.keys(CARD_TOPICS);

function topicLabel(topic) { return CARD_TOPICS[topic] ? CARD_TOPICS[topic] + '（' + topic + '）' : topic || '（无主题）'; }

// ------------------------------------------------------------------------------------ the live version

function renderLive() {
  var k = state.knowledge;
  var live = k && k.live ? k.live : null;
  el.kLive.textContent = live ? '线上知识库 v' + live.number : '线上知识库：' + (k ? '无' : '读取中…');
  el.kLive.setAttribute('data-number', live ? String(live.number) : '');
  el.kLiveMeta.textContent = live ? '发布人 ' + accountLabel(live.publishedBy) + ' · ' + dateTime(live.createdAt) : '';
  var cards = k && Array.isArray(k.cards) ? k.cards : [];
  var changedCards = cards.filter(function (c) { return c.state !== 'live'; });
  var differs = !!(k && k.draftChanged);
  el.kDraft.classList.toggle('hidden', !differs);
  el.kDraft.setAttribute('data-differs', differs ? 'true' : 'false');
  el.kDraftText.textContent = differs
    ? '草稿与线上版本' + (live ? ' v' + live.number : '') + '不同：' + summary(changedCards) + '。发布后市民才能看到。'
    : '';
  el.kSame.classList.toggle('hidden', !k || differs);
  el.kRepository.classList.toggle('hidden', !(k && k.repositoryChanged));
  renderDraftProblems(k && Array.isArray(k.problems) ? k.problems : []);
}

function summary(cards) {
  var counts = {};
  cards.forEach(function (c) { counts[c.state] = (counts[c.state] || 0) + 1; });
  var parts = ['new', 'changed', 'retired', 'live'].filter(function (s) { return counts[s]; }).map(function (s) {
    return CARD_STATES[s] + ' ' + counts[s] + ' 张';
  });
  return parts.length ? parts.join('，') : '卡片有改动';
}

function renderDraftProblems(problems) {
  el.kProblems.textContent = '';
  var blocking = problems.filter(function (p) { return p.code !== 'POINT_ITEM_UNCOVERED'; });
  var uncovered = problems.filter(function (p) { return p.code === 'POINT_ITEM_UNCOVERED'; });
  blocking.forEach(function (p) {
    var li = make('li', 'problem', p.card + '：' + describeProblem(p));
    li.setAttribute('data-testid', 'k-problem');
    li.setAttribute('data-code', p.code);
    el.kProblems.appendChild(li);
  });
  if (uncovered.length > 0) {
    var li = make('li', 'problem problem-warning', '记分表中有 ' + uncovered.length + ' 项没有卡片引用（不阻止发布）：'
      + uncovered.slice(0, 5).map(describeProblem).join('；') + (uncovered.length > 5 ? '…' : ''));
    li.setAttribute('data-testid', 'k-problem');
    li.setAttribute('data-code', 'POINT_ITEM_UNCOVERED');
    el.kProblems.appendChild(li);
  }
  el.kProblems.classList.toggle('hidden', problems.length === 0);
}

// ------------------------------------------------------------------------------------------ the cards

function matches(card, filter) {
  if (!filter) return true;
  var hay = [card.id, card.topic, CARD_TOPICS[card.topic] || '', card.title ? card.title['zh-CN'] : '', card.title ? card.title.en : '',
    CARD_STATES[card.state] || '', CARD_KINDS[card.kind] || ''].join(' ').toLowerCase();
  return hay.indexOf(filter) >= 0;
}

function renderCards() {
  var k = state.knowledge;
  var cards = k && Array.isArray(k.cards) ? k.cards : [];
  var filter = (el.kFilter.value || '').trim().toLowerCase();
  var open = state.knowledgeEditor && state.knowledgeEditor.mode === 'edit' ? state.knowledgeEditor.id : '';
  var byTopic = {};
  cards.forEach(function (c) {
    if (!matches(c, filter)) return;
    (byTopic[c.topic] = byTopic[c.topic] || []).push(c);
  });
  var topics = Object.keys(byTopic).sort(function (a, b) {
    var ia = TOPIC_ORDER.indexOf(a);
    var ib = TOPIC_ORDER.indexOf(b);
    if (ia < 0 && ib < 0) return a.localeCompare(b);
    if (ia < 0) return 1;
    if (ib < 0) return -1;
    return ia - ib;
  });
  el.kCards.textContent = '';
  var shown = 0;
  topics.forEach(function (topic) {
    var group = make('section', 'card-topic');
    group.setAttribute('data-testid', 'k-topic');
    group.setAttribute('data-topic', topic);
    var head = make('h3', 'sub-title', topicLabel(topic));
    head.appendChild(make('span', 'count', String(byTopic[topic].length)));
    group.appendChild(head);
    var list = make('ul', 'knowledge-cards');
    byTopic[topic].forEach(function (c) {
      shown += 1;
      list.appendChild(renderCardRow(c, open));
    });
    group.appendChild(list);
    el.kCards.appendChild(group);
  });
  el.kTotal.textContent = String(cards.length);
  el.kCardsEmpty.classList.toggle('hidden', shown > 0 || !k);
}

function renderCardRow(c, open) {
  var li = make('li', 'knowledge-card' + (c.id === open ? ' selected' : '') + (c.state === 'retired' ? ' retired' : ''));
  li.setAttribute('data-testid', 'k-card');
  li.setAttribute('data-id', c.id);
  li.setAttribute('data-state', c.state);
  li.tabIndex = 0;
  var state1 = make('span', 'badge card-state card-state-' + c.state, CARD_STATES[c.state] || c.state);
  state1.setAttribute('data-testid', 'k-card-state');
  li.appendChild(state1);
  var main = make('span', 'knowledge-card-main');
  var title = make('span', 'knowledge-card-title', c.title ? c.title['zh-CN'] || c.title.en || c.id : c.id);
  title.setAttribute('data-testid', 'k-card-title');
  main.appendChild(title);
  main.appendChild(make('span', 'intent-name knowledge-card-id', c.id));
  li.appendChild(main);
  li.appendChild(make('span', 'badge badge-kind badge-kind-' + c.kind, CARD_KINDS[c.kind] || c.kind));
  var when = make('span', 'utterance-source', c.updatedBy === 'system' ? '' : accountLabel(c.updatedBy) + ' ' + dateTime(c.updatedAt));
  li.appendChild(when);
  li.addEventListener('click', function () { openCard(c.id); });
  li.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      openCard(c.id);
    }
  });
  return li;
}

// ------------------------------------------------------------------------------------------ publishing

function openPublish() {
  el.kpNote.value = '';
  el.kpError.textContent = '';
  el.kpText.textContent = '把草稿发布为新版本并立即上线'
    + (state.knowledge && state.knowledge.live ? '（当前线上 v' + state.knowledge.live.number + '）' : '') + '。请说明这次改了什么（会记入审计日志）。';
  el.kpDialog.classList.remove('hidden');
  el.kpNote.focus();
}

export function closePublish() {
  el.kpDialog.classList.add('hidden');
  el.kpSubmit.disabled = false;
}

function onPublish(event) {
  event.preventDefault();
  var note = el.kpNote.value.trim();
  if (!note) { el.kpError.textContent = '请填写发布说明。'; el.kpNote.focus(); return; }
  el.kpSubmit.disabled = true;
  el.kpError.textContent = '';
  call('POST', KNOWLEDGE + '/publish', { note: note }).then(function (data) {
    closePublish();
    var v = data.version || {};
    var warnings = Array.isArray(data.warnings) ? data.warnings.length : 0;
    notify('已发布知识库 v' + v.number + '，线上已切换。' + (warnings ? '提醒：记分表中有 ' + warnings + ' 项没有卡片引用。' : ''));
    refreshAllKnowledge();
  }, function (err) {
    el.kpSubmit.disabled = false;
    if (err && err.handled) return;
    var problems = err && err.data && Array.isArray(err.data.problems) ? err.data.problems : [];
    el.kpError.textContent = err && err.data && err.data.code === 'NOTHING_TO_PUBLISH'
      ? '草稿与线上版本相同，没有可发布的内容。'
      : problems.length
        ? '不能发布：' + problems.slice(0, 5).map(function (p) { return p.card + ' ' + describeProblem(p); }).join('；')
        : '发布失败：' + err.message;
  });
}

// -------------------------------------------------------------------------------------------- versions

function renderVersions() {
  el.kVersions.textContent = '';
  state.knowledgeVersions.forEach(function (v) {
    var row = make('tr', 'version-row' + (v.live ? ' live' : ''));
    row.setAttribute('data-testid', 'k-version');
    row.setAttribute('data-number', String(v.number));
    row.setAttribute('data-live', v.live ? 'true' : 'false');
    var label = make('td', 'version-label');
    label.appendChild(make('span', 'version-number', 'v' + v.number));
    if (v.live) {
      var badge = make('span', 'badge badge-live', '线上');
      badge.setAttribute('data-testid', 'k-live-badge');
      label.appendChild(badge);
    }
    row.appendChild(label);
    row.appendChild(make('td', 'muted-cell', v.note === 'seed' ? '仓库中的卡片（初始）' : v.note === 'repository cards changed' ? '仓库中的卡片有更新' : v.note || ''));
    row.appendChild(make('td', 'num', String(v.cardCount !== undefined ? v.cardCount : '—')));
    row.appendChild(make('td', 'nowrap', accountLabel(v.createdBy)));
    row.appendChild(make('td', 'nowrap', dateTime(v.createdAt)));
    var actions = make('td', 'actions');
    if (!v.live) {
      var back = button('button-small', '设为线上', 'k-make-live');
      back.title = '让市民的回答改用这个版本（回滚）；草稿不变';
      back.addEventListener('click', function () { makeLive(v, back); });
      actions.appendChild(back);
    }
    row.appendChild(actions);
    el.kVersions.appendChild(row);
  });
  el.kVersionsEmpty.classList.toggle('hidden', state.knowledgeVersions.length > 0);
}

function makeLive(v, control) {
  control.disabled = true;
  call('POST', KNOWLEDGE + '/versions/' + encodeURIComponent(String(v.id)) + '/live', {}).then(function () {
    notify('知识库已切换到 v' + v.number + '（草稿不变）。');
    refreshAllKnowledge();
  }, function (err) {
    control.disabled = false;
    report('切换知识库版本失败')(err);
  });
}

// ------------------------------------------------------------------------------------------------ wiring

/** The knowledge tab's elements and controls (called once by admin.js's start()). */
export function wireKnowledge($) {
  Object.assign(el, {
    kLive: $('k-live'), kLiveMeta: $('k-live-meta'), kDraft: $('k-draft'), kDraftText: $('k-draft-text'), kSame: $('k-same'),
    kPublish: $('k-publish'), kRepository: $('k-repository'), kProblems: $('k-problems'), kRefresh: $('k-refresh'),
    kFilter: $('k-filter'), kTotal: $('k-total'), kCards: $('k-cards'), kCardsEmpty: $('k-cards-empty'), kNew: $('k-new'),
    kVersions: $('k-versions'), kVersionsEmpty: $('k-versions-empty'),
    kpDialog: $('kp-dialog'), kpForm: $('kp-form'), kpText: $('kp-text'), kpNote: $('kp-note'), kpError: $('kp-error'),
    kpCancel: $('kp-cancel'), kpSubmit: $('kp-submit'),
  });
  wireCardEditor($);
  wireKnowledgeTest($);
  wireUnanswered($);
  el.kFilter.addEventListener('input', renderCards);
  el.kNew.addEventListener('click', openNewCard);
  el.kRefresh.addEventListener('click', function () { refreshAllKnowledge(); });
  el.kuRefresh.addEventListener('click', function () { refreshUnanswered(); });
  el.kPublish.addEventListener('click', openPublish);
  el.kpForm.addEventListener('submit', onPublish);
  el.kpCancel.addEventListener('click', closePublish);
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && !el.kpDialog.classList.contains('hidden')) closePublish();
  });
}

subscribe('knowledge', renderLive);
subscribe('knowledge', renderCards);
subscribe('knowledgeEditor', renderCards);
subscribe('knowledgeVersions', renderVersions);
subscribe('tab', function (tab) {
  if (tab !== 'knowledge') return;
  refreshKnowledge();
  refreshKnowledgeVersions();
  refreshUnanswered();
  loadLaws();
});
// Signed out (the page forgets the intents): the knowledge base goes with them.
subscribe('intents', function () {
  if (state.me) return;
  state.knowledge = null;
  state.knowledgeVersions = [];
  state.knowledgeUnanswered = [];
  state.laws = [];
  if (state.knowledgeEditor) closeCardEditor();
  closePublish();
  changed('knowledge');
  changed('knowledgeVersions');
  changed('knowledgeUnanswered');
  el.ktResult.classList.add('hidden');
});
