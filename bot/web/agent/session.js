/*
 * Views, sign-in and sign-out of the agent console (see agent.js).
 */
import { duration } from './util.js';
import { call, clearErrors, report, request } from './api.js';
import { refreshQueue, renderQueue, tick } from './queue.js';
import { renderConversation } from './conversation.js';
import { loadAgents, loadCanned } from './actions.js';
import { closeEvents, openEvents } from './events.js';
import { el, state, ROLES } from './state.js';

// ---------------------------------------------------------------------------------------------- views

function setView(view) {
  document.body.setAttribute('data-view', view);
  el.loginView.classList.toggle('hidden', view !== 'login');
  el.consoleView.classList.toggle('hidden', view !== 'console');
}

export function showLogin(message) {
  setView('login');
  el.loginError.textContent = message || '';
  el.loginSubmit.disabled = false;
  el.password.value = '';
  if (el.username.value) el.password.focus(); else el.username.focus();
}

/** Forgets everything of the signed-in agent (the page may be left open for the next one). */
function resetSession() {
  state.session += 1;
  state.me = null;
  state.csrfToken = '';
  closeEvents();
  if (state.ticker) { window.clearInterval(state.ticker); state.ticker = 0; }
  state.queue = { waiting: [], mine: [], others: [], callbacks: [] };
  state.hasCallbacks = false;
  state.unread = {};
  state.agents = [];
  state.current = null;
  clearErrors();
  renderQueue();
  renderConversation();
  el.canned.textContent = '';
  document.title = '交管12123 · 人工坐席台';
}

export function sessionExpired() {
  if (!state.me) return;
  resetSession();
  showLogin('登录已失效，请重新登录。');
}

export function signedIn(data) {
  if (!data || !data.agent || !data.csrfToken) {
    showLogin('服务器返回的登录信息不完整，请联系管理员。');
    return;
  }
  resetSession();
  state.me = data.agent;
  state.csrfToken = data.csrfToken;
  el.agentName.textContent = state.me.displayName || state.me.username || String(state.me.id);
  el.agentRole.textContent = ROLES[state.me.role] || state.me.role || '';
  el.loginError.textContent = '';
  el.password.value = '';
  setView('console');
  openEvents();
  refreshQueue();
  loadAgents();
  loadCanned();
  state.ticker = window.setInterval(tick, 1000);
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
  request('POST', 'login', { username: username, password: password }).then(signedIn, function (err) {
    el.password.value = '';
    el.password.focus();
    if (err.status === 401) {
      el.loginError.textContent = '用户名或密码错误。';
    } else if (err.status === 429) {
      var wait = err.data && Number(err.data.retryAfterSeconds);
      el.loginError.textContent = wait > 0
        ? '登录失败次数过多，请 ' + duration(wait) + '后再试。'
        : '登录失败次数过多，请稍后再试。';
    } else {
      el.loginError.textContent = '登录失败：' + err.message;
    }
  }).then(function () { el.loginSubmit.disabled = false; });
}

export function onLogout() {
  el.logout.disabled = true;
  call('POST', 'logout').then(function () {
    resetSession();
    showLogin('已退出登录。');
  }, report('退出登录失败')).then(function () { el.logout.disabled = false; });
}
