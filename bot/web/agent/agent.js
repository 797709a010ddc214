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
 *   queue.js         the hand-off queue, accepting from it
 *   conversation.js  the open conversation (transcript, citizen, notes, controls)
 *   actions.js       send, notes, transfer, hand back, close; colleagues and canned replies
 *   events.js        live changes (server-sent events)
 *   agent.js         wiring and start (this file)
 * A module that changes what the page shows says so (changed(topic), state.js); the renderers subscribe to the
 * topics they show (../common/store.js), so no module calls another's renderer and the imports have no cycle.
 */
import { $ } from './util.js';
import { startSession } from './session.js';
import { acceptHandoff } from './queue.js';
import { act, addNote, onClose, onTransfer, sendMessage } from './actions.js';
import { el, state } from './state.js';

// ---------------------------------------------------------------------------------------------- start

function wire() {
  el.composerForm.addEventListener('submit', sendMessage);
  el.input.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      el.composerForm.requestSubmit();
    }
  });
  el.noteForm.addEventListener('submit', addNote);
  el.transferSelect.addEventListener('change', function () { el.transfer.disabled = !el.transferSelect.value; });
  el.transfer.addEventListener('click', onTransfer);
  el.handback.addEventListener('click', function () { act('handback', undefined, el.handback, '交还机器人失败'); });
  el.close.addEventListener('click', onClose);
  el.detailAccept.addEventListener('click', function () { if (state.current) acceptHandoff(state.current.id, el.detailAccept); });
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
    convReason: $('conv-reason'), convMeta: $('conv-meta'), transcript: $('transcript'), transcriptEmpty: null,
    readonly: $('readonly-note'), readonlyText: $('readonly-text'), detailAccept: $('detail-accept'),
    composer: $('composer'), composerForm: $('composer-form'), canned: $('canned'), input: $('agent-input'), send: $('agent-send'),
    citizenLabel: $('citizen-label'), citizenName: $('citizen-name'), citizenId: $('citizen-id'),
    citizenPhone: $('citizen-phone'), citizenBound: $('citizen-bound'), citizenChannel: $('citizen-channel'),
    intents: $('intents'), actions: $('actions'), transferSelect: $('transfer-select'), transfer: $('transfer'),
    handback: $('handback'), closeReason: $('close-reason'), close: $('close'),
    notes: $('notes'), notesEmpty: $('notes-empty'), noteForm: $('note-form'), noteInput: $('note-input'), noteAdd: $('note-add'),
  });
  wire();
  el.transfer.disabled = true;
  startSession();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
