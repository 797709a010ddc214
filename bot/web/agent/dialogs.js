/*
 * The agent console's dialogs (see agent.js): a confirmation naming the citizen and what will happen (close, hand
 * back), and the transfer dialog (only available colleagues with their load, and a hand-over note).
 */
import { call } from '../common/api.js';
import { fail } from './errors.js';
import { make, sameId } from './util.js';
import { changed, el, state, subscribe } from './state.js';

/** Native <dialog> where the browser has it (modal, Esc cancels); else a plain confirm. */
function show(dialog) {
  dialog.returnValue = '';
  if (typeof dialog.showModal === 'function') dialog.showModal();
  else dialog.setAttribute('open', '');
}

/**
 * Asks to confirm: `title`, `text` (what happens), `ok` (the button's words). Resolves true when confirmed.
 */
export function confirmAction(title, text, ok) {
  return new Promise(function (resolve) {
    var dialog = el.confirmDialog;
    el.confirmTitle.textContent = title;
    el.confirmText.textContent = text;
    el.confirmOk.textContent = ok;
    function done() {
      dialog.removeEventListener('close', done);
      document.body.removeAttribute('data-dialog');
      resolve(dialog.returnValue === 'ok');
    }
    dialog.addEventListener('close', done);
    document.body.setAttribute('data-dialog', 'confirm');
    show(dialog);
    el.confirmCancel.focus();
  });
}

// ------------------------------------------------------------------------------------------- transfer

var transfer = { chosen: null, onConfirm: null };

/** The colleagues who are available now (GET /agents: only those, with their load). */
export function loadAgents() {
  return call('GET', 'agents').then(function (data) {
    state.agents = (Array.isArray(data.agents) ? data.agents : []).filter(function (a) {
      return a && (!state.me || !sameId(a.id, state.me.id)) && (a.status === undefined || a.status === 'available');
    });
    changed('agents');
  }, fail('读取可转接的坐席失败'));
}

function loadText(a) {
  var load = Number(a.load);
  var capacity = Number(a.capacity);
  if (!isFinite(load)) return '';
  return '接待 ' + load + (capacity ? '/' + capacity : '');
}

function renderAgents() {
  el.transferList.textContent = '';
  if (transfer.chosen && !state.agents.some(function (a) { return sameId(a.id, transfer.chosen); })) transfer.chosen = null;
  state.agents.forEach(function (a) {
    var item = make('li', 'transfer-item');
    var button = make('button', 'transfer-agent');
    button.type = 'button';
    button.setAttribute('data-testid', 'transfer-agent');
    button.setAttribute('data-agent-id', String(a.id));
    var full = Number(a.capacity) > 0 && Number(a.load) >= Number(a.capacity);
    button.setAttribute('aria-pressed', sameId(a.id, transfer.chosen) ? 'true' : 'false');
    button.appendChild(make('span', 'transfer-name', a.displayName || '坐席'));
    button.appendChild(make('span', 'transfer-load' + (full ? ' transfer-full' : ''), loadText(a) + (full ? '（已满）' : '')));
    button.addEventListener('click', function () {
      transfer.chosen = a.id;
      renderAgents();
    });
    item.appendChild(button);
    el.transferList.appendChild(item);
  });
  el.transferEmpty.classList.toggle('hidden', state.agents.length > 0);
  el.transferConfirm.disabled = !transfer.chosen;
}

/**
 * Opens the transfer dialog for the conversation with `citizen`; `onConfirm(agent, note)` does the transfer.
 */
export function openTransfer(citizen, onConfirm) {
  transfer.chosen = null;
  transfer.onConfirm = onConfirm;
  el.transferText.textContent = '把与「' + citizen + '」的会话转给其他坐席，对方会收到提醒和您的交接说明；转接后您不能再回复该市民。';
  el.transferNote.value = '';
  state.agents = [];
  renderAgents();
  el.transferEmpty.textContent = '正在读取正在接待的坐席…';
  el.transferEmpty.classList.remove('hidden');
  document.body.setAttribute('data-dialog', 'transfer');
  show(el.transferDialog);
  loadAgents().then(function () { el.transferEmpty.textContent = '暂无其他正在接待的坐席，请稍后再试。'; });
}

export function wireDialogs() {
  el.transferDialog.addEventListener('close', function () {
    document.body.removeAttribute('data-dialog');
    if (el.transferDialog.returnValue !== 'ok' || !transfer.chosen || !transfer.onConfirm) return;
    var agent = state.agents.filter(function (a) { return sameId(a.id, transfer.chosen); })[0];
    var note = el.transferNote.value.trim();
    if (agent) transfer.onConfirm(agent, note);
  });
}

subscribe('agents', renderAgents);
