/*
 * Training in the admin console (see admin.js): starting it, its progress, and the metrics of a version with
 * the confusion heat map. Follows the versions and trainings (subscribe, at the end): the progress bar, and the
 * result of a training this page watched once it ends.
 */
import {
  dateTime, isNumber, make, notify, parseEvent, percent, phaseLabel, points, ratio, sameId, versionById, versionLabel,
} from './util.js';
import { call, report, showError } from '../common/api.js';
import { setTab } from './tabs.js';
import { refreshVersions } from './versionList.js';
import { closeConfusionDetail, showConfusionCell } from './confusionDetail.js';
import { changed, el, state, subscribe } from './state.js';

// ------------------------------------------------------------------------------------------- training

export function onTrain(event) {
  event.preventDefault();
  var folds = Number(el.trainFolds.value);
  if (!(Math.floor(folds) === folds && folds >= 3 && folds <= 10)) {
    showError('交叉验证折数须是 3 到 10 之间的整数。');
    el.trainFolds.focus();
    return;
  }
  el.train.disabled = true;
  call('POST', 'train', { folds: folds }).then(function (data) {
    var v = data && data.version;
    if (!v) throw new Error('服务器没有返回新版本');
    state.trackedId = v.id;
    state.awaitingId = v.id;
    var seen = state.progressById[v.id];
    if (seen) {
      v.status = seen.status || v.status;
      v.progress = { phase: seen.phase, percent: seen.percent };
    }
    if (!versionById(v.id)) state.versions.unshift(v);
    else state.versions = state.versions.map(function (x) { return sameId(x.id, v.id) ? mergeVersion(x, v) : x; });
    notify('已开始训练 ' + versionLabel(v) + '（' + folds + ' 折交叉验证）。');
    changed('version');
  }).catch(function (err) {
    if (err && err.status === 409) {
      showError('已有训练在进行中，请等它结束后再试（' + err.message + '）。');
      refreshVersions();
      return;
    }
    report('开始训练失败')(err);
  }).then(function () { renderProgress(); });
}

function mergeVersion(old, fresh) {
  var merged = {};
  Object.keys(old).forEach(function (k) { merged[k] = old[k]; });
  Object.keys(fresh).forEach(function (k) { merged[k] = fresh[k]; });
  return merged;
}

/** The progress bar of the version the panel follows. */
function renderProgress() {
  var v = state.trackedId !== null ? versionById(state.trackedId) : null;
  var running = state.versions.some(function (x) { return x.status === 'training'; });
  el.train.disabled = running || !state.me;
  if (!v) {
    el.progress.classList.add('hidden');
    el.progress.removeAttribute('data-version');
    el.progress.setAttribute('data-status', '');
    return;
  }
  var p = v.progress || {};
  var pct = v.status === 'ready' ? 100 : isNumber(p.percent) ? Math.max(0, Math.min(100, p.percent)) : 0;
  el.progress.classList.remove('hidden');
  el.progress.setAttribute('data-version', String(v.id));
  el.progress.setAttribute('data-status', String(v.status || ''));
  el.progress.setAttribute('data-percent', String(Math.round(pct)));
  el.progress.setAttribute('aria-valuenow', String(Math.round(pct)));
  el.progress.classList.toggle('progress-failed', v.status === 'failed');
  el.progress.classList.toggle('progress-done', v.status === 'ready');
  el.progressFill.style.width = pct + '%';
  var text;
  if (v.status === 'ready') text = versionLabel(v) + ' 训练完成 · 100%';
  else if (v.status === 'failed') text = versionLabel(v) + ' 训练失败' + (v.error ? '：' + v.error : '');
  else text = versionLabel(v) + ' 训练中' + (p.phase ? ' · ' + phaseLabel(p.phase) : '') + ' · ' + Math.round(pct) + '%';
  el.progressText.textContent = text;
}

export function onTrainingEvent(event) {
  var data = parseEvent(event);
  if (!data || data.versionId === undefined || data.versionId === null) return;
  state.progressById[data.versionId] = data;
  var v = versionById(data.versionId);
  if (!v) {
    // A version this page has not seen yet: started elsewhere (or the POST answer is still on its way).
    if (data.status === 'training' && state.awaitingId === null) {
      state.trackedId = data.versionId;
      state.awaitingId = data.versionId;
    }
    refreshVersions();
    return;
  }
  if (data.status) v.status = data.status;
  v.progress = { phase: data.phase, percent: data.percent };
  if (data.status === 'training' && !sameId(state.awaitingId, data.versionId)) {
    state.trackedId = data.versionId;
    state.awaitingId = data.versionId;
  }
  changed('version');
}

