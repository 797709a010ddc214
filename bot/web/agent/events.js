/*
 * Live changes of the agent console (see agent.js): server-sent events from /api/agent/events, over the
 * consoles' shared stream (../common/events.js).
 */
import { findSummary, sameId } from './util.js';
import { call, showError } from '../common/api.js';
import { eventStream } from '../common/events.js';
import { refreshQueue } from './queue.js';
import { appendLive, loadConversation } from './conversation.js';
import { loadDrafts } from './drafts.js';
import { raiseAlert } from './alerts.js';
import { changed, el, state, API } from './state.js';

// ------------------------------------------------------------------------------------ live events (SSE)

function parseEvent(event) {
  try { return JSON.parse(event.data); } catch (e) {
    showError('收到一条无法识别的实时推送，已忽略；如页面显示不对，请刷新。');
    return null;
  }
}

/** An alert for this agent: offered, new, transferred (with the note), ended (the citizen left). */
function onAlertEvent(event) {
  var data = parseEvent(event);
  if (!data || !data.kind) return;
  raiseAlert(data);
  refreshQueue();
  if (state.current && sameId(state.current.id, data.handoffId) && (data.kind === 'ended' || data.kind === 'transferred')) loadConversation();
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
  changed('queue');
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

var stream = eventStream({
  url: API + 'events', el: el, state: state,
  listeners: { queue: onQueueEvent, message: onMessageEvent, status: onStatusEvent, alert: onAlertEvent },
  onOpen: function (missed) {
    if (!missed) return;
    // Events may have been missed while disconnected: read the state again.
    refreshQueue();
    loadDrafts();
    if (state.current) loadConversation();
  },
  check: function () { return call('GET', 'me'); },
  unsupportedText: '浏览器不支持实时推送（EventSource）',
  unsupportedError: '这个浏览器不支持 EventSource，收不到实时消息；请换用新版浏览器。',
});

export function openEvents() { stream.open(); }

export function closeEvents() { stream.close(); }
