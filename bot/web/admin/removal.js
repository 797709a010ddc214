/*
 * Deleting an utterance with undo (see admin.js): the deletion happens at once, and a toast 「已删除「…」 撤销」
 * offers to put it back for UNDO_MS (POST /utterances/restore with what DELETE answered). Whoever shows
 * utterances (the editor, the search) subscribes to 'corpus' and reads them again.
 */
import { effectOf, notify, quoted } from './util.js';
import { call, report } from '../common/api.js';
import { refreshIntents } from './intentList.js';
import { changed, el, state, UNDO_MS } from './state.js';

function hideToast() {
  if (state.undo && state.undo.timer) window.clearTimeout(state.undo.timer);
  state.undo = null;
  el.toast.classList.add('hidden');
  el.toast.removeAttribute('data-intent');
}

function offerUndo(deleted) {
  hideToast();
  el.toastText.textContent = '已删除' + quoted(deleted.text);
  el.toastUndo.disabled = false;
  el.toast.setAttribute('data-intent', String(deleted.intent || ''));
  el.toast.classList.remove('hidden');
  state.undo = { utterance: deleted, timer: window.setTimeout(hideToast, UNDO_MS) };
}

/** Deletes `u` ({id, intent, text, locale, split, source}); `control` is disabled meanwhile. */
export function removeUtterance(u, control) {
  if (control) control.disabled = true;
  return call('DELETE', 'utterances/' + encodeURIComponent(String(u.id))).then(function (data) {
    var d = data && data.deleted ? data.deleted : u;
    var deleted = {
      intent: d.intent || u.intent, text: d.text || u.text, locale: d.locale || u.locale || 'zh-CN',
      split: d.split || u.split || 'train', source: d.source || u.source || 'admin',
    };
    offerUndo(deleted);
    changed('corpus', deleted.intent);
    refreshIntents();
  }, function (err) {
    if (control) control.disabled = false;
    report('删除语料失败')(err);
  });
}

/** The toast's 「撤销」: the deleted utterance back, as it was. */
export function onUndo() {
  if (!state.undo) return;
  var u = state.undo.utterance;
  el.toastUndo.disabled = true;
  call('POST', 'utterances/restore', u).then(function (data) {
    hideToast();
    notify('已恢复' + quoted(u.text) + '（' + u.intent + '）。' + effectOf(data));
    changed('corpus', u.intent);
    refreshIntents();
  }, function (err) {
    el.toastUndo.disabled = false;
    report('撤销删除失败')(err);
  });
}

export function closeUndo() { hideToast(); }
