/*
 * Drafts of the agent console (see agent.js): what the agent typed but did not send is never lost. It is kept per
 * conversation, in the page at once and on the server half a second after the last keystroke (PUT
 * /handoffs/:id/draft), and at once when the agent opens another conversation, signs out or leaves the page. It
 * comes back on re-click, re-login and reconnect (GET /drafts, and GET /handoffs/:id's `draft`); when the
 * conversation ends it stays readable (the read-only box with a copy button, conversation.js).
 */
import { call } from '../common/api.js';
import { fail } from './errors.js';
import { changed, el, state, subscribe, API } from './state.js';

var SAVE_DELAY_MS = 500;
var timer = 0;
/** The save waiting for its delay: { id, text }. */
var pending = null;
/** Where the open conversation's draft is: 'none' | 'unsaved' | 'saving' | 'saved' | 'failed'. */
var shown = { id: null, state: 'none', at: 0 };

function draftPath(id) { return 'handoffs/' + encodeURIComponent(id) + '/draft'; }

/** The agent's drafts from the server (after sign-in and on reconnect); the page's newer ones are kept. */
export function loadDrafts() {
  return call('GET', 'drafts').then(function (data) {
    (Array.isArray(data.drafts) ? data.drafts : []).forEach(function (d) {
      if (!d || typeof d.text !== 'string' || d.handoffId === undefined) return;
      var id = String(d.handoffId);
      var mine = state.drafts[id];
      if (mine && !mine.saved) return;
      state.drafts[id] = { text: d.text, at: d.at, saved: true };
    });
    changed('drafts');
    changed('queue');
  }, fail('读取草稿失败'));
}

/** The draft text of a conversation ('' when none). */
export function draftOf(id) {
  var d = state.drafts[String(id)];
  return d ? d.text : '';
}

/** The server's draft of a conversation (GET /handoffs/:id), unless the page has a newer one. */
export function serverDraft(id, text) {
  if (typeof text !== 'string') return;
  var key = String(id);
  var mine = state.drafts[key];
  if (mine && !mine.saved) return;
  if (text) state.drafts[key] = { text: text, at: mine ? mine.at : Date.now(), saved: true };
  else delete state.drafts[key];
}

function remember(id, text) {
  var key = String(id);
  if (text) state.drafts[key] = { text: text, at: Date.now(), saved: false };
  else if (state.drafts[key]) state.drafts[key] = { text: '', at: Date.now(), saved: false };
}

function setShown(id, mode) {
  shown = { id: String(id), state: mode, at: Date.now() };
  changed('drafts');
}

function save(id, text) {
  var key = String(id);
  var wasEmpty = !text;
  setShown(key, 'saving');
  return call('PUT', draftPath(key), { text: text }).then(function () {
    var d = state.drafts[key];
    if (d && d.text === text) {
      if (wasEmpty) delete state.drafts[key]; else d.saved = true;
    }
    setShown(key, wasEmpty ? 'none' : 'saved');
    changed('queue');
  }, function (err) {
    setShown(key, 'failed');
    fail('草稿未能保存（内容仍在输入框中）')(err);
  });
}

/** The agent typed in the composer: the page keeps it now, the server in half a second. */
export function onComposerInput() {
  if (!state.current) return;
  var id = String(state.current.id);
  var text = el.input.value;
  state.current.inputEdited = true;
  remember(id, text);
  if (timer) window.clearTimeout(timer);
  pending = { id: id, text: text };
  setShown(id, 'unsaved');
  timer = window.setTimeout(flushDraft, SAVE_DELAY_MS);
}

/** Saves the waiting draft now (opening another conversation, closing, signing out). */
export function flushDraft() {
  if (timer) { window.clearTimeout(timer); timer = 0; }
  if (!pending) return Promise.resolve();
  var p = pending;
  pending = null;
  return save(p.id, p.text);
}

/** The reply was sent: the conversation has no draft any more. */
export function clearDraft(id) {
  var key = String(id);
  if (pending && pending.id === key) { window.clearTimeout(timer); timer = 0; pending = null; }
  var had = !!state.drafts[key];
  delete state.drafts[key];
  if (had) save(key, '');
  else setShown(key, 'none');
}

/** The page is being left (closed, reloaded): the waiting draft goes out with a request that outlives it. */
function flushOnLeave() {
  if (timer) { window.clearTimeout(timer); timer = 0; }
  if (!pending || !state.csrfToken) return;
  var p = pending;
  pending = null;
  try {
    fetch(API + draftPath(p.id), {
      method: 'PUT', keepalive: true, credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'x-csrf-token': state.csrfToken },
      body: JSON.stringify({ text: p.text }),
    }).catch(function () {});
  } catch (e) { /* the page is going away; nothing to show */ }
}

/** Forgets the drafts of the agent who signed out (the server keeps them). */
export function resetDrafts() {
  if (timer) { window.clearTimeout(timer); timer = 0; }
  pending = null;
  state.drafts = {};
  shown = { id: null, state: 'none', at: 0 };
}

function renderState() {
  var node = el.draftState;
  var mine = state.current && shown.id === String(state.current.id);
  var mode = mine ? shown.state : (state.current && draftOf(state.current.id) ? 'restored' : 'none');
  var text = {
    none: '',
    unsaved: '草稿未保存…',
    saving: '正在保存草稿…',
    saved: '草稿已保存',
    failed: '草稿未能保存，内容仍在输入框中，继续输入会再次保存',
    restored: '已恢复上次未发送的草稿',
  }[mode];
  node.textContent = text || '';
  node.setAttribute('data-state', mode);
}

export function wireDrafts() {
  el.input.addEventListener('input', onComposerInput);
  window.addEventListener('pagehide', flushOnLeave);
  // Before the shared logout (../common/session.js) forgets the session: the waiting draft is sent first.
  document.addEventListener('click', function (event) {
    if (event.target && event.target.closest && event.target.closest('#logout')) flushDraft();
  }, true);
}

subscribe('drafts', renderState);
subscribe('conversation', renderState);
