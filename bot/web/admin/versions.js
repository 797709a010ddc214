/*
 * The model versions of the admin console (see admin.js): the list, publishing (also forced past the quality
 * gate with a reason) and rolling back. Read when its tab opens (versionList.js); redrawn when the versions, a
 * training or the live model change (subscribe, at the end).
 */
import {
  accountLabel, button, dateTime, isNumber, make, notify, percent, phaseLabel, points, sameId, versionById, versionLabel,
} from './util.js';
import { call } from '../common/api.js';
import { refreshIntents } from './intentList.js';
import { refreshVersions } from './versionList.js';
import { showMetricsOf } from './training.js';
import { closeConfirm, confirmChange } from './publishDialog.js';
import { el, state, subscribe, STATUSES } from './state.js';

// ---------------------------------------------------------------------------------------- versions

function wasPublished(v) {
  if (v.publishedAt) return true;
  var current = versionById(state.liveId);
  return !!(current && isNumber(current.number) && isNumber(v.number) && v.number < current.number);
}

function renderVersions() {
  el.versionsBody.textContent = '';
  state.versions.forEach(function (v) {
    var isLive = v.live === true || sameId(v.id, state.liveId);
    var row = make('tr', 'version-row' + (isLive ? ' live' : ''));
    row.setAttribute('data-testid', 'version-row');
    row.setAttribute('data-version', String(v.id));
    row.setAttribute('data-status', String(v.status || ''));
    row.setAttribute('data-live', isLive ? 'true' : 'false');

    var label = make('td', 'version-label');
    label.appendChild(make('span', 'version-number', versionLabel(v)));
    if (isLive) {
      var badge = make('span', 'badge badge-live', '线上');
      badge.setAttribute('data-testid', 'live-badge');
      label.appendChild(badge);
    }
    if (v.dataHash) label.title = '数据指纹 ' + String(v.dataHash);
    row.appendChild(label);

    var status = make('td', 'version-status');
    status.setAttribute('data-testid', 'version-status');
    var statusBadge = make('span', 'status status-' + String(v.status || ''), STATUSES[v.status] || v.status || '');
    status.appendChild(statusBadge);
    if (v.status === 'training') {
      var p = v.progress || {};
      status.appendChild(make('span', 'muted', ' ' + [phaseLabel(p.phase), isNumber(p.percent) ? Math.round(p.percent) + '%' : ''].filter(Boolean).join(' · ')));
    } else if (v.status === 'failed' && v.error) {
      var why = make('span', 'version-error', ' ' + v.error);
      status.appendChild(why);
    }
    row.appendChild(status);

    row.appendChild(make('td', 'num', percent(v.accuracy)));
    row.appendChild(make('td', 'num', Array.isArray(v.intents) ? v.intents.length : '—'));
    var by = make('td', 'nowrap', accountLabel(v.createdBy));
    if (v.createdBy) by.title = '账号 ' + String(v.createdBy);
    row.appendChild(by);
    row.appendChild(make('td', 'nowrap', dateTime(v.createdAt)));
    row.appendChild(make('td', 'nowrap', dateTime(v.publishedAt)));

    var actions = make('td', 'actions');
    if (v.status === 'ready') {
      var view = button('button-small', '查看指标', 'version-metrics');
      view.addEventListener('click', function () { showMetricsOf(v.id); });
      actions.appendChild(view);
      if (!isLive && wasPublished(v)) {
        var back = button('button-small', '回滚到此版本', 'rollback');
        back.addEventListener('click', function () { rollback(v); });
        actions.appendChild(back);
      } else if (!isLive) {
        var pub = button('button-small button-primary', '发布', 'publish');
        pub.addEventListener('click', function () { publish(v); });
        actions.appendChild(pub);
      }
    }
    row.appendChild(actions);
    el.versionsBody.appendChild(row);
  });
  el.versionsEmpty.classList.toggle('hidden', state.versions.length > 0);
}

function published(v, what) {
  notify(what + ' ' + versionLabel(v) + '，线上模型已切换。');
  refreshVersions();
  refreshIntents();
}

/** Publishing asks first, showing what changes (publishDialog.js); a version the quality gate refuses can be forced. */
function publish(v) {
  confirmChange('publish', v, function () {
    return call('POST', 'versions/' + encodeURIComponent(String(v.id)) + '/publish', {}).then(function () {
      published(v, '已发布');
    }, function (err) {
      if (err && err.status === 409 && err.data && (err.data.accuracyDelta !== undefined || Array.isArray(err.data.lostIntents))) {
        closeConfirm();
        openForce(v, err.data);
        return;
      }
      throw err;
    });
  });
}

function rollback(v) {
  confirmChange('rollback', v, function () {
    return call('POST', 'versions/' + encodeURIComponent(String(v.id)) + '/rollback', {}).then(function () {
      published(v, '已回滚到');
    });
  });
}

function openForce(v, data) {
  state.forceId = v.id;
  var current = versionById(state.liveId);
  el.forceText.textContent = '版本 ' + versionLabel(v) + ' 没有通过发布前的质量检查'
    + (current ? '（与线上 ' + versionLabel(current) + ' 相比）' : '') + '：' + (typeof data.error === 'string' ? data.error : '');
  el.forceDetails.textContent = '';
  var delta = points(data.accuracyDelta, current ? current.accuracy : null);
  if (delta) el.forceDetails.appendChild(make('li', '', '准确率变化：' + delta));
  var lost = Array.isArray(data.lostIntents) ? data.lostIntents : [];
  if (lost.length > 0) el.forceDetails.appendChild(make('li', '', '丢失的意图：' + lost.join('、')));
  el.forceReason.value = '';
  el.forceError.textContent = '';
  el.forceDialog.classList.remove('hidden');
  el.forceReason.focus();
}

export function closeForce() {
  state.forceId = null;
  el.forceDialog.classList.add('hidden');
  el.forcePublish.disabled = false;
}

export function onForce(event) {
  event.preventDefault();
  if (state.forceId === null) return;
  var id = state.forceId;
  var reason = el.forceReason.value.trim();
  if (!reason) {
    el.forceError.textContent = '请填写强制发布的原因。';
    el.forceReason.focus();
    return;
  }
  el.forcePublish.disabled = true;
  el.forceError.textContent = '';
  call('POST', 'versions/' + encodeURIComponent(String(id)) + '/publish', { force: true, reason: reason }).then(function () {
    var v = versionById(id) || { id: id };
    closeForce();
    published(v, '已强制发布');
  }, function (err) {
    el.forcePublish.disabled = false;
    if (err && err.handled) return;
    el.forceError.textContent = '强制发布失败：' + err.message;
  });
}

subscribe('versions', renderVersions);
subscribe('version', renderVersions);
subscribe('live', renderVersions);
subscribe('tab', function (tab) { if (tab === 'versions') refreshVersions(); });
