/*
 * The agent console's calls to /api/agent/ (see agent.js), and the error list that shows failed ones.
 */
import { make } from './util.js';
import { sessionExpired } from './session.js';
import { el, state, API, ERRORS_SHOWN } from './state.js';

// -------------------------------------------------------------------------------------------------- API

function describeFailure(status, data, text) {
  var message = data && typeof data.error === 'string' ? data.error
    : data && data.error && typeof data.error.message === 'string' ? data.error.message
    : data && typeof data.message === 'string' ? data.message
    : (text || '').trim().slice(0, 200);
  return (message ? message + '（HTTP ' + status + '）' : 'HTTP ' + status);
}

/**
 * One call of the agent API. Resolves with the parsed JSON body (or {} when there is none); rejects with an
 * Error carrying `status` (0 for a network failure) and `data` (the parsed error body).
 */
export function request(method, path, body) {
  var headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && path !== 'login' && state.csrfToken) headers['x-csrf-token'] = state.csrfToken;
  var init = { method: method, headers: headers, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) init.body = JSON.stringify(body);
  return fetch(API + path, init).then(function (res) {
    return res.text().then(function (text) {
      var data = null;
      if (text) { try { data = JSON.parse(text); } catch (e) { data = null; } }
      if (res.ok) return data || {};
      var err = new Error(describeFailure(res.status, data, text));
      err.status = res.status;
      err.data = data;
      throw err;
    });
  }, function (cause) {
    var err = new Error('无法连接服务器（' + method + ' /api/agent/' + path + '）：' + (cause && cause.message ? cause.message : String(cause)));
    err.status = 0;
    throw err;
  });
}

/**
 * A call made while signed in: a 401 means the session is gone (expired, or logged out elsewhere): the page
 * goes back to the login form and says so. Answers that arrive after a logout are ignored.
 */
export function call(method, path, body) {
  var mine = state.session;
  return request(method, path, body).then(function (data) {
    if (mine !== state.session) throw staleError();
    return data;
  }, function (err) {
    if (mine !== state.session) throw staleError();
    if (err.status === 401) {
      sessionExpired();
      err.handled = true;
    }
    throw err;
  });
}

function staleError() {
  var err = new Error('stale');
  err.handled = true;
  return err;
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
  var items = el.errors.children;
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
  el.errors.insertBefore(item, el.errors.firstChild);
  while (el.errors.children.length > ERRORS_SHOWN) el.errors.removeChild(el.errors.lastChild);
}

export function clearErrors() { el.errors.textContent = ''; }
