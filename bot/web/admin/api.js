/*
 * The admin console's calls to /api/agent/ and /api/admin/ (see admin.js), the error list that shows failed
 * ones, and the short notices of what succeeded.
 */
import { make } from './util.js';
import { sessionExpired, showDenied } from './session.js';
import { el, state, ADMIN_API, ERRORS_SHOWN, NOTICE_MS } from './state.js';

// -------------------------------------------------------------------------------------------------- API

function describeFailure(status, data, text) {
  var message = data && typeof data.error === 'string' ? data.error
    : data && data.error && typeof data.error.message === 'string' ? data.error.message
    : data && typeof data.message === 'string' ? data.message
    : (text || '').trim().slice(0, 200);
  return (message ? message + '（HTTP ' + status + '）' : 'HTTP ' + status);
}

/**
 * One HTTP call. Resolves with the parsed JSON body (or {} when there is none); rejects with an Error carrying
 * `status` (0 for a network failure) and `data` (the parsed error body).
 */
export function request(method, url, body) {
  var headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && state.csrfToken) headers['x-csrf-token'] = state.csrfToken;
  var init = { method: method, headers: headers, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) init.body = JSON.stringify(body);
  return fetch(url, init).then(function (res) {
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
    var err = new Error('无法连接服务器（' + method + ' ' + url.replace(/^\.\./, '') + '）：'
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
 * A call of the admin API while signed in. A 401 means the session is gone: back to the login form. A 403 of
 * a read (or of a write that is not about the CSRF token) means the account is no administrator. Answers
 * that arrive after a logout are ignored.
 */
export function call(method, path, body) {
  var mine = state.session;
  return request(method, ADMIN_API + path, body).then(function (data) {
    if (mine !== state.session) throw staleError();
    return data;
  }, function (err) {
    if (mine !== state.session) throw staleError();
    if (err.status === 401) {
      sessionExpired();
      err.handled = true;
    } else if (err.status === 403 && (method === 'GET' || !/csrf/i.test(err.message))) {
      showDenied();
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

// -------------------------------------------------------------------------------------- errors, notices

export function showError(text) {
  var items = el.errors.children;
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

export function notify(text) {
  el.notice.textContent = text;
  el.notice.classList.remove('hidden');
  if (state.noticeTimer) window.clearTimeout(state.noticeTimer);
  state.noticeTimer = window.setTimeout(function () { el.notice.classList.add('hidden'); state.noticeTimer = 0; }, NOTICE_MS);
}
