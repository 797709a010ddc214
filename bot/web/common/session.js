/*
 * Sign-in, sign-out and the views of a console page, shared by the agent and the admin console. The page keeps
 * its markup and text: the login form (ids login-view, login-form, login-username, login-password, login-error,
 * login-submit), console-view, connection, logout, errors; optionally a view for an account the page refuses
 * (denied-view, denied-who). It calls startConsole() once, saying what differs (see `conf`); startConsole also
 * sets up the API client (api.js) and asks the server who is signed in.
 */
import { $ } from './util.js';
import { clearErrors, configureApi, request, showError } from './api.js';

var ROLES = { agent: '坐席', supervisor: '班长', admin: '管理员' };
var VIEWS = ['login', 'denied', 'console'];

var conf = {
  /** The page's elements and state (me, csrfToken, session: bumped on login and logout). */
  el: {},
  state: {},
  /** The account API (login, me, logout), relative to the page. */
  accountApi: '',
  closeEvents: function () {},
  /** Forgets the page's data of the account that signed out (the session itself is forgotten here). */
  reset: function () {},
  /** Opens the page for the account that signed in; may return a promise (the page is ready when it settles). */
  load: function () {},
  /** A lockout's wait (seconds) as the login error puts it: "请 <waitText>后再试。" */
  waitText: function (seconds) { return seconds + '秒'; },
  /** Whether a 401 to the logout (the session was gone already) reads as an expired session, not as logged out. */
  logoutGoneAsExpired: false,
};

/** The signed-in account's name and role as the pages show them. */
export function accountName(me) { return me.displayName || me.username || String(me.id); }
export function roleLabel(me) { return ROLES[me.role] || me.role || ''; }

// ---------------------------------------------------------------------------------------------- views

export function setView(view) {
  document.body.setAttribute('data-view', view);
  VIEWS.forEach(function (v) {
    var node = conf.el[v + 'View'];
    if (node) node.classList.toggle('hidden', view !== v);
  });
}

function showLogin(message) {
  var el = conf.el;
  setView('login');
  el.loginError.textContent = message || '';
  el.loginSubmit.disabled = false;
  el.password.value = '';
  if (el.username.value) el.password.focus(); else el.username.focus();
}

/** Forgets everything of the signed-in account (the page may be left open for the next one). */
function resetSession() {
  var state = conf.state;
  state.session += 1;
  state.me = null;
  state.csrfToken = '';
  conf.closeEvents();
  clearErrors();
  conf.reset();
}

function sessionExpired() {
  if (!conf.state.me) return;
  resetSession();
  showLogin('登录已失效，请重新登录。');
}

function signedIn(data) {
  var el = conf.el;
  var state = conf.state;
  if (!data || !data.agent || !data.csrfToken) {
    showLogin('服务器返回的登录信息不完整，请联系管理员。');
    return;
  }
  resetSession();
  state.me = data.agent;
  state.csrfToken = data.csrfToken;
  el.meName.textContent = accountName(state.me);
  el.meRole.textContent = roleLabel(state.me);
  el.loginError.textContent = '';
  el.password.value = '';
  return conf.load();
}

// ---------------------------------------------------------------------------------------- login, logout

function onLogin(event) {
  var el = conf.el;
  event.preventDefault();
  var username = el.username.value.trim();
  var password = el.password.value;
  if (!username || !password) {
    el.loginError.textContent = '请输入用户名和密码。';
    return;
  }
  el.loginSubmit.disabled = true;
  el.loginError.textContent = '';
  conf.state.csrfToken = '';
  request('POST', conf.accountApi + 'login', { username: username, password: password }).then(signedIn, function (err) {
    el.password.value = '';
    el.password.focus();
    if (err.status === 401) {
      el.loginError.textContent = '用户名或密码错误。';
    } else if (err.status === 429) {
      var wait = err.data && Number(err.data.retryAfterSeconds);
      el.loginError.textContent = wait > 0
        ? '登录失败次数过多，请 ' + conf.waitText(wait) + '后再试。'
        : '登录失败次数过多，请稍后再试。';
    } else {
      el.loginError.textContent = '登录失败：' + err.message;
    }
  }).then(function () { el.loginSubmit.disabled = false; });
}

/** The click of a logout button (the console's, or the denied view's). */
export function onLogout(event) {
  var el = conf.el;
  var state = conf.state;
  var b = (event && event.currentTarget) || el.logout;
  b.disabled = true;
  var mine = state.session;
  request('POST', conf.accountApi + 'logout').then(function () {
    if (mine !== state.session) return;
    resetSession();
    showLogin('已退出登录。');
  }, function (err) {
    if (mine !== state.session) return;
    if (err.status === 401 && conf.logoutGoneAsExpired) {
      sessionExpired();
    } else if (err.status === 401) {
      resetSession();
      showLogin('已退出登录。');
    } else if (document.body.getAttribute('data-view') === 'denied') {
      el.deniedWho.textContent = '退出登录失败：' + err.message;
    } else {
      showError('退出登录失败：' + err.message);
    }
  }).then(function () { b.disabled = false; });
}

// ---------------------------------------------------------------------------------------------- start

/**
 * Sets up the page's sign-in (options: see `conf`) and its API client (options.api: the base of call();
 * options.onForbidden: what a 403 does, for a page that checks the account's role), finds the shared
 * elements, wires the login form and the logout button, and asks the server who is signed in. The body gets
 * data-ready="true" when that is settled.
 */
export function startConsole(options) {
  Object.assign(conf, options);
  var el = conf.el;
  configureApi({ base: options.api, el: el, state: conf.state, onExpired: sessionExpired, onForbidden: options.onForbidden || null });
  Object.assign(el, {
    loginView: $('login-view'), loginForm: $('login-form'), username: $('login-username'), password: $('login-password'),
    loginError: $('login-error'), loginSubmit: $('login-submit'), consoleView: $('console-view'), connection: $('connection'),
    logout: $('logout'), errors: $('errors'),
  });
  el.loginForm.addEventListener('submit', onLogin);
  el.logout.addEventListener('click', onLogout);
  return request('GET', conf.accountApi + 'me').then(signedIn, function (err) {
    if (err.status === 401) showLogin('');
    else showLogin('无法读取登录状态：' + err.message);
  }).then(function () {
    document.body.setAttribute('data-ready', 'true');
  });
}
