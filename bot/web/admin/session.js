/*
 * Views, sign-in and sign-out, and the tabs of the admin console (see admin.js).
 */
import { call, clearErrors, request, showError } from './api.js';
import { applyIntents, renderIntents } from './intents.js';
import { renderEditor } from './editor.js';
import { renderTestVersions } from './testTab.js';
import { closeForce, refreshVersions, renderVersions } from './versions.js';
import { renderProgress, showTrainPanel } from './training.js';
import { refreshInbox } from './inbox.js';
import { refreshAudit } from './audit.js';
import { closeEvents, openEvents } from './events.js';
import { el, state, AGENT_API, ROLES, TABS } from './state.js';

// ---------------------------------------------------------------------------------------------- views

function setView(view) {
  document.body.setAttribute('data-view', view);
  el.loginView.classList.toggle('hidden', view !== 'login');
  el.deniedView.classList.toggle('hidden', view !== 'denied');
  el.consoleView.classList.toggle('hidden', view !== 'console');
}

export function showLogin(message) {
  setView('login');
  el.loginError.textContent = message || '';
  el.loginSubmit.disabled = false;
  el.password.value = '';
  if (el.username.value) el.password.focus(); else el.username.focus();
}

/** Signed in, but not as an administrator: the admin API answers 403. */
export function showDenied() {
  closeEvents();
  setView('denied');
  var who = state.me ? (state.me.displayName || state.me.username || String(state.me.id)) : '';
  var role = state.me ? (ROLES[state.me.role] || state.me.role || '') : '';
  el.denied.textContent = '需要管理员权限才能使用 NLU 管理台。'
    + (state.me && state.me.role !== 'admin' ? '当前账号的角色是「' + (role || '未知') + '」，不是管理员。' : '服务器拒绝了这个账号的访问（HTTP 403）。');
  el.deniedWho.textContent = who ? '当前登录：' + who + (role ? '（' + role + '）' : '') : '';
}

/** Forgets everything of the signed-in account (the page may be left open for the next one). */
function resetSession() {
  state.session += 1;
  state.me = null;
  state.csrfToken = '';
  closeEvents();
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
  clearErrors();
  closeForce();
  renderIntents();
  renderEditor();
  renderVersions();
  renderProgress();
  el.metrics.classList.add('hidden');
  el.testResult.classList.add('hidden');
  el.inbox.textContent = '';
  el.audit.textContent = '';
}

export function sessionExpired() {
  if (!state.me) return;
  resetSession();
  showLogin('登录已失效，请重新登录。');
}

/** After a login or on start with a session: the admin API decides whether this account may use the page. */
export function signedIn(data) {
  if (!data || !data.agent || !data.csrfToken) {
    showLogin('服务器返回的登录信息不完整，请联系管理员。');
    return Promise.resolve();
  }
  resetSession();
  state.me = data.agent;
  state.csrfToken = data.csrfToken;
  el.adminName.textContent = state.me.displayName || state.me.username || String(state.me.id);
  el.adminRole.textContent = ROLES[state.me.role] || state.me.role || '';
  el.loginError.textContent = '';
  el.password.value = '';
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

// ---------------------------------------------------------------------------------------------- login

export function onLogin(event) {
  event.preventDefault();
  var username = el.username.value.trim();
  var password = el.password.value;
  if (!username || !password) {
    el.loginError.textContent = '请输入用户名和密码。';
    return;
  }
  el.loginSubmit.disabled = true;
  el.loginError.textContent = '';
  state.csrfToken = '';
  request('POST', AGENT_API + 'login', { username: username, password: password }).then(signedIn, function (err) {
    el.password.value = '';
    el.password.focus();
    if (err.status === 401) {
      el.loginError.textContent = '用户名或密码错误。';
    } else if (err.status === 429) {
      var wait = err.data && Number(err.data.retryAfterSeconds);
      el.loginError.textContent = wait > 0 ? '登录失败次数过多，请 ' + Math.ceil(wait / 60) + ' 分钟后再试。' : '登录失败次数过多，请稍后再试。';
    } else {
      el.loginError.textContent = '登录失败：' + err.message;
    }
  }).then(function () { el.loginSubmit.disabled = false; });
}

export function onLogout(event) {
  var b = event && event.currentTarget;
  if (b) b.disabled = true;
  var mine = state.session;
  request('POST', AGENT_API + 'logout').then(function () {
    if (mine !== state.session) return;
    resetSession();
    showLogin('已退出登录。');
  }, function (err) {
    if (err.status === 401) {
      resetSession();
      showLogin('已退出登录。');
      return;
    }
    if (document.body.getAttribute('data-view') === 'denied') el.deniedWho.textContent = '退出登录失败：' + err.message;
    else showError('退出登录失败：' + err.message);
  }).then(function () { if (b) b.disabled = false; });
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
  else if (name === 'test') renderTestVersions();
  else if (name === 'train') showTrainPanel();
}
