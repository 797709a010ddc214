/*
 * The hand-off queue of the agent console (see agent.js): waiting, mine, others and callback requests; and
 * accepting a conversation from it. Redrawn when the queue changes (subscribe, at the end).
 */
import {
  busy, channelLabel, citizenLabel, findSummary, lastMessageText, make, reasonLabel, sameId, statusLabel, timeText,
} from './util.js';
import { call, showError } from '../common/api.js';
import { fail, showable } from './errors.js';
import { applyMe } from './presence.js';
import { draftOf } from './drafts.js';
import { loadConversation, select } from './conversation.js';
import { changed, el, state, subscribe } from './state.js';

// ---------------------------------------------------------------------------------------------- queue

/** Fetches the queue; calls that come while one is running make it run once more afterwards. */
export function refreshQueue() {
  if (!state.me) return;
  if (state.queueLoading) { state.queueAgain = true; return; }
  state.queueLoading = true;
  state.queueAgain = false;
  call('GET', 'queue').then(function (data) {
    state.queue = {
      waiting: Array.isArray(data.waiting) ? data.waiting : [],
      mine: Array.isArray(data.mine) ? data.mine : [],
      others: Array.isArray(data.others) ? data.others : [],
      callbacks: Array.isArray(data.callbacks) ? data.callbacks : [],
    };
    state.hasCallbacks = Array.isArray(data.callbacks);
    applyMe(data.me);
    state.queueFetchedAt = Date.now();
    changed('queue');
    if (state.current) {
      var summary = findSummary(state.current.id);
      if (summary) {
        state.current.summary = summary;
        changed('summary');
      }
    }
  }, fail('刷新队列失败')).then(function () {
    state.queueLoading = false;
    if (state.queueAgain && state.me) refreshQueue();
  });
}

function renderQueueItem(summary, list) {
  var item = make('li', 'queue-item');
  item.setAttribute('data-testid', 'queue-item');
  item.setAttribute('data-handoff-id', String(summary.id));
  item.setAttribute('data-status', String(summary.status || ''));
  item.setAttribute('data-reason', String(summary.reason || ''));
  item.classList.add('queue-item-' + String(summary.reason || 'unknown').replace(/[^a-z_]/gi, ''));
  if (state.current && sameId(state.current.id, summary.id)) item.classList.add('selected');
  if (state.unread[summary.id]) item.classList.add('unread');

  var open = make('button', 'queue-open');
  open.type = 'button';
  open.setAttribute('aria-label', '查看会话：' + citizenLabel(summary));

  var top = make('span', 'queue-top');
  var reason = make('span', 'reason reason-' + String(summary.reason || ''), reasonLabel(summary.reason));
  reason.setAttribute('data-testid', 'queue-reason');
  top.appendChild(reason);
  var label = make('span', 'queue-label', citizenLabel(summary));
  label.setAttribute('data-testid', 'queue-citizen');
  top.appendChild(label);
  if (state.unread[summary.id]) {
    var dot = make('span', 'unread-dot', '新消息');
    dot.setAttribute('data-testid', 'unread');
    top.appendChild(dot);
  }
  open.appendChild(top);

  var badges = make('span', 'queue-badges');
  var offered = summary.offeredTo;
  if (list === 'waiting' && offered && state.me && sameId(offered.id, state.me.id)) {
    item.classList.add('offered-to-me');
    var badge = make('span', 'badge badge-offer', '分配给你');
    badge.setAttribute('data-testid', 'offered-badge');
    badges.appendChild(badge);
  } else if (list === 'waiting' && offered) {
    var other = make('span', 'badge badge-muted', '已分配给 ' + (offered.displayName || '其他坐席'));
    other.setAttribute('data-testid', 'offered-other');
    badges.appendChild(other);
  }
  if (summary.hasHistory) {
    var returning = make('span', 'badge badge-history', '有历史会话');
    returning.setAttribute('data-testid', 'queue-history');
    badges.appendChild(returning);
  }
  if (draftOf(summary.id)) {
    var draft = make('span', 'badge badge-draft', '有草稿');
    draft.setAttribute('data-testid', 'queue-draft');
    badges.appendChild(draft);
  }
  if (badges.children.length) open.appendChild(badges);

  var meta = make('span', 'queue-meta');
  var time = make('span', 'queue-time', timeText(summary));
  time.setAttribute('data-testid', 'queue-time');
  time.setAttribute('data-time-of', String(summary.id));
  meta.appendChild(time);
  meta.appendChild(make('span', 'queue-channel', channelLabel(summary.channel)));
  var citizen = summary.citizen || {};
  meta.appendChild(make('span', citizen.bound ? 'queue-bound' : 'queue-unbound', citizen.bound ? '已实名' : '未实名'));
  if (list === 'others' && summary.agent) meta.appendChild(make('span', 'queue-agent', '坐席：' + (summary.agent.displayName || summary.agent.id)));
  if (list !== 'waiting' && summary.status && summary.status !== 'active') meta.appendChild(make('span', 'queue-status', statusLabel(summary.status)));
  if (summary.callbackRequested) meta.appendChild(make('span', 'queue-callback', '要求回电'));
  open.appendChild(meta);

  if (summary.lastCitizenText) {
    // What the citizen typed while waiting: the topic, before anyone accepts.
    var topic = make('span', 'queue-topic', '市民说：' + summary.lastCitizenText);
    topic.setAttribute('data-testid', 'queue-topic');
    open.appendChild(topic);
  }
  var last = lastMessageText(summary.lastMessage);
  if (last && !(summary.lastCitizenText && list === 'waiting')) open.appendChild(make('span', 'queue-last', last));
  open.addEventListener('click', function () { select(summary.id); });
  item.appendChild(open);

  if (list === 'waiting') {
    var accept = make('button', 'button button-primary button-small queue-accept', '接入');
    accept.type = 'button';
    accept.setAttribute('data-testid', 'accept');
    accept.setAttribute('aria-label', '接入 ' + citizenLabel(summary));
    accept.addEventListener('click', function (event) {
      event.stopPropagation();
      acceptHandoff(summary.id, accept);
    });
    item.appendChild(accept);
  }
  return item;
}

