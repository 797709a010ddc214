/*
 * Sign-in and sign-out of the admin console (see admin.js): the consoles' shared ones (../common/session.js),
 * told what this page forgets and opens; the view of an account that is no administrator.
 */
import { accountName, roleLabel, setView, startConsole } from '../common/session.js';
import { call, showError } from '../common/api.js';
import { setTab } from './tabs.js';
import { applyIntents } from './intentList.js';
import { refreshVersions } from './versionList.js';
import { closeForce } from './versions.js';
import { closeConfirm } from './publishDialog.js';
import { closeUndo } from './removal.js';
import { closeConfusionDetail } from './confusionDetail.js';
import { refreshInbox } from './inbox.js';
import { closeReset } from './accounts.js';
import { closeEvents, openEvents } from './events.js';
import { changed, el, state, ADMIN_API, AGENT_API } from './state.js';

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
  state.search = null;
  state.bulk = null;
  state.similar = null;
  state.advice = null;
  closeReset();
  closeForce();
  closeConfirm();
  closeUndo();
  closeConfusionDetail();
  el.searchInput.value = '';
  el.bulkInput.value = '';
  changed('search');
  changed('advice');
  changed('intents');
  changed('editor');
  changed('versions');
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
