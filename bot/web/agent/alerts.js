/*
 * Alerts of the agent console (see agent.js): a new citizen waiting, a conversation offered or transferred to this
 * agent, a citizen who ended the conversation (SSE `alert`). Each shows a line under the top bar (click: open the
 * conversation), plays a short sound (generated with Web Audio, no file) and, once the agent allowed it with the
 * button (never asked on load), a desktop notification; the tab title says it too while the tab is hidden.
 */
import { showable } from './errors.js';
import { citizenLabel, findSummary, make } from './util.js';
import { changed, el, state, subscribe } from './state.js';

var SHOWN = 4;
var TITLES = {
  offered: '新会话分配给你',
  new: '有市民在排队等待人工',
  transferred: '同事把会话转给了你',
  ended: '市民已结束会话',
};

// ---------------------------------------------------------------------------------------------- sound

var audio = null;

function audioContext() {
  var Ctx = window.AudioContext || window.webkitAudioContext;
  if (!Ctx) return null;
  if (!audio) {
    try { audio = new Ctx(); } catch (e) { audio = null; }
  }
  return audio;
}

/** Two short tones (high, then lower); quiet enough for an office. */
export function chime() {
  var ctx = audioContext();
  if (!ctx) return false;
  if (ctx.state === 'suspended' && ctx.resume) ctx.resume().catch(function () {});
  var start = ctx.currentTime + 0.02;
  [[880, 0], [660, 0.16]].forEach(function (tone) {
    var osc = ctx.createOscillator();
    var gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = tone[0];
    var t = start + tone[1];
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.2, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.14);
    osc.connect(gain);
    gain.connect(ctx.destination);
    osc.start(t);
    osc.stop(t + 0.15);
  });
  return true;
}

// --------------------------------------------------------------------------------------- notifications

function notificationsSupported() { return typeof window.Notification === 'function'; }

/** The 「开启桌面提醒」 button: shown while the browser has not been asked yet. */
export function renderNotifyButton() {
  var ask = notificationsSupported() && window.Notification.permission === 'default' && !!state.me;
  el.notifyEnable.classList.toggle('hidden', !ask);
  document.body.setAttribute('data-notifications', notificationsSupported() ? window.Notification.permission : 'unsupported');
}

function askPermission() {
  if (!notificationsSupported()) return;
  // Allowing also unlocks the sound (a click is a user gesture).
  var ctx = audioContext();
  if (ctx && ctx.state === 'suspended' && ctx.resume) ctx.resume().catch(function () {});
  var asked = window.Notification.requestPermission(renderNotifyButton);
  if (asked && asked.then) asked.then(renderNotifyButton, renderNotifyButton);
}

function notify(title, body, handoffId) {
  if (!notificationsSupported() || window.Notification.permission !== 'granted') return false;
  try {
    var n = new window.Notification(title, { body: body, tag: 'handoff-' + String(handoffId), lang: 'zh-CN' });
    n.onclick = function () {
      window.focus();
      if (handoffId !== undefined && handoffId !== null) changed('open', handoffId);
      n.close();
    };
    return true;
  } catch (e) { return false; }
}

// ---------------------------------------------------------------------------------------------- alerts

/** The tab title counts the alerts that came while the tab was hidden (queue.js writes the title). */
function titleMark() { changed('queue'); }

function body(data, summary, text) {
  var kind = data.kind;
  var who = summary ? citizenLabel(summary) : typeof data.citizen === 'string' ? data.citizen : '';
  if (kind === 'transferred') {
    var from = typeof data.from === 'string' && data.from ? data.from + ' 转来：' : '';
    return from + (who ? who + '。' : '') + (text ? '交接说明：' + text : '未附交接说明');
  }
  if (kind === 'ended') return (who ? who + ' ' : '') + '已结束会话；未发送的草稿已保留，可在会话中查看和复制。';
  // The server's sentence names the citizen (and how long an offer waits); else the page's.
  var parts = showable(text) ? [text] : who ? [who] : [];
  if (summary && summary.lastCitizenText) parts.push('话题：' + summary.lastCitizenText);
  return parts.join(' · ');
}