function renderQueue() {
  el.sectionCallbacks.classList.toggle('hidden', !state.hasCallbacks);
  ['waiting', 'mine', 'others', 'callbacks'].forEach(function (list) {
    var target = el['queue-' + list];
    target.textContent = '';
    state.queue[list].forEach(function (summary) { target.appendChild(renderQueueItem(summary, list)); });
    el['count-' + list].textContent = String(state.queue[list].length);
    el['empty-' + list].classList.toggle('hidden', state.queue[list].length > 0);
  });
  var waiting = state.queue.waiting.length;
  el['count-waiting'].classList.toggle('count-alert', waiting > 0);
  var unreadCount = Object.keys(state.unread).length;
  document.title = (state.hiddenAlerts > 0 ? '【' + state.hiddenAlerts + ' 条新提醒】' : '')
    + (waiting > 0 ? '(' + waiting + ' 待接入) ' : '') + (unreadCount > 0 ? '● ' : '') + '交管12123 · 人工坐席台';
  document.body.setAttribute('data-waiting', String(waiting));
}

/**
 * While citizens wait, the queue is read again now and then: what a waiting citizen types (the card's topic) is
 * not pushed as an event of its own.
 */
var WAITING_REFRESH_MS = 10000;

/** Once a second: the waiting times count up (from the server's figure, without asking it again). */
function tick() {
  if (state.me && state.queue.waiting.length > 0 && !state.queueLoading && Date.now() - state.queueFetchedAt > WAITING_REFRESH_MS) refreshQueue();
  Array.prototype.forEach.call(document.querySelectorAll('[data-time-of]'), function (node) {
    var summary = findSummary(node.getAttribute('data-time-of'));
    if (summary && summary.status === 'waiting') node.textContent = timeText(summary);
  });
}

// ---------------------------------------------------------------------------------------------- accept

export function acceptHandoff(id, button) {
  busy([button, el.detailAccept], true);
  call('POST', 'handoffs/' + encodeURIComponent(id) + '/accept').then(function (data) {
    if (data.handoff) {
      // Move it to "mine" at once; the refetched queue confirms.
      state.queue.waiting = state.queue.waiting.filter(function (s) { return !sameId(s.id, id); });
      state.queue.mine = [data.handoff].concat(state.queue.mine.filter(function (s) { return !sameId(s.id, id); }));
      changed('queue');
    }
    select(id);
    refreshQueue();
    el.input.focus();
  }, function (err) {
    if (err.status === 409) {
      showError('接入失败：' + (err.data && showable(err.data.error) ? err.data.error : '该会话已被其他坐席接入。'));
      refreshQueue();
      if (state.current && sameId(state.current.id, id)) loadConversation();
      return;
    }
    fail('接入失败')(err);
  }).then(function () { busy([button, el.detailAccept], false); });
}

subscribe('queue', renderQueue);
subscribe('clock', tick);
