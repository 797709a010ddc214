/*
 * The knowledge base's test box in the admin console (see admin.js): a question, its language, and the live
 * version or the draft as it is now; shows which card answers (or the article, or nothing), its confidence, the
 * terms that matched and the question they matched ("why"), the answer with its source, and the runners-up.
 */
import { make, percent } from './util.js';
import { call, report } from '../common/api.js';
import { lawTitle, KNOWLEDGE } from './knowledgeData.js';
import { el, CARD_KINDS } from './state.js';

function onKnowledgeTest(event) {
  event.preventDefault();
  var text = el.ktInput.value.trim();
  if (!text) { el.ktInput.focus(); return; }
  var body = { text: text, locale: el.ktLocale.value || 'zh-CN', source: el.ktSource.value === 'draft' ? 'draft' : 'live' };
  el.ktRun.disabled = true;
  call('POST', KNOWLEDGE + '/test', body).then(function (r) { renderResult(r, body); }, report('测试失败'))
    .then(function () { el.ktRun.disabled = false; });
}

function terms(matched) {
  var ul = make('ul', 'chips');
  ul.setAttribute('data-testid', 'kt-matched');
  (Array.isArray(matched) ? matched : []).forEach(function (t) {
    var chip = make('li', 'chip chip-static', t);
    chip.setAttribute('data-testid', 'kt-term');
    ul.appendChild(chip);
  });
  if (ul.children.length === 0) ul.appendChild(make('li', 'muted', '无'));
  return ul;
}

/** 第N条 (第M项) of a citation ({ law, article, item? }). */
function articleWords(c) {
  return '第 ' + c.article + ' 条' + (c.item ? '第 ' + c.item + ' 项' : '');
}

function fact(dl, label, value, testid) {
  dl.appendChild(make('dt', '', label));
  var dd = make('dd', '');
  if (testid) dd.setAttribute('data-testid', testid);
  if (value instanceof Node) dd.appendChild(value); else dd.textContent = value;
  dl.appendChild(dd);
  return dd;
}

function renderResult(r, asked) {
  var box = el.ktResult;
  box.textContent = '';
  box.classList.remove('hidden');
  var a = r.answer || { kind: 'none' };
  var card = a.kind === 'card' && a.card ? a.card : null;
  box.setAttribute('data-kind', a.kind || 'none');
  box.setAttribute('data-card', card ? card.id : '');
  box.setAttribute('data-source', asked.source);
  var dl = make('dl', 'facts');
  fact(dl, '问题', asked.text + '（' + (asked.locale === 'en' ? '英文' : '中文') + '，' + (asked.source === 'draft' ? '草稿' : '线上版本') + '）');
  if (card) {
    var who = make('span', '');
    var id = make('span', 'intent-name kt-card-id', card.id);
    id.setAttribute('data-testid', 'kt-card');
    who.appendChild(id);
    who.appendChild(make('span', 'muted', ' ' + (card.title && card.title[asked.locale] ? card.title[asked.locale] : '')
      + (CARD_KINDS[card.kind] ? ' · ' + CARD_KINDS[card.kind] : '')));
    fact(dl, '回答的卡片', who);
    fact(dl, '置信度', percent(card.confidence), 'kt-confidence');
    fact(dl, '匹配的词', terms(card.matched));
    fact(dl, '匹配的问法', card.via || '', 'kt-via');
    var answer = make('div', 'kt-answer');
    answer.setAttribute('data-testid', 'kt-answer');
    String((card.answer && card.answer[asked.locale]) || '').split('\n').forEach(function (line) { answer.appendChild(make('p', '', line)); });
    var source = make('p', 'muted', card.citation || '');
    source.setAttribute('data-testid', 'kt-citation');
    answer.appendChild(source);
    fact(dl, '回答', answer);
  } else if (a.kind === 'article' && a.article) {
    fact(dl, '回答', '没有卡片能回答，机器人会给出条文原文：', 'kt-none');
    fact(dl, '条文', '《' + lawTitle(a.article.law) + '》' + articleWords(a.article) + '（置信度 ' + percent(a.article.confidence) + '）');
    var text = make('div', 'kt-answer');
    text.setAttribute('data-testid', 'kt-answer');
    String(a.article.text || '').split('\n').forEach(function (line) { text.appendChild(make('p', '', line)); });
    fact(dl, '原文', text);
  } else {
    fact(dl, '回答', '没有卡片能回答：机器人会如实说明并建议拨打12123（这句话会进入「未答问题」）。', 'kt-none');
  }
  var ranking = make('ol', 'alternatives');
  ranking.setAttribute('data-testid', 'kt-ranking');
  (Array.isArray(r.ranking) ? r.ranking : []).forEach(function (m) {
    if (card && m.id === card.id) return;
    var li = make('li', 'alternative');
    li.setAttribute('data-testid', 'kt-rank');
    li.setAttribute('data-id', m.id);
    li.appendChild(make('span', 'intent-name', m.id));
    li.appendChild(make('span', 'muted', percent(m.confidence) + (Array.isArray(m.matched) && m.matched.length ? ' · ' + m.matched.join('、') : '')));
    ranking.appendChild(li);
  });
  if (ranking.children.length === 0) ranking.appendChild(make('li', 'muted', '无'));
  fact(dl, '其他候选', ranking);
  if (r.article) fact(dl, '最接近的条文', '《' + lawTitle(r.article.law) + '》' + articleWords(r.article) + '（' + percent(r.article.confidence) + '）');
  box.appendChild(dl);
}

/** The test box's elements and controls (called once by the knowledge tab's wiring). */
export function wireKnowledgeTest($) {
  Object.assign(el, {
    ktForm: $('kt-form'), ktInput: $('kt-input'), ktLocale: $('kt-locale'), ktSource: $('kt-source'), ktRun: $('kt-run'),
    ktResult: $('kt-result'),
  });
  el.ktForm.addEventListener('submit', onKnowledgeTest);
}
