/*
 * Console accounts in the admin console (see admin.js): the agents and admins, disabling (their sessions end at
 * once) and enabling them, and resetting a password (every session of that account ends; the server checks the
 * password rules and says which one a refused password breaks). Server text only goes in through textContent.
 * Read when its tab opens.
 */
import { button, dateTime, make, notify, sameId } from './util.js';
import { call, report, showError } from '../common/api.js';
import { el, state, subscribe } from './state.js';

var ROLES = { agent: '客服', admin: '管理员' };

export function refreshAccounts() {
  if (!state.me) return;
  call('GET', 'agents').then(function (data) {
    state.accounts = Array.isArray(data.agents) ? data.agents : [];
    renderAccounts();
  }, report('读取账号失败'));
}

export function renderAccounts() {
  el.accounts.textContent = '';
  state.accounts.forEach(function (a) {
    var row = make('tr', 'account');
    row.setAttribute('data-testid', 'account');
    row.setAttribute('data-username', String(a.username || ''));
    row.appendChild(make('td', 'nowrap', a.username));
    row.appendChild(make('td', '', a.displayName));
    row.appendChild(make('td', 'nowrap', ROLES[a.role] || a.role || ''));
    var status = make('td', 'nowrap');
    var badge = make('span', 'status ' + (a.disabled ? 'status-failed' : 'status-ready'), a.disabled ? '已停用' : '正常');
    badge.setAttribute('data-testid', 'account-status');
    status.appendChild(badge);
    row.appendChild(status);
    row.appendChild(make('td', 'nowrap', dateTime(a.createdAt)));
    var actions = make('td', 'nowrap');
    var self = state.me && sameId(state.me.id, a.id);
    if (!self) {
      var toggle = button('button-small' + (a.disabled ? '' : ' button-danger'), a.disabled ? '启用' : '停用', a.disabled ? 'account-enable' : 'account-disable');
      toggle.addEventListener('click', function () { setDisabled(a, !a.disabled, toggle); });
      actions.appendChild(toggle);
    }
    var reset = button('button-small', '重置密码', 'account-reset');
    reset.addEventListener('click', function () { openReset(a); });
    actions.appendChild(reset);
    row.appendChild(actions);
    el.accounts.appendChild(row);
  });
  el.accountsEmpty.classList.toggle('hidden', state.accounts.length > 0);
}

function setDisabled(account, disabled, control) {
  control.disabled = true;
  call('POST', 'agents/' + encodeURIComponent(account.id) + '/' + (disabled ? 'disable' : 'enable')).then(function () {
    notify((disabled ? '已停用 ' : '已启用 ') + account.username + (disabled ? '，其登录已全部失效。' : '。'));
    refreshAccounts();
  }, function (err) {
    control.disabled = false;
    report(disabled ? '停用账号失败' : '启用账号失败')(err);
  });
}

function openReset(account) {
  state.resetId = account.id;
  el.resetWho.textContent = account.username + '（' + (account.displayName || '') + '）';
  el.resetPassword.value = '';
  el.resetError.textContent = '';
  el.resetCard.classList.remove('hidden');
  el.resetPassword.focus();
}

export function closeReset() {
  state.resetId = null;
  el.resetPassword.value = '';
  el.resetError.textContent = '';
  el.resetCard.classList.add('hidden');
}

export function onReset(event) {
  event.preventDefault();
  var id = state.resetId;
  var password = el.resetPassword.value;
  if (!id) return;
  if (!password) {
    el.resetError.textContent = '请输入新密码。';
    return;
  }
  el.resetSubmit.disabled = true;
  call('POST', 'agents/' + encodeURIComponent(id) + '/password', { password: password }).then(function (data) {
    el.resetSubmit.disabled = false;
    var who = el.resetWho.textContent;
    closeReset();
    notify('已重置 ' + who + ' 的密码，' + (Number(data.endedSessions) || 0) + ' 个登录已失效。');
  }, function (err) {
    el.resetSubmit.disabled = false;
    if (err && err.handled) return;
    // A refused password (HTTP 400) says which rule it breaks; shown by the form, the password kept for editing.
    if (err.status === 400) el.resetError.textContent = err.message;
    else showError('重置密码失败：' + err.message);
  });
}

subscribe('tab', function (tab) { if (tab === 'accounts') refreshAccounts(); });
