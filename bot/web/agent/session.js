/*
 * Sign-in and sign-out of the agent console (see agent.js): the consoles' shared ones (../common/session.js),
 * told what this page forgets when an agent signs out and what it opens when one signs in.
 */
import { setView, startConsole } from '../common/session.js';
import { duration } from './util.js';
import { refreshQueue } from './queue.js';
import { loadCanned } from './canned.js';
import { loadDrafts, resetDrafts } from './drafts.js';
import { resetAlerts } from './alerts.js';
import { describe, OFFLINE_TEXT } from './errors.js';
import { configureApi } from '../common/api.js';
import { closeEvents, openEvents } from './events.js';
import { loadIntentLabels } from './intents.js';
import { changed, el, state, API } from './state.js';

/** Forgets the queue and conversation of the agent who signed out (the page may be left open for the next one). */
function resetPage() {
  if (state.ticker) { window.clearInterval(state.ticker); state.ticker = 0; }
  state.queue = { waiting: [], mine: [], others: [], callbacks: [] };
  state.hasCallbacks = false;
  state.unread = {};
  state.agents = [];
  state.current = null;
  state.history = null;
  state.search = null;
  state.canned = [];
  state.presence = { status: 'away', load: 0, capacity: 0, known: false };
  resetDrafts();
  el.input.value = '';
  el.searchQ.value = '';
  changed('queue');
  changed('conversation');
  changed('presence');
  changed('canned');
  changed('search');
  resetAlerts();
  document.title = '交管12123 · 人工坐席台';
}

function openPage() {
  setView('console');
  openEvents();
  refreshQueue();
  loadDrafts();
  loadCanned();
  resetAlerts();
  loadIntentLabels();
  state.ticker = window.setInterval(function () { changed('clock'); }, 1000);
}

/** Sets up the shared sign-in and API client for /api/agent/, then asks the server who is signed in. */
export function startSession() {
  // Failed calls are worded in plain Chinese (errors.js), before the first call.
  configureApi({ describe: describe, offlineText: OFFLINE_TEXT });
  return startConsole({
    el: el, state: state, api: API, accountApi: API, closeEvents: closeEvents, reset: resetPage, load: openPage,
    waitText: duration, logoutGoneAsExpired: true,
  });
}
