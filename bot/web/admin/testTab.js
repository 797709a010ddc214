/*
 * The test tab of the admin console (see admin.js): what the live model (or a chosen version) makes of a text.
 * Its choice of versions follows the versions and trainings (subscribe, at the end).
 */
import { describeValue, intentByName, isNumber, make, percent, versionById, versionLabel } from './util.js';
import { call, report } from '../common/api.js';
import { el, state, subscribe } from './state.js';

// ----------------------------------------------------------------------------------------------- test

/** The options shown last ([value, text] pairs), so that a training's progress leaves an open list alone. */
var shown = '';

function renderTestVersions() {
  var options = [['', '线上模型' + (state.liveId !== null && state.liveId !== undefined && versionById(state.liveId) ? '（' + versionLabel(versionById(state.liveId)) + '）' : '')]];
  state.versions.forEach(function (v) {
    if (v.status !== 'ready') return;
    options.push([String(v.id), versionLabel(v) + (v.live ? '（线上）' : '') + (isNumber(v.accuracy) ? ' · ' + percent(v.accuracy) : '')]);
  });
  if (JSON.stringify(options) === shown) return;
  shown = JSON.stringify(options);
  var chosen = el.testVersion.value;
  el.testVersion.textContent = '';
  options.forEach(function (option) {
    var o = make('option', '', option[1]);
    o.value = option[0];
    el.testVersion.appendChild(o);
  });
  el.testVersion.value = chosen;
  if (el.testVersion.value !== chosen) el.testVersion.value = '';
}

export function onTest(event) {
  event.preventDefault();
  var text = el.testInput.value.trim();
  if (!text) { el.testInput.focus(); return; }
  var body = { text: text };
  if (el.testVersion.value) body.versionId = el.testVersion.value;
  el.testRun.disabled = true;
  call('POST', 'test', body).then(renderTestResult, report('识别失败')).then(function () { el.testRun.disabled = false; });
}

function renderTestResult(r) {
  el.testResult.classList.remove('hidden');
  el.testResult.setAttribute('data-intent', String(r.intent || ''));
  el.testText.textContent = r.text || '';
  el.testIntent.textContent = r.intent || '（无）';
  var intent = intentByName(r.intent);
  el.testIntentDescription.textContent = intent && intent.description ? intent.description : (r.intent === 'None' ? '未识别' : '');
  el.testScore.textContent = percent(r.score);
  el.testScoreBar.style.width = (isNumber(r.score) ? Math.max(0, Math.min(1, r.score > 1 ? r.score / 100 : r.score)) * 100 : 0) + '%';
  el.testEntities.textContent = '';
  var entities = Array.isArray(r.entities) ? r.entities : [];
  if (entities.length === 0) el.testEntities.appendChild(make('li', 'muted', '无'));
  entities.forEach(function (e) {
    var chip = make('li', 'chip chip-static', String(e.entity) + '：' + describeValue(e.value !== undefined ? e.value : e.text));
    chip.setAttribute('data-testid', 'test-entity');
    chip.setAttribute('data-entity', String(e.entity));
    el.testEntities.appendChild(chip);
  });
  el.testAlternatives.textContent = '';
  var alternatives = Array.isArray(r.alternatives) ? r.alternatives : [];
  if (alternatives.length === 0) el.testAlternatives.appendChild(make('li', 'muted', '无'));
  alternatives.slice(0, 5).forEach(function (a) {
    var item = make('li', 'alternative');
    item.setAttribute('data-testid', 'test-alternative');
    item.appendChild(make('span', 'intent-name', a.intent));
    item.appendChild(make('span', 'muted', percent(a.score)));
    el.testAlternatives.appendChild(item);
  });
}

subscribe('versions', renderTestVersions);
subscribe('version', renderTestVersions);
subscribe('tab', function (tab) { if (tab === 'test') renderTestVersions(); });
