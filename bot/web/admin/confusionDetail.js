/*
 * The examples behind one cell of the confusion heat map (see admin.js): a click on a cell lists the
 * cross-validation examples annotated as one intent and predicted as another (GET /versions/:id/confusion),
 * each with 「查找」 to find it among the utterances. Versions trained before the examples were recorded say so.
 */
import { button, make } from './util.js';
import { call, report } from '../common/api.js';
import { setTab } from './tabs.js';
import { searchFor } from './search.js';
import { el } from './state.js';

var asked = 0;

export function closeConfusionDetail() {
  asked += 1;
  el.confusionDetail.classList.add('hidden');
  el.confusionDetail.removeAttribute('data-expected');
  el.confusionDetail.removeAttribute('data-predicted');
  el.confusionExamples.textContent = '';
}

function renderExample(e) {
  var li = make('li', 'confusion-example');
  li.setAttribute('data-testid', 'confusion-example');
  li.appendChild(make('span', 'confusion-text', e.text));
  var how = make('span', 'confusion-how');
  how.appendChild(make('span', 'intent-name', e.expected));
  how.appendChild(make('span', 'confusion-arrow', ' → '));
  how.appendChild(make('span', 'intent-name confusion-predicted', e.predicted));
  li.appendChild(how);
  var find = button('button-small button-quiet', '查找', 'confusion-find');
  find.title = '在语料中查找这句话';
  find.addEventListener('click', function () {
    setTab('intents');
    searchFor(e.text);
  });
  li.appendChild(find);
  return li;
}

/** Shows the examples of the cell (expected → predicted) of version `versionId`; `count` is the cell's number. */
export function showConfusionCell(versionId, expected, predicted, count) {
  var mine = ++asked;
  var right = expected === predicted;
  el.confusionDetail.classList.remove('hidden');
  el.confusionDetail.setAttribute('data-expected', expected);
  el.confusionDetail.setAttribute('data-predicted', predicted);
  el.confusionDetail.setAttribute('data-loading', 'true');
  el.confusionDetailTitle.textContent = right
    ? '标注为 ' + expected + ' 且预测正确的 ' + count + ' 条语料'
    : '标注为 ' + expected + '、却被预测为 ' + predicted + ' 的 ' + count + ' 条语料';
  el.confusionDetailHint.textContent = '读取中…';
  el.confusionExamples.textContent = '';
  var path = 'versions/' + encodeURIComponent(String(versionId)) + '/confusion?expected=' + encodeURIComponent(expected)
    + '&predicted=' + encodeURIComponent(predicted);
  call('GET', path).then(function (data) {
    if (mine !== asked) return;
    var examples = Array.isArray(data.examples) ? data.examples : [];
    el.confusionDetail.setAttribute('data-loading', 'false');
    if (data.reason === 'not_recorded') {
      el.confusionDetailHint.textContent = '这个版本训练时还没有记录交叉验证的语料，无法列出；重新训练一个版本后可以查看。';
    } else if (examples.length === 0) {
      el.confusionDetailHint.textContent = '没有这样的语料。';
    } else {
      el.confusionDetailHint.textContent = right
        ? '交叉验证时这些语料都被认对了。'
        : '交叉验证时这些语料被认错了。常见的改法：把说法不清的句子改写或删掉，给 ' + expected + ' 补充更有区别的说法。';
    }
    examples.forEach(function (e) { el.confusionExamples.appendChild(renderExample(e)); });
    el.confusionDetail.scrollIntoView({ block: 'nearest' });
  }, function (err) {
    if (mine !== asked) return;
    el.confusionDetail.setAttribute('data-loading', 'false');
    el.confusionDetailHint.textContent = '读取失败。';
    report('读取被认错的语料失败')(err);
  });
}
