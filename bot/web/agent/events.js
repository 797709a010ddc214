/*
 * Live changes of the agent console (see agent.js): server-sent events from /api/agent/events.
 */
import { findSummary, sameId } from './util.js';
import { call, report, showError } from './api.js';
import { refreshQueue, renderQueue } from './queue.js';
import { appendLive, loadConversation } from './conversation.js';
import { el, state, API, EVENTS_RETRY_MS } from './state.js';

// ------------------------------------------------------------------------------------ live events (SSE)

function setConnection(mode, text) {
  el.connection.setAttribute('data-state', mode);
  el.connection.textContent = text;
}

function parseEvent(event) {
  try { return JSON.parse(event.data); } catch (e) {
    showError('无法解析实时推送（' + event.type + '）：' + String(event.data).slice(0, 200));
    return null;
  }
}

function onQueueEvent() { refreshQueue(); }

function onMessageEvent(event) {
  var data = parseEvent(event);
  if (!data || data.handoffId === undefined || data.handoffId === null) return;
  var line = { from: data.from, text: data.text, at: data.at };
  if (data.agent) line.agent = data.agent;
  var summary = findSummary(data.handoffId);
  if (summary) summary.lastMessage = line;
  if (state.current && sameId(state.current.id, data.handoffId)) {
    appendLive(line, 'event');
  } else if (data.from !== 'agent' || !state.me || !(data.agent && sameId(data.agent.id, state.me.id))) {
    state.unread[data.handoffId] = true;
  }
  renderQueue();
}

function onStatusEvent(event) {
  var data = parseEvent(event);
  if (!data || data.handoffId === undefined || data.handoffId === null) return;
  var summary = findSummary(data.handoffId);
  if (summary && data.status) summary.status = data.status;
  if (state.current && sameId(state.current.id, data.handoffId)) {
    if (state.current.summary && data.status) state.current.summary.status = data.status;
    loadConversation();
  }
  refreshQueue();
}

export function openEvents() {
  closeEvents();
  if (typeof window.EventSource !== 'function') {
    setConnection('down', '浏览器不支持实时推送（EventSource）');
    showError('这个浏览器不支持 EventSource，收不到实时消息；请换用新版浏览器。');
    return;
  }
  var mine = state.session;
  var es = new EventSource(API + 'events');
  state.events = es;
  setConnection('connecting', '实时推送连接中…');
  es.addEventListener('open', function () {
    if (state.events !== es) return;
    setConnection('up', '实时推送已连接');
    if (state.eventsDown) {
      // Events may have been missed while disconnected: read the state again.
      state.eventsDown = false;
      refreshQueue();
      if (state.current) loadConversation();
    }
  });
  es.addEventListener('queue', onQueueEvent);
  es.addEventListener('message', onMessageEvent);
  es.addEventListener('status', onStatusEvent);
  es.addEventListener('error', function () {
    if (state.events !== es) return;
    state.eventsDown = true;
    if (es.readyState !== EventSource.CLOSED) {
      setConnection('connecting', '实时推送中断，正在重连…');
      return;
    }
    // The browser gave up (an HTTP error such as 401): find out why, then try again later.
    es.close();
    state.events = null;
    setConnection('down', '实时推送已断开');
    call('GET', 'me').then(function () {
      if (mine !== state.session) return;
      state.eventsRetry = window.setTimeout(function () { if (mine === state.session) openEvents(); }, EVENTS_RETRY_MS);
    }, report('实时推送断开'));
  });
}

export function closeEvents() {
  if (state.eventsRetry) { window.clearTimeout(state.eventsRetry); state.eventsRetry = 0; }
  if (state.events) { state.events.close(); state.events = null; }
  state.eventsDown = false;
  if (el.connection) setConnection('connecting', '实时推送未连接');
}
