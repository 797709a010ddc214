/*
 * The tabs of the admin console (see admin.js): which panel shows. A tab opened while an administrator is
 * signed in is announced (changed('tab')); each panel reads what it shows when its tab opens.
 */
import { changed, el, state, TABS } from './state.js';

export function setTab(name) {
  if (TABS.indexOf(name) < 0) name = 'intents';
  state.tab = name;
  document.body.setAttribute('data-tab', name);
  TABS.forEach(function (t) {
    var active = t === name;
    el['panel-' + t].classList.toggle('hidden', !active);
    el['tab-' + t].classList.toggle('active', active);
    el['tab-' + t].setAttribute('aria-selected', active ? 'true' : 'false');
  });
  if (window.history && window.history.replaceState) window.history.replaceState(null, '', '#' + name);
  if (state.me) changed('tab', name);
}