/** Reads the result of the watched training once it ended, however the page learnt of it. */
function observe(v) {
  if (!v || !sameId(v.id, state.awaitingId) || (v.status !== 'ready' && v.status !== 'failed')) return;
  state.awaitingId = null;
  finished(v.id, v.status);
}

/** A training ended: read the version again (accuracy, error), and show its metrics when it is followed. */
function finished(id, status) {
  call('GET', 'versions/' + encodeURIComponent(String(id))).then(function (data) {
    if (data && data.version) {
      state.versions = state.versions.map(function (x) { return sameId(x.id, id) ? mergeVersion(x, data.version) : x; });
      changed('version');
    }
    if (status === 'failed') {
      var v = versionById(id);
      showError('训练 ' + versionLabel(v) + ' 失败：' + (v && v.error ? v.error : '原因未知'));
      return;
    }
    if (sameId(state.trackedId, id)) {
      state.metricsId = id;
      renderMetrics(id, data);
    }
  }, report('读取训练结果失败'));
}

function showTrainPanel() {
  renderProgress();
  if (state.metricsId !== null) return;
  // Nothing chosen yet: the newest finished version.
  var newest = state.versions.filter(function (v) { return v.status === 'ready'; })[0];
  if (newest && !state.versions.some(function (v) { return v.status === 'training'; })) loadMetrics(newest.id);
}

export function showMetricsOf(id) {
  setTab('train');
  loadMetrics(id);
}

function loadMetrics(id) {
  state.metricsId = id;
  if (sameId(state.metricsLoadingId, id)) return;
  state.metricsLoadingId = id;
  call('GET', 'versions/' + encodeURIComponent(String(id))).then(function (data) {
    if (!sameId(state.metricsId, id)) return;
    renderMetrics(id, data);
  }, report('读取评估结果失败')).then(function () {
    if (sameId(state.metricsLoadingId, id)) state.metricsLoadingId = null;
  });
}

function renderMetrics(id, data) {
  var v = (data && data.version) || versionById(id) || { id: id };
  var m = data ? data.metrics : null;
  var c = (data && data.comparison) || {};
  el.metrics.classList.remove('hidden');
  el.metrics.setAttribute('data-version', String(id));
  el.metricsVersion.textContent = versionLabel(v) + (v.createdAt ? ' · ' + dateTime(v.createdAt) : '');
  el.metricsNone.classList.toggle('hidden', !!m);
  el.metricsBody.classList.toggle('hidden', !m);
  if (!m) return;

  el.metricsAccuracy.textContent = percent(m.accuracy);
  var delta = points(c.accuracyDelta, c.liveAccuracy);
  var liveVersion = versionById(c.liveId);
  if (sameId(c.liveId, id)) el.metricsDelta.textContent = '这就是线上版本';
  else if (delta) el.metricsDelta.textContent = delta + '（线上 ' + (liveVersion ? versionLabel(liveVersion) + ' ' : '') + percent(c.liveAccuracy) + '）';
  else el.metricsDelta.textContent = '线上模型' + (liveVersion ? ' ' + versionLabel(liveVersion) : '') + '没有交叉验证数据，无法比较';
  el.metricsDelta.classList.toggle('bad', isNumber(c.accuracyDelta) && c.accuracyDelta < 0);
  var lost = Array.isArray(c.lostIntents) ? c.lostIntents : [];
  el.metricsLost.textContent = lost.length > 0 ? lost.join('、') : '无';
  el.metricsLost.classList.toggle('bad', lost.length > 0);

  el.metricsRows.textContent = '';
  var perIntent = Array.isArray(m.perIntent) ? m.perIntent.slice() : [];
  perIntent.sort(function (a, b) { return (isNumber(a.f1) ? a.f1 : 2) - (isNumber(b.f1) ? b.f1 : 2) || String(a.intent).localeCompare(String(b.intent)); });
  perIntent.forEach(function (p) {
    var row = make('tr', 'metrics-row');
    row.setAttribute('data-testid', 'metrics-row');
    row.setAttribute('data-intent', String(p.intent));
    row.appendChild(make('td', 'intent-name', p.intent));
    row.appendChild(make('td', 'num', ratio(p.precision)));
    row.appendChild(make('td', 'num', ratio(p.recall)));
    var f1 = make('td', 'num', ratio(p.f1));
    if (isNumber(p.f1) && p.f1 < 0.7) f1.classList.add('low');
    row.appendChild(f1);
    row.appendChild(make('td', 'num', isNumber(p.support) ? p.support : '—'));
    el.metricsRows.appendChild(row);
  });
  if (el.confusionDetail.getAttribute('data-version') !== String(id)) closeConfusionDetail();
  el.confusionDetail.setAttribute('data-version', String(id));
  renderConfusion(m.confusion, id);
}

