/*
 * How the agent console words a failed call (see agent.js): always plain Chinese, never a status number, an
 * address or English server text. The API answers `{ error: '<Chinese sentence>', code: '<STABLE_CODE>' }`; the
 * page shows the sentence, or its own words for the code, or for the kind of failure.
 */
import { showError } from '../common/api.js';

/** Codes the page words itself (when the server's sentence is missing or not Chinese). */
var CODES = {
  NOT_LOGGED_IN: '登录已失效，请重新登录。',
  CSRF_INVALID: '页面已过期，请刷新后重试。',
  RATE_LIMITED: '操作太频繁，请稍后再试。',
  HANDOFF_NOT_FOUND: '找不到该会话。',
  NOT_YOURS: '该会话不由您负责。',
  NOTE_NOT_YOURS: '只能修改自己的备注。',
  ALREADY_ACCEPTED: '该会话已被其他坐席接入。',
  NOT_WAITING: '该会话已不在排队中。',
  NOT_ACTIVE: '该会话已结束。',
  CHANGED: '会话状态已变化，请查看最新情况。',
  TEXT_INVALID: '内容为空或太长。',
  REASON_INVALID: '请选择结束原因。',
  NOTE_TOO_LONG: '交接说明太长（最多 500 字）。',
  AGENT_UNKNOWN: '找不到要转给的坐席。',
  AGENT_SELF: '不能转给自己。',
  AGENT_NOT_AVAILABLE: '对方已暂停接待或接待已满，请选择其他坐席。',
  STATUS_INVALID: '接待状态无效。',
  DATE_INVALID: '日期格式不正确。',
  DATE_RANGE_INVALID: '结束日期不能早于开始日期。',
  QUERY_INVALID: '查找条件不正确。',
  STORAGE_UNAVAILABLE: '数据存储暂时不可用，请稍后再试。',
  INTERNAL: '服务器暂时出错，请稍后再试。',
};

/** What the page says for a status when the server gave no usable sentence. */
function byStatus(status) {
  if (status === 400) return '请求内容不正确。';
  if (status === 401) return '登录已失效，请重新登录。';
  if (status === 403) return '没有权限执行此操作。';
  if (status === 404) return '找不到该内容。';
  if (status === 409) return '状态已变化，请刷新后再试。';
  if (status === 413) return '内容太长。';
  if (status === 429) return '操作太频繁，请稍后再试。';
  if (status >= 500) return '服务器暂时出错，请稍后再试。';
  return '操作未成功，请稍后再试。';
}

var CHINESE = /[\u4e00-\u9fff]/;
var FOREIGN = /[A-Za-z]{3,}|https?:|\/api\//;

/** A server sentence the page may show as it is: Chinese, no address, no English words. */
export function showable(text) {
  return typeof text === 'string' && CHINESE.test(text) && !FOREIGN.test(text);
}

/** The message of a failed call (configured as the API client's `describe`, ../common/api.js). */
export function describe(status, data) {
  if (data && showable(data.error)) return data.error;
  var code = data && typeof data.code === 'string' ? data.code : '';
  if (code && CODES[code]) return CODES[code];
  return byStatus(status);
}

export var OFFLINE_TEXT = '无法连接服务器，请检查网络后重试。';

/** The handler of a failed call: the error list shows `what` and why (unless it was dealt with already). */
export function fail(what) {
  return function (err) {
    if (err && err.handled) return;
    var why = err && err.message && showable(err.message) ? err.message : byStatus(err && err.status);
    showError(what + '：' + why);
  };
}
