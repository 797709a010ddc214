/*
 * The intent list of the admin console (see admin.js), the live model's summary, and new intents. Redrawn when
 * the intents, the open one or the live model change (subscribe, at the end); the list is read in intentList.js.
 */
import { isNumber, lines, make, notify, percent, ratio, splitCounts, versionById } from './util.js';
import { call, report, showError } from '../common/api.js';
import { selectIntent } from './editor.js';
import { applyIntents } from './intentList.js';
import { el, state, subscribe } from './state.js';

// -------------------------------------------------------------------------------------------- intents

function renderLive() {
  var v = versionById(state.liveId);
  var number = state.live && isNumber(state.live.number) ? state.live.number : v && isNumber(v.number) ? v.number : null;
  var accuracy = state.live && isNumber(state.live.accuracy) ? state.live.accuracy : v && isNumber(v.accuracy) ? v.accuracy : null;
  if (number === null && (state.liveId === null || state.liveId === undefined)) {
    el.liveVersion.textContent = '线上模型：未知';
    el.liveVersion.removeAttribute('data-version');
    return;
  }
  el.liveVersion.textContent = '线上模型 ' + (number !== null ? 'v' + number : String(state.liveId))
    + ' · ' + (accuracy !== null ? '准确率 ' + percent(accuracy) : '无交叉验证数据');
  el.liveVersion.setAttribute('data-version', String(state.liveId !== null && state.liveId !== undefined ? state.liveId : ''));
}

export function renderIntents() {
  var filter = (el.intentFilter.value || '').trim().toLowerCase();
  el.intentsBody.textContent = '';
  el.intentsTotal.textContent = String(state.intents.length);
  var shown = 0;
  state.intents.forEach(function (intent) {
    var hay = (String(intent.name) + ' ' + String(intent.description || '') + ' ' + String(intent.domain || '')).toLowerCase();
    if (filter && hay.indexOf(filter) < 0) return;
    shown += 1;
    var row = make('tr', 'intent-row');
    row.setAttribute('data-testid', 'intent-row');
    row.setAttribute('data-intent', String(intent.name));
    row.tabIndex = 0;
    if (state.editor && state.editor.name === intent.name) row.classList.add('selected');

    var nameCell = make('td', 'intent-name-cell');
    var name = make('span', 'intent-name', intent.name);
    nameCell.appendChild(name);
    if (intent.isFaq) nameCell.appendChild(make('span', 'badge badge-faq', 'FAQ'));
    row.appendChild(nameCell);
    row.appendChild(make('td', 'muted-cell', intent.description || ''));
    row.appendChild(make('td', 'muted-cell', intent.domain || ''));
    // The same counts as the editor's and the search's (GET /intents: train and test).
    var c = splitCounts(intent);
    var train = make('td', 'num', c.train);
    train.setAttribute('data-testid', 'intent-count-train');
    train.title = '训练集：中文 ' + c.zh + ' 条，英文 ' + c.en + ' 条';
    row.appendChild(train);
    var test = make('td', 'num', c.test);
    test.setAttribute('data-testid', 'intent-count-test');
    test.title = '测试集：只用来检验模型，不参与训练';
    row.appendChild(test);
    var f1 = make('td', 'num', isNumber(intent.f1) ? ratio(intent.f1) : '—');
    f1.setAttribute('data-testid', 'intent-f1');
    if (isNumber(intent.f1) && intent.f1 < 0.7) f1.classList.add('low');
    if (!isNumber(intent.f1)) f1.title = '线上模型没有这个意图的交叉验证结果';
    row.appendChild(f1);

    row.addEventListener('click', function () { selectIntent(intent.name); });
    row.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        selectIntent(intent.name);
      }
    });
    el.intentsBody.appendChild(row);
  });
  el.intentsEmpty.classList.toggle('hidden', shown > 0 || state.intents.length === 0);
}

export function onCreateIntent(event) {
  event.preventDefault();
  var name = el.newName.value.trim();
  var description = el.newDescription.value.trim();
  var domain = el.newDomain.value.trim();
  var zh = lines(el.newAnswer.value);
  var en = lines(el.newAnswerEn.value);
  if (!name) { showError('请填写意图名称。'); el.newName.focus(); return; }
  if (!description) { showError('请填写意图说明。'); el.newDescription.focus(); return; }
  if (/^faq\./.test(name) && zh.length === 0 && en.length === 0) {
    showError('常见问题意图（faq.*）需要填写答案，机器人会直接用它回答。');
    el.newAnswer.focus();
    return;
  }
  var body = { name: name, description: description };
  if (domain) body.domain = domain;
  if (zh.length > 0 || en.length > 0) body.answers = { 'zh-CN': zh, en: en };
  el.newCreate.disabled = true;
  call('POST', 'intents', body).then(function (data) {
    var created = data && data.intent && data.intent.name ? data.intent.name : name;
    el.newIntentForm.reset();
    notify('已创建意图 ' + created + '，请为它添加语料。');
    return call('GET', 'intents').then(function (list) {
      applyIntents(list);
      selectIntent(created);
    });
  }).catch(report('创建意图失败')).then(function () { el.newCreate.disabled = false; });
}

subscribe('intents', renderIntents);
subscribe('editor', renderIntents);
subscribe('live', renderLive);
subscribe('versions', renderLive);