/**
 * The confusion matrix as a table of cells: rows are the annotated (gold) intents, columns the predicted
 * ones. A cell's colour grows with its share of the row: green on the diagonal (right), red elsewhere.
 */
function renderConfusion(confusion, versionId) {
  el.confusion.textContent = '';
  var labels = confusion && Array.isArray(confusion.labels) ? confusion.labels : [];
  var matrix = confusion && Array.isArray(confusion.matrix) ? confusion.matrix : [];
  el.confusion.setAttribute('data-labels', String(labels.length));
  if (labels.length === 0) return;
  var head = make('thead');
  var top = make('tr');
  top.appendChild(make('th', 'heat-corner', '标注 ＼ 预测'));
  labels.forEach(function (label) {
    var th = make('th', 'heat-col');
    th.scope = 'col';
    th.title = '预测为 ' + label;
    th.appendChild(make('span', 'heat-col-text', label));
    top.appendChild(th);
  });
  top.appendChild(make('th', 'heat-col heat-total-head', '合计'));
  head.appendChild(top);
  el.confusion.appendChild(head);

  var bodyRows = make('tbody');
  labels.forEach(function (gold, i) {
    var values = Array.isArray(matrix[i]) ? matrix[i] : [];
    var total = 0;
    values.forEach(function (n) { if (isNumber(n)) total += n; });
    var row = make('tr', 'heat-row');
    row.setAttribute('data-testid', 'confusion-row');
    row.setAttribute('data-gold', String(gold));
    var th = make('th', 'heat-row-head', gold);
    th.scope = 'row';
    row.appendChild(th);
    labels.forEach(function (predicted, j) {
      var n = isNumber(values[j]) ? values[j] : 0;
      var right = i === j;
      var cell = make('td', 'heat-cell ' + (right ? 'heat-right' : 'heat-wrong'), n > 0 ? String(n) : '');
      cell.setAttribute('data-testid', 'confusion-cell');
      cell.setAttribute('data-gold', String(gold));
      cell.setAttribute('data-predicted', String(predicted));
      cell.setAttribute('data-count', String(n));
      cell.title = '标注 ' + gold + ' → 预测 ' + predicted + '：' + n + ' 条' + (total > 0 ? '（占本行 ' + (n / total * 100).toFixed(1) + '%）' : '');
      var share = total > 0 ? n / total : 0;
      if (n > 0) {
        // Light for a small share, saturated for the whole row; the text turns white on dark cells.
        var strength = 0.15 + 0.85 * share;
        var lightness = Math.round(96 - 58 * strength);
        cell.style.backgroundColor = right ? 'hsl(140, 55%, ' + lightness + '%)' : 'hsl(4, 75%, ' + lightness + '%)';
        if (lightness < 60) cell.classList.add('heat-dark');
        // A cell with examples opens them: the misclassified ones off the diagonal.
        cell.classList.add('heat-open');
        cell.tabIndex = 0;
        cell.setAttribute('role', 'button');
        cell.setAttribute('aria-label', cell.title + '，点击查看这些语料');
        var open = function () { showConfusionCell(versionId, String(gold), String(predicted), n); };
        cell.addEventListener('click', open);
        cell.addEventListener('keydown', function (event) {
          if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); open(); }
        });
      }
      row.appendChild(cell);
    });
    row.appendChild(make('td', 'heat-total', String(total)));
    bodyRows.appendChild(row);
  });
  el.confusion.appendChild(bodyRows);
}

subscribe('versions', function () {
  renderProgress();
  if (state.tab === 'train') showTrainPanel();
  observe(versionById(state.awaitingId));
});
subscribe('version', function () {
  renderProgress();
  observe(versionById(state.awaitingId));
});
subscribe('tab', function (tab) { if (tab === 'train') showTrainPanel(); });
