/*
 * Small helpers of the admin console (see admin.js): DOM, numbers, times, labels, lookups, the short notices of
 * what succeeded; with the consoles' shared ones (../common/util.js).
 */
import { make, pad2, sameId, toDate } from '../common/util.js';
import { el, state, ACTIONS, EFFECT, NOTICE_MS, PHASES } from './state.js';

export { $, make, sameId, toDate } from '../common/util.js';

export function button(className, text, testid) {
  var b = make('button', 'button ' + (className || ''), text);
  b.type = 'button';
  if (testid) b.setAttribute('data-testid', testid);
  return b;
}

export function dateTime(at) {
  var d = toDate(at);
  if (!d) return '';
  return d.getFullYear() + '-' + pad2(d.getMonth() + 1) + '-' + pad2(d.getDate()) + ' '
    + pad2(d.getHours()) + ':' + pad2(d.getMinutes()) + ':' + pad2(d.getSeconds());
}

export function isNumber(x) { return typeof x === 'number' && isFinite(x); }

/** Accuracy or a score as a percentage (the API gives fractions 0..1; larger values are taken as percent). */
export function percent(x) {
  if (!isNumber(x)) return '—';
  return (x <= 1 ? x * 100 : x).toFixed(1) + '%';
}

/** Precision, recall, F1 (fractions) with three decimals. */
export function ratio(x) {
  if (!isNumber(x)) return '—';
  return (x > 1 ? x / 100 : x).toFixed(3);
}

/** An accuracy difference in percentage points, signed (fractions when the accuracies are fractions). */
export function points(delta, reference) {
  if (!isNumber(delta)) return null;
  var p = Math.abs(delta) <= 1 && !(isNumber(reference) && reference > 1) ? delta * 100 : delta;
  return (p > 0 ? '+' : '') + p.toFixed(1) + ' 个百分点';
}

export function lines(text) {
  return String(text || '').split(/\r?\n/).map(function (s) { return s.trim(); }).filter(Boolean);
}

/** An intent's utterance count in one language (0 when there is none). */
export function count(counts, locale) {
  var n = counts ? counts[locale] : undefined;
  return isNumber(n) ? n : 0;
}

export function intentByName(name) {
  for (var i = 0; i < state.intents.length; i++) if (state.intents[i].name === name) return state.intents[i];
  return null;
}

export function versionById(id) {
  for (var i = 0; i < state.versions.length; i++) if (sameId(state.versions[i].id, id)) return state.versions[i];
  return null;
}

export function versionLabel(v) {
  if (!v) return '';
  return isNumber(v.number) ? 'v' + v.number : String(v.id);
}

/** Who did something: the API names accounts by id; the signed-in one and the system get their names. */
export function accountLabel(id) {
  if (id === undefined || id === null || id === '') return '';
  if (id === 'system') return '系统';
  if (state.me && sameId(state.me.id, id)) return state.me.displayName || state.me.username || String(id);
  var text = String(id);
  return /^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(text) ? '账号 ' + text.slice(0, 8) : text;
}

export function phaseLabel(phase) { return PHASES[phase] || phase || ''; }

export function actionLabel(action) {
  if (ACTIONS[action]) return ACTIONS[action];
  var a = String(action || '');
  if (/force/i.test(a)) return '强制发布';
  if (/publish/i.test(a)) return '发布版本';
  if (/rollback/i.test(a)) return '回滚版本';
  if (/train/i.test(a)) return '训练模型';
  if (/utterance/i.test(a)) return /delete|remove/i.test(a) ? '删除语料' : '添加语料';
  if (/inbox/i.test(a)) return '处理待处理问题';
  if (/intent/i.test(a)) return /delete|remove/i.test(a) ? '删除意图' : /update|edit/i.test(a) ? '修改意图' : '新建意图';
  return a;
}

export function describeValue(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try { return JSON.stringify(value); } catch (e) { return String(value); }
}

/** The details without the `admin` key (shown as the actor already). */
export function withoutAdmin(details) {
  if (!details || typeof details !== 'object' || Array.isArray(details)) return details;
  var out = {};
  Object.keys(details).forEach(function (k) { if (k !== 'admin') out[k] = details[k]; });
  return out;
}

export function describeDetails(details) {
  if (details === null || details === undefined || details === '') return '';
  if (typeof details !== 'object' || Array.isArray(details)) return describeValue(details);
  var parts = [];
  Object.keys(details).forEach(function (k) { parts.push(k + '=' + describeValue(details[k])); });
  var text = parts.join('，');
  return text.length > 300 ? text.slice(0, 300) + '…' : text;
}

/** The JSON data of a server-sent event; null when it is not JSON. */
export function parseEvent(event) {
  try { return JSON.parse(event.data); } catch (e) { return null; }
}

/** A short notice of what succeeded (it hides again after NOTICE_MS). */
export function notify(text) {
  el.notice.textContent = text;
  el.notice.classList.remove('hidden');
  if (state.noticeTimer) window.clearTimeout(state.noticeTimer);
  state.noticeTimer = window.setTimeout(function () { el.notice.classList.add('hidden'); state.noticeTimer = 0; }, NOTICE_MS);
}

/** An intent's training and test counts (GET /intents gives `train` and `test`; older answers per-locale training counts and `tests`). */
export function splitCounts(intent) {
  var counts = intent && intent.counts && typeof intent.counts === 'object' ? intent.counts : {};
  var perLocale = 0;
  Object.keys(counts).forEach(function (k) { if (isNumber(counts[k])) perLocale += counts[k]; });
  return {
    train: intent && isNumber(intent.train) ? intent.train : perLocale,
    test: intent && isNumber(intent.test) ? intent.test : intent && isNumber(intent.tests) ? intent.tests : 0,
    zh: count(counts, 'zh-CN'),
    en: count(counts, 'en'),
  };
}

/**
 * What the server says a change needs before citizens see it (`effect`), or the console's own words; as one
 * sentence ending in 。, without a leading 「已保存。」 (the notice says what was done).
 */
export function effectOf(data) {
  var text = data && typeof data.effect === 'string' && data.effect.trim() ? data.effect.trim() : EFFECT;
  text = text.replace(/^已保存[。，,.！!\s]*/, '').replace(/[。.！!]+$/, '');
  return (text || EFFECT) + '。';
}

/** A similarity (0..1) as a whole percentage. */
export function similarity(x) {
  return isNumber(x) ? Math.round((x <= 1 ? x * 100 : x)) + '%' : '';
}

/** 「text」 in Chinese corner brackets. */
export function quoted(text) { return '「' + String(text) + '」'; }
