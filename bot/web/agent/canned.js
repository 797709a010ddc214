/*
 * Canned replies of the agent console (see agent.js): a row of chips above the composer, and 「/」 in the
 * composer opens a list that filters by title and text as the agent types (arrows and Enter, or a click). A
 * reply's {name} becomes the citizen's masked name, or 「您」 when the page does not know it.
 */
import { call } from '../common/api.js';
import { fail } from './errors.js';
import { citizenName, make } from './util.js';
import { changed, el, state, subscribe } from './state.js';

/** The open list: the replies it shows, the highlighted one, where the 「/」 fragment starts. */
var menu = { open: false, items: [], active: 0, start: 0 };

export function loadCanned() {
  call('GET', 'canned').then(function (data) {
    state.canned = (Array.isArray(data.replies) ? data.replies : []).filter(function (r) {
      return r && typeof r.text === 'string';
    }).map(function (r) {
      return { id: r.id, title: typeof r.title === 'string' && r.title ? r.title : r.text, text: r.text };
    });
    changed('canned');
  }, fail('读取快捷回复失败'));
}

/** The reply as the citizen will read it: {name} filled in. */
export function fillReply(text) {
  var name = citizenName(state.current && state.current.summary);
  return String(text).replace(/\{name\}/g, name);
}

/** Puts text into the composer in place of [start, end) and tells the draft (an input event). */
function put(text, start, end) {
  var input = el.input;
  if (input.disabled) return;
  input.value = input.value.slice(0, start) + text + input.value.slice(end);
  var caret = start + text.length;
  input.focus();
  input.setSelectionRange(caret, caret);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

function insertAtCursor(text) {
  var input = el.input;
  var start = typeof input.selectionStart === 'number' ? input.selectionStart : input.value.length;
  var end = typeof input.selectionEnd === 'number' ? input.selectionEnd : input.value.length;
  put(text, start, end);
}

function renderChips() {
  el.canned.textContent = '';
  state.canned.forEach(function (reply) {
    var item = make('li', 'canned-item');
    var button = make('button', 'canned-button', reply.title);
    button.type = 'button';
    button.title = '插入到输入框：' + fillReply(reply.text);
    button.setAttribute('data-testid', 'canned-reply');
    button.setAttribute('data-reply-id', String(reply.id));
    button.addEventListener('click', function () { insertAtCursor(fillReply(reply.text)); });
    item.appendChild(button);
    el.canned.appendChild(item);
  });
}

// ------------------------------------------------------------------------------------------- 「/」 list

/** The 「/」 fragment before the caret (at the start or after a space): its start and what follows the slash. */
function slashFragment() {
  var input = el.input;
  var caret = typeof input.selectionStart === 'number' ? input.selectionStart : input.value.length;
  if (input.selectionEnd !== caret) return null;
  var before = input.value.slice(0, caret);
  var m = /(^|\s)[/／]([^\s/／]*)$/.exec(before);
  if (!m) return null;
  return { start: caret - m[2].length - 1, query: m[2].toLowerCase() };
}

function matches(reply, query) {
  if (!query) return true;
  return reply.title.toLowerCase().indexOf(query) >= 0 || reply.text.toLowerCase().indexOf(query) >= 0;
}

function closeMenu() {
  if (!menu.open) return;
  menu.open = false;
  el.cannedMenu.classList.add('hidden');
  el.cannedMenu.textContent = '';
  el.input.setAttribute('aria-expanded', 'false');
  el.input.removeAttribute('aria-activedescendant');
}

function choose(index) {
  var reply = menu.items[index];
  if (!reply) return;
  var fragment = slashFragment();
  var start = fragment ? fragment.start : menu.start;
  var end = typeof el.input.selectionStart === 'number' ? el.input.selectionStart : el.input.value.length;
  closeMenu();
  put(fillReply(reply.text), start, end);
}

function renderMenu() {
  el.cannedMenu.textContent = '';
  if (menu.items.length === 0) {
    el.cannedMenu.appendChild(make('li', 'canned-menu-empty', state.canned.length ? '没有匹配的快捷回复' : '暂无快捷回复'));
  }
  menu.items.forEach(function (reply, i) {
    var option = make('li', 'canned-option' + (i === menu.active ? ' active' : ''));
    option.id = 'canned-option-' + i;
    option.setAttribute('role', 'option');
    option.setAttribute('aria-selected', i === menu.active ? 'true' : 'false');
    option.setAttribute('data-testid', 'canned-option');
    option.appendChild(make('span', 'canned-option-title', reply.title));
    option.appendChild(make('span', 'canned-option-text', fillReply(reply.text)));
    // mousedown would take the focus from the composer: keep it there.
    option.addEventListener('mousedown', function (event) { event.preventDefault(); });
    option.addEventListener('click', function () { choose(i); });
    el.cannedMenu.appendChild(option);
  });
  el.input.setAttribute('aria-expanded', 'true');
  if (menu.items.length) el.input.setAttribute('aria-activedescendant', 'canned-option-' + menu.active);
  var active = el.cannedMenu.children[menu.active];
  if (active && active.scrollIntoView) active.scrollIntoView({ block: 'nearest' });
}

/** After each change of the composer: open, filter or close the list. */
function update() {
  var fragment = el.input.disabled ? null : slashFragment();
  if (!fragment) { closeMenu(); return; }
  var items = state.canned.filter(function (r) { return matches(r, fragment.query); });
  var same = menu.open && menu.items.length === items.length && menu.items.every(function (r, i) { return r === items[i]; });
  menu.items = items;
  menu.start = fragment.start;
  if (!same) menu.active = 0;
  menu.open = true;
  el.cannedMenu.classList.remove('hidden');
  renderMenu();
}

/** Whether the 「/」 list is open (the composer's Enter then chooses instead of sending). */
export function cannedMenuOpen() { return menu.open; }

function onKeydown(event) {
  if (!menu.open || event.isComposing) return;
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    if (!menu.items.length) return;
    var step = event.key === 'ArrowDown' ? 1 : -1;
    menu.active = (menu.active + step + menu.items.length) % menu.items.length;
    renderMenu();
  } else if (event.key === 'Enter' || event.key === 'Tab') {
    if (!menu.items.length) { if (event.key === 'Enter') { event.preventDefault(); closeMenu(); } return; }
    event.preventDefault();
    event.stopImmediatePropagation();
    choose(menu.active);
  } else if (event.key === 'Escape') {
    event.preventDefault();
    closeMenu();
  }
}

export function wireCanned() {
  // Before the composer's own Enter (send): registered first.
  el.input.addEventListener('keydown', onKeydown);
  el.input.addEventListener('input', update);
  el.input.addEventListener('click', update);
  el.input.addEventListener('blur', function () { window.setTimeout(closeMenu, 150); });
}

subscribe('canned', function () {
  renderChips();
  if (menu.open) update();
});
subscribe('conversation', function () {
  closeMenu();
  renderChips();
});