/** An alert of the event stream: { kind, handoffId, text }. */
export function raiseAlert(data) {
  if (!data || !TITLES[data.kind]) return;
  var summary = findSummary(data.handoffId);
  var title = TITLES[data.kind];
  var text = body(data, summary, typeof data.text === 'string' ? data.text : '');

  var item = make('li', 'alert alert-' + data.kind);
  item.setAttribute('data-testid', 'alert');
  item.setAttribute('data-kind', data.kind);
  item.setAttribute('data-handoff-id', String(data.handoffId));
  item.setAttribute('role', 'status');
  item.setAttribute('data-raised-at', String(Date.now()));
  var open = make('button', 'alert-open');
  open.type = 'button';
  open.appendChild(make('strong', 'alert-title', title));
  if (text) open.appendChild(make('span', 'alert-text', text));
  open.title = '打开该会话';
  open.addEventListener('click', function () {
    item.remove();
    changed('open', data.handoffId);
  });
  item.appendChild(open);
  var dismiss = make('button', 'alert-dismiss');
  dismiss.type = 'button';
  dismiss.setAttribute('aria-label', '关闭此提醒');
  dismiss.title = '关闭';
  dismiss.setAttribute('data-testid', 'alert-dismiss');
  dismiss.addEventListener('click', function () { item.remove(); });
  item.appendChild(dismiss);
  // One line per conversation and kind: a repeated offer replaces the earlier line.
  Array.prototype.forEach.call(el.alerts.querySelectorAll('[data-kind="' + data.kind + '"]'), function (old) {
    if (old.getAttribute('data-handoff-id') === String(data.handoffId)) old.remove();
  });
  el.alerts.insertBefore(item, el.alerts.firstChild);
  while (el.alerts.children.length > SHOWN) el.alerts.removeChild(el.alerts.lastChild);

  var played = chime();
  var notified = notify(title, text, data.handoffId);
  var count = Number(document.body.getAttribute('data-alerts') || '0') + 1;
  document.body.setAttribute('data-alerts', String(count));
  document.body.setAttribute('data-last-alert', data.kind);
  if (played) document.body.setAttribute('data-alert-sounds', String(Number(document.body.getAttribute('data-alert-sounds') || '0') + 1));
  if (notified) document.body.setAttribute('data-alert-notifications', String(Number(document.body.getAttribute('data-alert-notifications') || '0') + 1));
  if (document.hidden) { state.hiddenAlerts += 1; titleMark(); }
}

/** Forgets the alerts of the agent who signed out. */
export function resetAlerts() {
  el.alerts.textContent = '';
  state.hiddenAlerts = 0;
  renderNotifyButton();
}

export function wireAlerts() {
  el.notifyEnable.addEventListener('click', askPermission);
  document.addEventListener('visibilitychange', function () {
    if (!document.hidden && state.hiddenAlerts) { state.hiddenAlerts = 0; titleMark(); }
  });
  // The browser lets a page play sound after the first click in it.
  document.addEventListener('pointerdown', function unlock() {
    var ctx = audioContext();
    if (ctx && ctx.state === 'suspended' && ctx.resume) ctx.resume().catch(function () {});
    document.removeEventListener('pointerdown', unlock);
  });
  renderNotifyButton();
}

/** An offer or a new-citizen alert is done with once nobody waits for it any more (accepted, cancelled). */
function dropStaleAlerts() {
  Array.prototype.forEach.call(el.alerts.querySelectorAll('[data-kind="offered"], [data-kind="new"]'), function (item) {
    var id = item.getAttribute('data-handoff-id');
    var waiting = state.queue.waiting.some(function (s) { return String(s.id) === id; });
    if (!waiting && state.queueFetchedAt > Number(item.getAttribute('data-raised-at') || '0')) item.remove();
  });
}

subscribe('queue', dropStaleAlerts);
