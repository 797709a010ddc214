/*
 * Sign-in and sign-out of the admin console (see admin.js): the consoles' shared ones (../common/session.js),
 * told what this page forgets and opens; the view of an account that is no administrator; the tabs.
 */
import { accountName, roleLabel, setView, startConsole } from '../common/session.js';
import { call, showError } from '../common/api.js';
import { applyIntents, renderIntents } from './intents.js';
import { renderEditor } from './editor.js';
import { renderTestVersions } from './testTab.js';
import { closeForce, refreshVersions, renderVersions } from './versions.js';
import { renderProgress, showTrainPanel } from './training.js';
import { refreshInbox } from './inbox.js';
import { refreshAudit } from './audit.js';
import { closeReset, refreshAccounts } from './accounts.js';
import { closeEvents, openEvents } from './events.js';
import { el, state, ADMIN_API, AGENT_API, TABS } from './state.js';

// ---------------------------------------------------------------------------------------------- views

/** Signed in, but not as an administrator: the admin API answers 403. */
export function showDenied() {
  closeEvents();
  setView('denied');
  var who = state.me ? accountName(state.me) : '';
  var role = state.me ? roleLabel(state.me) : '';
  el.denied.textContent = '需要管理员权限才能使用 NLU 管理台。'
    + (state.me && state.me.role !== 'admin' ? '当前账号的角色是「' + (role || '未知') + '」，不是管理员。' : '服务器拒绝了这个账号的访问（HTTP 403）。');
  el.deniedWho.textContent = who ? '当前登录：' + who + (role ? '（' + role + '）' : '') : '';
}

/** Forgets the data of the account that signed out (the page may be left open for the next one). */
function resetPage() {
  state.intents = [];
  state.live = null;
  state.editor = null;
  state.versions = [];
  state.liveId = null;
  state.progressById = {};
  state.trackedId = null;
  state.metricsId = null;
  state.metricsLoadingId = null;
  state.awaitingId = null;
  state.inboxGroups = [];
  state.accounts = [];
  closeReset();
  closeForce();
  renderIntents();
  renderEditor();
  renderVersions();
  renderProgress();
  el.metrics.classList.add('hidden');
  el.testResult.classList.add('hidden');
  el.inbox.textContent = '';
  el.audit.textContent = '';
  el.accounts.textContent = '';
}

/** After a login or on start with a session: the admin API decides whether this account may use the page. */
function openPage() {
  setView('loading');
  var mine = state.session;
  return call('GET', 'intents').then(function (body) {
    if (mine !== state.session) return;
    setView('console');
    applyIntents(body);
    openEvents();
    refreshVersions();
    refreshInbox();
    setTab(state.tab);
  }, function (err) {
    if (err && err.handled) return;
    // The page cannot work without the intents: say why, on the console with its error line.
    setView('console');
    showError('读取意图失败：' + err.message);
  });
}

/**
 * Sets up the shared sign-in (through /api/agent/) and the API client for /api/admin/ (a 403 there: not an
 * administrator), then asks the server who is signed in.
 */
export function startSession() {
  return startConsole({
    el: el, state: state, api: ADMIN_API, accountApi: AGENT_API, onForbidden: showDenied, closeEvents: closeEvents,
    reset: resetPage, load: openPage, waitText: function (seconds) { return Math.ceil(seconds / 60) + ' 分钟'; },
  });
}

// ----------------------------------------------------------------------------------------------- tabs

export function setTab(name) {
  if (TABS.indexOf(name) < 0) name = 'intents';
  state.tab = name;
  document.body.setAttribute('data-tab', name);
  TABS.forEach(function (t) {
    var active = t === name;
    el['panel-' + t].classList.toggle('hidden', !active);
    el['tab-' + t].classList.toggle('active', active);
    el['tab-' + t].setAttribute('aria-selected', active ? 'true' : 'false');
  });
  if (window.history && window.history.replaceState) window.history.replaceState(null, '', '#' + name);
  if (!state.me) return;
  if (name === 'versions') refreshVersions();
  else if (name === 'inbox') refreshInbox();
  else if (name === 'audit') refreshAudit();
  else if (name === 'accounts') refreshAccounts();
  else if (name === 'test') renderTestVersions();
  else if (name === 'train') showTrainPanel();
}
