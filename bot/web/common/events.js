/*
 * A console page's live changes, shared by the agent and the admin console: server-sent events from its API's
 * stream, with the state shown in the page's connection line (el.connection). When the browser gives up (an
 * HTTP error such as 401), the page's check() call finds out why (a 401 there ends the session) and the stream
 * is opened again a little later.
 */
import { report, showError } from './api.js';

var RETRY_MS = 5000;

/**
 * options: url; el and state (the page's: connection, session); listeners { event name: handler };
 * onOpen(missed, first) on every (re)connection, `missed` when events may have been missed while it was down;
 * check() a signed-in call of the API (a promise); unsupportedText, unsupportedError: what a browser without
 * EventSource shows in the connection line and the error list. Returns { open, close }.
 */
export function eventStream(options) {
  var el = options.el;
  var state = options.state;
  var source = null;
  var down = false;
  var retry = 0;

  function setConnection(mode, text) {
    el.connection.setAttribute('data-state', mode);
    el.connection.textContent = text;
  }

  function open() {
    close();
    if (typeof window.EventSource !== 'function') {
      setConnection('down', options.unsupportedText);
      showError(options.unsupportedError);
      return;
    }
    var mine = state.session;
    var es = new EventSource(options.url);
    var first = true;
    source = es;
    setConnection('connecting', '实时推送连接中…');
    es.addEventListener('open', function () {
      if (source !== es) return;
      setConnection('up', '实时推送已连接');
      var missed = down;
      down = false;
      options.onOpen(missed, first);
      first = false;
    });
    Object.keys(options.listeners).forEach(function (name) { es.addEventListener(name, options.listeners[name]); });
    es.addEventListener('error', function () {
      if (source !== es) return;
      down = true;
      if (es.readyState !== EventSource.CLOSED) {
        setConnection('connecting', '实时推送中断，正在重连…');
        return;
      }
      // The browser gave up (an HTTP error such as 401): find out why, then try again later.
      es.close();
      source = null;
      setConnection('down', '实时推送已断开');
      options.check().then(function () {
        if (mine !== state.session) return;
        retry = window.setTimeout(function () { if (mine === state.session) open(); }, RETRY_MS);
      }, report('实时推送断开'));
    });
  }

  function close() {
    if (retry) { window.clearTimeout(retry); retry = 0; }
    if (source) { source.close(); source = null; }
    down = false;
    if (el.connection) setConnection('connecting', '实时推送未连接');
  }

  return { open: open, close: close };
}
