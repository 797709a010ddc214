/*
 * The questions no knowledge card answered, in the admin console's knowledge tab (see admin.js): the citizens'
 * words grouped by similarity, largest groups first. "Make a card" opens the card editor with the group's texts as
 * the new card's questions; saving it files them (they leave the list and the misunderstood inbox).
 */
import { button, isNumber, make } from './util.js';
import { openCardFromGroup } from './knowledgeEditor.js';
import { inboxLine } from './inbox.js';
import { el, state, subscribe } from './state.js';

function renderUnanswered() {
  var groups = state.knowledgeUnanswered.filter(function (g) { return Array.isArray(g.items) && g.items.length > 0; });
  var total = 0;
  el.kuList.textContent = '';
  groups.forEach(function (g) {
    total += g.items.length;
    var li = make('li', 'inbox-group');
    li.setAttribute('data-testid', 'ku-group');
    li.setAttribute('data-items', g.items.map(function (i) { return String(i.id); }).join(' '));
    var head = make('div', 'inbox-head');
    var rep = make('span', 'inbox-representative', g.representative || g.items[0].text);
    rep.setAttribute('data-testid', 'ku-representative');
    head.appendChild(rep);
    head.appendChild(make('span', 'count', String(isNumber(g.count) ? g.count : g.items.length) + ' 次'));
    var make1 = button('button-small button-primary', '新建卡片', 'ku-make-card');
    make1.title = '用这组市民原话作为问法新建一张卡片';
    make1.addEventListener('click', function () { openCardFromGroup(g); });
    head.appendChild(make1);
    li.appendChild(head);
    var items = make('ol', 'inbox-items');
    g.items.forEach(function (item) {
      items.appendChild(inboxLine(item, 'ku-item'));
    });
    li.appendChild(items);
    el.kuList.appendChild(li);
  });
  el.kuCount.textContent = String(total);
  el.kuEmpty.classList.toggle('hidden', total > 0);
}

/** The list's elements (called once by the knowledge tab's wiring). */
export function wireUnanswered($) {
  Object.assign(el, { kuList: $('ku-list'), kuEmpty: $('ku-empty'), kuCount: $('ku-count'), kuRefresh: $('ku-refresh') });
}

subscribe('knowledgeUnanswered', renderUnanswered);
