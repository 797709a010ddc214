/*
 * What an agent does with an accepted conversation (see agent.js): send, note, transfer, hand back, close;
 * and the colleague list and canned replies those need. (Accepting is the queue's: queue.js.)
 */
import { busy, canServe, make } from './util.js';
import { call, report, showError } from '../common/api.js';
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
    if (el.input.value.trim() === text) el.input.value = '';
    var message = data.message || { from: 'agent', text: text, at: new Date().toISOString() };
    if (state.current === target) appendLive(message, 'post');
  }, report('发送失败（消息未送达，内容仍在输入框中）')).then(function () {
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
  }, report('添加备注失败')).then(function () { busy([el.noteAdd], false); });
}

/** Reads the notes (and summary) of a conversation again, leaving its transcript as it is. */
function refreshNotes(target) {
  return call('GET', 'handoffs/' + encodeURIComponent(target.id)).then(function (data) {
    if (state.current !== target) return;
    if (data.handoff) target.summary = data.handoff;
    target.notes = Array.isArray(data.notes) ? data.notes : [];
    changed('notes');
    changed('summary');
  }, report('读取备注失败'));
}

/** Transfer, hand back and close: a POST, then the conversation and queue are read again. */
export function act(action, body, button, failure) {
  if (!state.current) return;
  var target = state.current;
  busy([el.transfer, el.handback, el.close], true);
  call('POST', path(target.id, action), body).then(function () {
    refreshQueue();
    if (state.current === target) loadConversation();
  }, report(failure)).then(function () {
    busy([el.transfer, el.handback, el.close], false);
    if (button === el.transfer) el.transfer.disabled = !el.transferSelect.value;
  });
}

export function onTransfer() {
  var value = el.transferSelect.value;
  if (!value) { showError('转接失败：请先选择要转给的坐席。'); return; }
  var agent = state.agents.filter(function (a) { return String(a.id) === value; })[0];
  act('transfer', { agentId: agent ? agent.id : value }, el.transfer, '转接失败');
}

export function onClose() {
  act('close', { reason: el.closeReason.value }, el.close, '结束会话失败');
}

export function loadAgents() {
  call('GET', 'agents').then(function (data) {
    state.agents = Array.isArray(data.agents) ? data.agents : [];
    changed('agents');
  }, report('读取坐席列表失败'));
}

export function loadCanned() {
  call('GET', 'canned').then(function (data) {
    el.canned.textContent = '';
    (Array.isArray(data.replies) ? data.replies : []).forEach(function (reply) {
      var item = make('li', 'canned-item');
      var button = make('button', 'canned-button', reply.text);
      button.type = 'button';
      button.title = '插入到输入框：' + reply.text;
      button.setAttribute('data-testid', 'canned-reply');
      button.setAttribute('data-reply-id', String(reply.id));
      button.addEventListener('click', function () { insertText(reply.text); });
      item.appendChild(button);
      el.canned.appendChild(item);
    });
  }, report('读取快捷回复失败'));
}

/** Puts a canned reply into the input at the cursor (replacing a selection). */
function insertText(text) {
  var input = el.input;
  if (input.disabled) return;
  var start = typeof input.selectionStart === 'number' ? input.selectionStart : input.value.length;
  var end = typeof input.selectionEnd === 'number' ? input.selectionEnd : input.value.length;
  input.value = input.value.slice(0, start) + text + input.value.slice(end);
  var caret = start + text.length;
  input.focus();
  input.setSelectionRange(caret, caret);
}
