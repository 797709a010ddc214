/*
 * Small helpers of the agent console (see agent.js): times, labels, and lookups in the queue; with the
 * consoles' shared ones (../common/util.js).
 */
import { pad2, sameId, toDate } from '../common/util.js';
import { state, CHANNELS, INTENTS, OUTCOMES, REASONS, STATUSES } from './state.js';

export { $, make, sameId, toDate } from '../common/util.js';

export function clock(at) {
  var d = toDate(at);
  return d ? pad2(d.getHours()) + ':' + pad2(d.getMinutes()) + ':' + pad2(d.getSeconds()) : '';
}

export function dateTime(at) {
  var d = toDate(at);
  if (!d) return '';
  return (d.getMonth() + 1) + '月' + d.getDate() + '日 ' + pad2(d.getHours()) + ':' + pad2(d.getMinutes());
}

export function duration(seconds) {
  var s = Math.max(0, Math.floor(seconds));
  if (s < 60) return s + '秒';
  if (s < 3600) return Math.floor(s / 60) + '分' + pad2(s % 60) + '秒';
  return Math.floor(s / 3600) + '小时' + pad2(Math.floor((s % 3600) / 60)) + '分';
}

var CHINESE = /[\u4e00-\u9fff]/;

/** A close reason the agent typed is shown as it is when it is Chinese; a code the page does not know is 其他. */
export function outcomeLabel(outcome) { return OUTCOMES[outcome] || (CHINESE.test(String(outcome || '')) ? outcome : '其他'); }
export function reasonLabel(reason) { return REASONS[reason] || '其他原因'; }
export function statusLabel(status) { return STATUSES[status] || '未知状态'; }
export function channelLabel(channel) { return CHANNELS[channel] || '其他渠道'; }
/** An intent by its Chinese name (the code name stays out of the page; the chip's tooltip has it). */
export function intentLabel(intent) { return INTENTS[intent] || '其他问题'; }

/** A 1-5 rating as stars and words: 「★★★★☆ 4 分」. */
export function ratingText(rating) {
  var score = rating && Number(rating.score);
  if (!(score >= 1 && score <= 5)) return '';
  var stars = '';
  for (var i = 1; i <= 5; i++) stars += i <= score ? '★' : '☆';
  return stars + ' ' + score + ' 分';
}

/** How a canned reply names the citizen ({name}): the masked name, else 「您」. */
export function citizenName(summary) {
  var c = (summary && summary.citizen) || {};
  return c.name || '您';
}

export function citizenLabel(summary) {
  var c = (summary && summary.citizen) || {};
  return c.label || c.name || '匿名市民';
}

export function isMine(summary) {
  return !!(summary && state.me && summary.agent && sameId(summary.agent.id, state.me.id));
}

export function canServe(summary) { return isMine(summary) && summary.status === 'active'; }

export function lastMessageText(last) {
  if (!last) return '';
  if (typeof last === 'string') return last;
  var who = last.from === 'user' ? '市民：' : last.from === 'agent' ? '坐席：' : last.from === 'bot' ? '机器人：' : '';
  return who + (last.text || '');
}

function waitedSeconds(summary) {
  var base = Number(summary.waitingSeconds);
  if (!isFinite(base)) return null;
  return base + (Date.now() - state.queueFetchedAt) / 1000;
}

/** How long a conversation has waited (counting up from the server's figure), or when it was accepted or closed. */
export function timeText(summary) {
  if (summary.status === 'waiting') {
    var waited = waitedSeconds(summary);
    return waited === null ? '等待中' : '已等待 ' + duration(waited);
  }
  if (summary.closedAt) return '结束于 ' + dateTime(summary.closedAt);
  if (summary.acceptedAt) return '接入于 ' + clock(summary.acceptedAt);
  return statusLabel(summary.status);
}

/** Disables (on) or enables the buttons while a request runs. */
export function busy(buttons, on) {
  buttons.forEach(function (b) { if (b) b.disabled = on; });
}

export function findSummary(id) {
  var lists = [state.queue.waiting, state.queue.mine, state.queue.others, state.queue.callbacks];
  for (var i = 0; i < lists.length; i++) {
    for (var j = 0; j < lists[i].length; j++) if (sameId(lists[i][j].id, id)) return lists[i][j];
  }
  return null;
}
