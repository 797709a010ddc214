/*
 * A console page's calls to its JSON API and the error list that shows failed ones, shared by the agent and
 * the admin console. Set up once by startConsole() (session.js): where the API is (`base`), the page's `el`
 * (el.errors) and `state` (csrfToken, session), and what a 401 (onExpired) and, for a page that checks the
 * account's role, a 403 (onForbidden) do.
 */
import { make } from './util.js';

var ERRORS_SHOWN = 5;

/**
 * describe(status, data, text), optional: the message of a failed call, for a page that words its errors itself
 * (the agent console: plain Chinese, no status numbers); offlineText, optional: the message of a network failure.
 */
var conf = { base: '', el: {}, state: {}, onExpired: function () {}, onForbidden: null, describe: null, offlineText: '' };

export function configureApi(options) { Object.assign(conf, options); }

// -------------------------------------------------------------------------------------------------- API

/** The message of a failed call: the API's error text (`{error:"…"}`, `{error:{code,message}}`, `{message}`) or the body. */
function describeFailure(status, data, text) {
  var message = data && typeof data.error === 'string' ? data.error
    : data && data.error && typeof data.error.message === 'string' ? data.error.message
    : data && typeof data.message === 'string' ? data.message
    : (text || '').trim().slice(0, 200);
  return (message ? message + '（HTTP ' + status + '）' : 'HTTP ' + status);
}

/**
 * One HTTP call (url relative to the page); every call but a GET carries the CSRF token when there is one.
 * Resolves with the parsed JSON body (or {} when there is none); rejects with an Error carrying `status` (0 for
 * a network failure) and `data` (the parsed error body).
 */
export function request(method, url, body) {
  var headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && conf.state.csrfToken) headers['x-csrf-token'] = conf.state.csrfToken;
  var init = { method: method, headers: headers, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) init.body = JSON.stringify(body);
  return fetch(url, init).then(function (res) {
    return res.text().then(function (text) {
      var data = null;
      if (text) { try { data = JSON.parse(text); } catch (e) { data = null; } }
      if (res.ok) return data || {};
      var err = new Error(conf.describe ? conf.describe(res.status, data, text) : describeFailure(res.status, data, text));
      err.status = res.status;
      err.data = data;
      throw err;
    });
  }, function (cause) {
    var err = new Error(conf.offlineText || '无法连接服务器（' + method + ' ' + url.replace(/^\.\./, '') + '）：'
      + (cause && cause.message ? cause.message : String(cause)));
    err.status = 0;
    throw err;
  });
}

function staleError() {
  var err = new Error('stale');
  err.handled = true;
  return err;
}

/**
 * A call of the page's API (`base` + path) while signed in. A 401 means the session is gone (expired, or
 * logged out elsewhere): back to the login form. A 403 of a read (or of a write that is not about the CSRF
 * token) means the account may not use the page, where the page checks that (onForbidden). Answers that
 * arrive after a logout are ignored.
 */
export function call(method, path, body) {
  var state = conf.state;
  var mine = state.session;
  return request(method, conf.base + path, body).then(function (data) {
    if (mine !== state.session) throw staleError();
    return data;
  }, function (err) {
    if (mine !== state.session) throw staleError();
    if (err.status === 401) {
      conf.onExpired();
      err.handled = true;
    } else if (err.status === 403 && conf.onForbidden && (method === 'GET' || !/csrf/i.test(err.message))) {
      conf.onForbidden();
      err.handled = true;
    }
    throw err;
  });
}

/** Shows a failed call on the page (never swallowed), unless it was already dealt with. */
export function report(what) {
  return function (err) {
    if (err && err.handled) return;
    showError(what + '：' + (err && err.message ? err.message : String(err)));
  };
}

// --------------------------------------------------------------------------------------------- errors

export function showError(text) {
  var errors = conf.el.errors;
  var items = errors.children;
  // The same failure twice in a row (e.g. a double click) is shown once.
  if (items.length > 0 && items[0].getAttribute('data-text') === text) return;
  var item = make('li', 'error');
  item.setAttribute('data-testid', 'error');
  item.setAttribute('data-text', text);
  item.setAttribute('role', 'alert');
  item.appendChild(make('span', 'error-text', text));
  var dismiss = make('button', 'error-dismiss');
  dismiss.type = 'button';
  dismiss.setAttribute('aria-label', '关闭此提示');
  dismiss.title = '关闭';
  dismiss.addEventListener('click', function () { item.remove(); });
  item.appendChild(dismiss);
  errors.insertBefore(item, errors.firstChild);
  while (errors.children.length > ERRORS_SHOWN) errors.removeChild(errors.lastChild);
}

export function clearErrors() { conf.el.errors.textContent = ''; }
