/*
 * The intent list of the admin console (see admin.js), read from the server; with the live model's summary
 * that comes with it. What shows them subscribes to 'intents' and 'live'.
 */
import { call, report } from '../common/api.js';
import { changed, state } from './state.js';

export function refreshIntents() {
  if (!state.me) return;
  if (state.intentsLoading) { state.intentsAgain = true; return; }
  state.intentsLoading = true;
  state.intentsAgain = false;
  call('GET', 'intents').then(applyIntents, report('读取意图失败')).then(function () {
    state.intentsLoading = false;
    if (state.intentsAgain && state.me) refreshIntents();
  });
}

export function applyIntents(body) {
  state.intents = Array.isArray(body.intents) ? body.intents.slice() : [];
  state.intents.sort(function (a, b) { return String(a.name).localeCompare(String(b.name)); });
  state.live = body.live || null;
  if (state.live && state.live.versionId !== undefined && state.live.versionId !== null) state.liveId = state.live.versionId;
  changed('live');
  changed('intents');
}
