/*
 * The agent's availability (see agent.js): 在线接待 (new handoffs are offered to the agent, by load, up to the
 * capacity) or 暂停接待 (none are; the accepted ones stay). The server tells the status, load and capacity with
 * the queue (GET /queue `me`) and answers a change (POST /presence).
 */
import { call } from '../common/api.js';
import { fail } from './errors.js';
import { busy } from './util.js';
import { changed, el, state, subscribe } from './state.js';

/** The server's `me` ({status, load, capacity}) of the queue or of a presence change. */
export function applyMe(me) {
  if (!me || typeof me !== 'object') return;
  state.presence = {
    status: me.status === 'available' ? 'available' : 'away',
    load: Number(me.load) || 0,
    capacity: Number(me.capacity) || 0,
    known: true,
  };
  changed('presence');
}

export function setPresence(status) {
  // Asked even when the page shows this status already: the server may have set an agent whose console was gone away.
  if (!state.me) return;
  busy([el.presenceAvailable, el.presenceAway], true);
  call('POST', 'presence', { status: status }).then(function (data) {
    applyMe(data.me || { status: status, load: state.presence.load, capacity: state.presence.capacity });
  }, fail(status === 'available' ? '切换为在线接待失败' : '切换为暂停接待失败')).then(function () {
    busy([el.presenceAvailable, el.presenceAway], false);
  });
}

function render() {
  var p = state.presence;
  var available = p.status === 'available';
  el.presence.setAttribute('data-status', p.status);
  el.presenceAvailable.setAttribute('aria-pressed', available ? 'true' : 'false');
  el.presenceAway.setAttribute('aria-pressed', available ? 'false' : 'true');
  el.presenceLoad.textContent = p.known ? '接待 ' + p.load + (p.capacity ? '/' + p.capacity : '') : '';
  el.presenceLoad.title = p.capacity ? '正在服务 ' + p.load + ' 位市民，最多同时接待 ' + p.capacity + ' 位' : '';
  document.body.setAttribute('data-presence', p.status);
}

subscribe('presence', render);
