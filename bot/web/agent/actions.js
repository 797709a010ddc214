/*
 * What an agent does with an accepted conversation (see agent.js): send, note, transfer (dialog: an available
 * colleague and a hand-over note), hand back and close (each confirmed in a dialog naming the citizen and what
 * happens). (Accepting is the queue's: queue.js.)
 */
import { busy, canServe, citizenLabel } from './util.js';
import { call, showError } from '../common/api.js';
import { fail } from './errors.js';
import { clearDraft, flushDraft } from './drafts.js';
import { confirmAction, openTransfer } from './dialogs.js';
import { refreshQueue } from './queue.js';
import { appendLive, loadConversation } from './conversation.js';
import { changed, el, state } from './state.js';

// -------------------------------------------------------------------------------------------- actions

function path(id, action) { return 'handoffs/' + encodeURIComponent(id) + '/' + action; }

export function sendMessage(event) {
  event.preventDefault();
  if (!state.current || !canServe(state.current.summary)) return;
  var text = el.input.value.trim();
  if (!text) return;
  var target = state.current;
  busy([el.send], true);
  call('POST', path(target.id, 'messages'), { text: text }).then(function (data) {
    if (state.current === target && el.input.value.trim() === text) {
      el.input.value = '';
      clearDraft(target.id);
    }
    var message = data.message || { from: 'agent', text: text, at: new Date().toISOString() };
    if (!message.agent && state.me) message.agent = { id: state.me.id, displayName: state.me.displayName };
    if (state.current === target) appendLive(message, 'post');
  }, fail('发送失败（消息未送达，内容仍在输入框中）')).then(function () {
    busy([el.send], false);
    el.input.focus();
  });
}

export function addNote(event) {
  event.preventDefault();
  if (!state.current) return;
  var text = el.noteInput.value.trim();
  if (!text) return;
  var target = state.current;
  busy([el.noteAdd], true);
  call('POST', path(target.id, 'notes'), { text: text }).then(function () {
    el.noteInput.value = '';
    // The server keeps the note (masked, with its author and time): read the notes back from it.
    return refreshNotes(target);
  }, fail('添加备注失败')).then(function () { busy([el.noteAdd], false); });
}

/** Reads the notes (and summary) of a conversation again, leaving its transcript as it is. */
function refreshNotes(target) {
  return call('GET', 'handoffs/' + encodeURIComponent(target.id)).then(function (data) {
    if (state.current !== target) return;
    if (data.handoff) target.summary = data.handoff;
    target.notes = Array.isArray(data.notes) ? data.notes : [];
    changed('notes');
    changed('summary');
  }, fail('读取备注失败'));
}

/** Transfer, hand back and close: a POST, then the conversation and queue are read again. */
function act(target, action, body, failure) {
  busy([el.transfer, el.handback, el.close], true);
  return flushDraft().then(function () {
    return call('POST', path(target.id, action), body);
  }).then(function () {
    refreshQueue();
    if (state.current === target) loadConversation();
  }, fail(failure)).then(function () {
    busy([el.transfer, el.handback, el.close], false);
  });
}

export function onTransfer() {
  if (!state.current) return;
  var target = state.current;
  openTransfer(citizenLabel(target.summary), function (agent, note) {
    if (note.length > 500) { showError('转接失败：交接说明最多 500 字。'); return; }
    var body = { agentId: agent.id };
    if (note) body.note = note;
    act(target, 'transfer', body, '转接给 ' + (agent.displayName || '该坐席') + ' 失败');
  });
}

export function onHandback() {
  if (!state.current) return;
  var target = state.current;
  var who = citizenLabel(target.summary);
  confirmAction('交还机器人？',
    '「' + who + '」将回到机器人继续自助服务，您不能再回复该市民；市民会被邀请为本次人工服务评分（1-5 分）。',
    '交还机器人').then(function (ok) {
    if (ok && state.current === target) act(target, 'handback', undefined, '交还机器人失败');
  });
}

export function onClose() {
  if (!state.current) return;
  var target = state.current;
  var who = citizenLabel(target.summary);
  var reason = el.closeReason.value;
  var reasonText = el.closeReason.options[el.closeReason.selectedIndex] ? el.closeReason.options[el.closeReason.selectedIndex].text : '';
  confirmAction('结束会话？',
    '结束与「' + who + '」的会话（原因：' + reasonText + '）。市民会收到结束提示，并被邀请为本次服务评分（1-5 分）；结束后不能再回复。',
    '结束会话').then(function (ok) {
    if (ok && state.current === target) act(target, 'close', { reason: reason }, '结束会话失败');
  });
}
