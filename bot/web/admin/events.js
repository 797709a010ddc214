/*
 * Live changes of the admin console (see admin.js): server-sent events from /api/admin/events.
 */
import { sameId, versionById } from './util.js';
import { call, report, showError } from './api.js';
import { refreshIntents, renderLive } from './intents.js';
import { applyVersions, refreshVersions, renderVersions } from './versions.js';
import { onTrainingEvent } from './training.js';
import { el, state, ADMIN_API, EVENTS_RETRY_MS } from './state.js';

// --------------------------------------------------------------------------------------------- events

export function parseEvent(event) {
  try { return JSON.parse(event.data); } catch (e) { return null; }
}

function setConnection(mode, text) {
  el.connection.setAttribute('data-state', mode);
  el.connection.textContent = text;
}

function onLiveEvent(event) {
  var data = parseEvent(event);
  if (!data) return;
  if (data.versionId !== undefined) state.liveId = data.versionId;
  state.versions.forEach(function (v) { v.live = sameId(v.id, state.liveId); });
  renderVersions();
  renderLive();
  refreshVersions();
  refreshIntents();
}

export function openEvents() {
  closeEvents();
  if (typeof window.EventSource !== 'function') {
    setConnection('down', '浏览器不支持实时推送');
    showError('这个浏览器不支持 EventSource，收不到训练进度；请换用新版浏览器。');
    return;
  }
  var mine = state.session;
  var es = new EventSource(ADMIN_API + 'events');
  var first = true;
  state.events = es;
  setConnection('connecting', '实时推送连接中…');
  es.addEventListener('open', function () {
    if (state.events !== es) return;
    setConnection('up', '实时推送已连接');
    if (state.eventsDown || first) {
      // Events may have been missed before or while disconnected: read the versions again.
      state.eventsDown = false;
      if (!first) refreshVersions();
      var tracked = state.trackedId !== null ? versionById(state.trackedId) : null;
      if (tracked && tracked.status === 'training') refreshVersions();
    }
    first = false;
  });
  es.addEventListener('training', onTrainingEvent);
  es.addEventListener('live', onLiveEvent);
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
    call('GET', 'versions').then(function (body) {
      if (mine !== state.session) return;
      applyVersions(body);
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
