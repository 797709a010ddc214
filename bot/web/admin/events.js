/*
 * Live changes of the admin console (see admin.js): server-sent events from /api/admin/events, over the
 * consoles' shared stream (../common/events.js).
 */
import { parseEvent, sameId, versionById } from './util.js';
import { call } from '../common/api.js';
import { eventStream } from '../common/events.js';
import { refreshIntents } from './intentList.js';
import { applyVersions, refreshVersions } from './versionList.js';
import { onTrainingEvent } from './training.js';
import { changed, el, state, ADMIN_API } from './state.js';

// --------------------------------------------------------------------------------------------- events

function onLiveEvent(event) {
  var data = parseEvent(event);
  if (!data) return;
  if (data.versionId !== undefined) state.liveId = data.versionId;
  state.versions.forEach(function (v) { v.live = sameId(v.id, state.liveId); });
  changed('live');
  refreshVersions();
  refreshIntents();
}

var stream = eventStream({
  url: ADMIN_API + 'events', el: el, state: state,
  listeners: { training: onTrainingEvent, live: onLiveEvent },
  onOpen: function (missed, first) {
    if (!missed && !first) return;
    // Events may have been missed before or while disconnected: read the versions again.
    if (!first) refreshVersions();
    var tracked = state.trackedId !== null ? versionById(state.trackedId) : null;
    if (tracked && tracked.status === 'training') refreshVersions();
  },
  check: function () { return call('GET', 'versions').then(applyVersions); },
  unsupportedText: '浏览器不支持实时推送',
  unsupportedError: '这个浏览器不支持 EventSource，收不到训练进度；请换用新版浏览器。',
});

export function openEvents() { stream.open(); }

export function closeEvents() { stream.close(); }
