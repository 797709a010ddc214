/*
 * The hotline agent console (served as /agent/agent.js, the page's entry module).
 *
 * Agents sign in, see the hand-off queue (citizens the bot passed to a person), accept a conversation, talk to
 * the citizen, keep internal notes, transfer it to a colleague, hand it back to the bot or close it. Everything
 * goes through the JSON API under /api/agent/; live changes arrive as server-sent events from
 * /api/agent/events (no polling). The session is an HttpOnly cookie; every POST but the login carries the
 * CSRF token the server handed out in the x-csrf-token header.
 *
 * Plain ES modules, no build step, no framework; runs under a strict CSP (no inline code or styles, no eval).
 * Server text is only ever put into the page with textContent. What the admin console does alike is shared in
 * ../common/ (served as /common/): console.css, util.js, api.js (calls to /api/agent/ and the error list),
 * session.js (sign-in, sign-out, views) and events.js (the event stream). The modules of this folder:
 *   state.js         constants, labels, the page's elements (el), the shared state and its change notices
 *   util.js          time and label helpers, lookups in the queue
 *   session.js       sign-in and sign-out of this page (what it forgets and opens)
 *   errors.js        failed calls in plain Chinese (the server's sentence, or the page's words for its code)
 *   presence.js      在线接待 / 暂停接待, with the load and capacity
 *   drafts.js        what the agent typed but did not send, kept per conversation (never lost)
 *   queue.js         the hand-off queue, accepting from it
 *   history.js       the citizen's earlier conversations (notes, outcome, rating)
 *   conversation.js  the open conversation (transcript with the bot's options, citizen, notes, controls)
 *   search.js        finding earlier conversations (closed ones too) by a fragment and dates
 *   canned.js        canned replies: chips, and the 「/」 list in the composer
 *   dialogs.js       the confirmation dialog (close, hand back) and the transfer dialog
 *   actions.js       send, notes, transfer, hand back, close
 *   alerts.js        alerts (offered, new, transferred, ended): a line, a sound, a desktop notification
 *   events.js        live changes (server-sent events)
 *   agent.js         wiring and start (this file)
 * A module that changes what the page shows says so (changed(topic), state.js); the renderers subscribe to the
 * topics they show (../common/store.js), so no module calls another's renderer and the imports have no cycle.
 */
import { $ } from './util.js';
import { startSession } from './session.js';
import { acceptHandoff } from './queue.js';
import { addNote, onClose, onHandback, onTransfer, sendMessage } from './actions.js';
import { cannedMenuOpen, wireCanned } from './canned.js';
import { wireDrafts } from './drafts.js';
import { wireDialogs } from './dialogs.js';
import { wireAlerts } from './alerts.js';
import { setPresence } from './presence.js';
import { onSearch } from './search.js';
import { el, state } from './state.js';

// ---------------------------------------------------------------------------------------------- start

function wire() {
  el.composerForm.addEventListener('submit', sendMessage);
  wireCanned();
  el.input.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && !cannedMenuOpen()) {
      event.preventDefault();
      el.composerForm.requestSubmit();
    }
  });
  el.noteForm.addEventListener('submit', addNote);
  el.transfer.addEventListener('click', onTransfer);
  el.handback.addEventListener('click', onHandback);
  el.close.addEventListener('click', onClose);
  el.detailAccept.addEventListener('click', function () { if (state.current) acceptHandoff(state.current.id, el.detailAccept); });
  el.presenceAvailable.addEventListener('click', function () { setPresence('available'); });
  el.presenceAway.addEventListener('click', function () { setPresence('away'); });
  el.searchForm.addEventListener('submit', onSearch);
  el.draftCopy.addEventListener('click', copyDraft);
  wireDrafts();
  wireDialogs();
  wireAlerts();
}

/** Copies the read-only draft of an ended conversation (the clipboard, else the selected text). */
function copyDraft() {
  var text = el.draftText.value;
  var done = function () {
    el.draftCopy.textContent = '已复制';
    window.setTimeout(function () { el.draftCopy.textContent = '复制草稿'; }, 2000);
  };
  el.draftText.focus();
  el.draftText.select();
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(text).then(done, function () {
      if (document.execCommand && document.execCommand('copy')) done();
      else el.draftCopy.textContent = '请按 Ctrl+C 复制';
    });
  } else if (document.execCommand && document.execCommand('copy')) done();
  else el.draftCopy.textContent = '请按 Ctrl+C 复制';
}

function start() {
  // The login form, console-view, connection, logout and errors are found by startSession (../common/session.js).
  Object.assign(el, {
    meName: $('agent-name'), meRole: $('agent-role'),
    'queue-waiting': $('queue-waiting'), 'queue-mine': $('queue-mine'), 'queue-others': $('queue-others'),
    'count-waiting': $('count-waiting'), 'count-mine': $('count-mine'), 'count-others': $('count-others'),
    'empty-waiting': $('empty-waiting'), 'empty-mine': $('empty-mine'), 'empty-others': $('empty-others'),
    'queue-callbacks': $('queue-callbacks'), 'count-callbacks': $('count-callbacks'), 'empty-callbacks': $('empty-callbacks'),
    sectionCallbacks: $('section-callbacks'),
    convEmpty: $('conv-empty'), conv: $('conv'), convTitle: $('conv-title'), convStatus: $('conv-status'),
    convReason: $('conv-reason'), convMeta: $('conv-meta'), convRating: $('conv-rating'), transcript: $('transcript'), transcriptEmpty: null,
    draftClosed: $('draft-closed'), draftText: $('draft-text'), draftCopy: $('draft-copy'), draftState: $('draft-state'),
    cannedMenu: $('canned-menu'), history: $('history'), historyCount: $('history-count'), historyEmpty: $('history-empty'),
    presence: $('presence'), presenceAvailable: $('presence-available'), presenceAway: $('presence-away'), presenceLoad: $('presence-load'),
    notifyEnable: $('notify-enable'), alerts: $('alerts'),
    searchForm: $('search-form'), searchQ: $('search-q'), searchFrom: $('search-from'), searchTo: $('search-to'),
    searchSubmit: $('search-submit'), searchSummary: $('search-summary'), searchResults: $('search-results'),
    confirmDialog: $('confirm-dialog'), confirmTitle: $('confirm-title'), confirmText: $('confirm-text'),
    confirmOk: $('confirm-ok'), confirmCancel: $('confirm-cancel'),
    transferDialog: $('transfer-dialog'), transferText: $('transfer-text'), transferList: $('transfer-list'),
    transferEmpty: $('transfer-empty'), transferNote: $('transfer-note'), transferConfirm: $('transfer-confirm'),
    readonly: $('readonly-note'), readonlyText: $('readonly-text'), detailAccept: $('detail-accept'),
    composer: $('composer'), composerForm: $('composer-form'), canned: $('canned'), input: $('agent-input'), send: $('agent-send'),
    citizenLabel: $('citizen-label'), citizenName: $('citizen-name'), citizenId: $('citizen-id'),
    citizenPhone: $('citizen-phone'), citizenBound: $('citizen-bound'), citizenChannel: $('citizen-channel'),
    intents: $('intents'), actions: $('actions'), transfer: $('transfer'),
    handback: $('handback'), closeReason: $('close-reason'), close: $('close'),
    notes: $('notes'), notesEmpty: $('notes-empty'), noteForm: $('note-form'), noteInput: $('note-input'), noteAdd: $('note-add'),
  });
  startSession();
  // After startSession: the shared elements (logout, errors) are found by then.
  wire();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
