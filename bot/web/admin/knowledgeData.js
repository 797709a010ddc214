/*
 * The knowledge base of the admin console (see admin.js), read from the server (/api/admin/knowledge…): the
 * draft's overview (its cards with their state against the live version, the live version, the problems), the
 * versions, the unanswered questions and the law texts. What shows them subscribes to 'knowledge',
 * 'knowledgeVersions' and 'knowledgeUnanswered'.
 */
import { call, report } from '../common/api.js';
import { changed, state } from './state.js';

export var KNOWLEDGE = 'knowledge';

export function refreshKnowledge() {
  if (!state.me) return Promise.resolve();
  return call('GET', KNOWLEDGE).then(function (data) {
    state.knowledge = data || null;
    changed('knowledge');
  }, report('读取知识库失败'));
}

export function refreshKnowledgeVersions() {
  if (!state.me) return Promise.resolve();
  return call('GET', KNOWLEDGE + '/versions').then(function (data) {
    state.knowledgeVersions = Array.isArray(data.versions) ? data.versions.slice() : [];
    state.knowledgeVersions.sort(function (a, b) { return (b.number || 0) - (a.number || 0); });
    changed('knowledgeVersions');
  }, report('读取知识库版本失败'));
}

export function refreshUnanswered() {
  if (!state.me) return Promise.resolve();
  return call('GET', KNOWLEDGE + '/unanswered').then(function (data) {
    state.knowledgeUnanswered = Array.isArray(data.groups) ? data.groups.slice() : [];
    changed('knowledgeUnanswered');
  }, report('读取未答问题失败'));
}

/** The law texts, read once per session (they only change with a deployment). */
export function loadLaws() {
  if (!state.me || state.laws.length > 0) return Promise.resolve();
  return call('GET', KNOWLEDGE + '/laws').then(function (data) {
    state.laws = Array.isArray(data.laws) ? data.laws.slice() : [];
    changed('knowledgeEditor');
  }, report('读取法规列表失败'));
}

/** Everything the tab shows, read again (after a change: a save, a publish, a rollback). */
export function refreshAllKnowledge() {
  return Promise.all([refreshKnowledge(), refreshKnowledgeVersions(), refreshUnanswered()]);
}

/** A law's name in the console (its Chinese title), or its id when the list has not been read. */
export function lawTitle(id) {
  for (var i = 0; i < state.laws.length; i++) {
    if (state.laws[i].id === id) return (state.laws[i].title && state.laws[i].title['zh-CN']) || id;
  }
  return id;
}

/** The card of the overview with this id (null when the draft has none). */
export function overviewCard(id) {
  var cards = state.knowledge && Array.isArray(state.knowledge.cards) ? state.knowledge.cards : [];
  for (var i = 0; i < cards.length; i++) if (cards[i].id === id) return cards[i];
  return null;
}
