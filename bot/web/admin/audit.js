/*
 * The audit log of the admin console (see admin.js), read when its tab opens.
 */
import {
  accountLabel, actionLabel, dateTime, describeDetails, describeValue, make, sameId, withoutAdmin,
} from './util.js';
import { call, report } from '../common/api.js';
import { el, state, subscribe } from './state.js';

// ---------------------------------------------------------------------------------------------- audit

export function refreshAudit() {
  if (!state.me) return;
  call('GET', 'audit?limit=50').then(function (data) {
    var entries = Array.isArray(data.entries) ? data.entries : [];
    el.audit.textContent = '';
    entries.forEach(function (e) {
      var row = make('tr', 'audit-entry');
      row.setAttribute('data-testid', 'audit-entry');
      row.setAttribute('data-action', String(e.action || ''));
      row.appendChild(make('td', 'nowrap', dateTime(e.at)));
      // The actor is an account id; admin changes also name the account's username in the details.
      var details = e.details && typeof e.details === 'object' && !Array.isArray(e.details) ? e.details : null;
      var actor = e.actor && typeof e.actor === 'object' ? (e.actor.displayName || e.actor.username || e.actor.id) : e.actor;
      var actorCell = make('td', 'nowrap', (state.me && sameId(state.me.id, actor) ? accountLabel(actor)
        : details && typeof details.admin === 'string' ? details.admin : accountLabel(actor)) || '');
      if (actor) actorCell.title = '账号 ' + describeValue(actor);
      row.appendChild(actorCell);
      var action = make('td', 'nowrap');
      action.appendChild(make('span', 'audit-action', actionLabel(e.action)));
      action.appendChild(make('span', 'audit-code', String(e.action || '')));
      row.appendChild(action);
      // What happened as a sentence (the server's summary: who did what, before → after in words); the raw
      // target and details only when there is none, and as the cell's tooltip.
      var raw = [describeValue(e.target), describeDetails(withoutAdmin(e.details))].filter(Boolean).join(' · ');
      var summary = typeof e.summary === 'string' && e.summary.trim() ? e.summary.trim() : '';
      var said = make('td', summary ? 'audit-summary' : 'audit-details', summary || raw);
      said.setAttribute('data-testid', 'audit-summary');
      if (summary && raw) said.title = raw.length > 500 ? raw.slice(0, 500) + '…' : raw;
      row.appendChild(said);
      el.audit.appendChild(row);
    });
    el.auditEmpty.classList.toggle('hidden', entries.length > 0);
  }, report('读取审计日志失败'));
}

subscribe('tab', function (tab) { if (tab === 'audit') refreshAudit(); });
