/*
 * The model versions of the admin console (see admin.js), read from the server. What shows them, and the
 * training panel that follows a running training, subscribe to 'versions'.
 */
import { call, report } from '../common/api.js';
import { changed, state } from './state.js';

export function refreshVersions() {
  if (!state.me) return Promise.resolve();
  if (state.versionsLoading) { state.versionsAgain = true; return Promise.resolve(); }
  state.versionsLoading = true;
  state.versionsAgain = false;
  return call('GET', 'versions').then(applyVersions, report('读取版本失败')).then(function () {
    state.versionsLoading = false;
    if (state.versionsAgain && state.me) refreshVersions();
  });
}

export function applyVersions(body) {
  state.versions = Array.isArray(body.versions) ? body.versions.slice() : [];
  if (body.liveId !== undefined) state.liveId = body.liveId;
  // Events that came while the list loaded are newer than it.
  state.versions.forEach(function (v) {
    var seen = state.progressById[v.id];
    if (seen && v.status === 'training' && seen.status !== 'training') v.status = seen.status;
    if (seen && v.status === 'training') v.progress = { phase: seen.phase, percent: seen.percent };
  });
  // A training someone started (here, elsewhere, or before this page loaded) is followed by the train panel.
  var running = state.versions.filter(function (v) { return v.status === 'training'; })[0];
  if (running) {
    state.trackedId = running.id;
    state.awaitingId = running.id;
  }
  changed('versions');
}
