/*
 * The knowledge card editor of the admin console (see admin.js): a card of the draft opened from the list, a new
 * one, or one made of a group of unanswered questions (their texts as its questions). Its fields: kind, topic,
 * titles, questions one per line per language, answers, the articles it cites (the cited article's text shown
 * next to them), the service it offers and, for safety cards, the urgent word groups. Saving sends the whole
 * card; what the server finds wrong (a 400 with its problems) is shown next to the fields and nothing is saved.
 * The fields are filled once when a card opens; the renderer (subscribe, at the end) only shows the mode, the
 * card's state and the problems, so what the administrator typed is never overwritten.
 */
import { button, dateTime, lines, make, notify } from './util.js';
import { call, report } from '../common/api.js';
import { lawTitle, loadLaws, overviewCard, refreshAllKnowledge, refreshKnowledge, KNOWLEDGE } from './knowledgeData.js';
import { changed, el, state, subscribe, CARD_KINDS, CARD_OFFERS, CARD_PROBLEMS, CARD_STATES } from './state.js';

/** Articles read for the preview, by "law:number" (the answer, or null for an article that does not exist). */
var articles = {};
/** The cite row whose article the preview shows. */
var previewRow = null;
var previewTimer = 0;

var FIELDS = ['id', 'kind', 'topic', 'title', 'questions', 'answer', 'cites', 'offer', 'urgent'];

// ------------------------------------------------------------------------------------------- opening

/** Opens a card of the draft (read from the server: the list only has its titles). */
export function openCard(id) {
  if (!state.me) return;
  state.knowledgeEditor = { mode: 'edit', id: id, items: [], problems: [], loading: true };
  fill(null);
  changed('knowledgeEditor');
  loadLaws();
  call('GET', KNOWLEDGE + '/cards/' + encodeURIComponent(id)).then(function (data) {
    if (!state.knowledgeEditor || state.knowledgeEditor.id !== id) return;
    state.knowledgeEditor.loading = false;
    state.knowledgeEditor.updatedBy = data.updatedBy;
    state.knowledgeEditor.updatedAt = data.updatedAt;
    fill(data.card);
    changed('knowledgeEditor');
  }, function (err) {
    if (state.knowledgeEditor && state.knowledgeEditor.id === id) state.knowledgeEditor = null;
    changed('knowledgeEditor');
    report('读取卡片失败')(err);
  });
  el.keId.focus();
}

/** A new card: its id is chosen by the administrator (主题.名称). */
export function openNewCard() {
  if (!state.me) return;
  state.knowledgeEditor = { mode: 'new', id: '', items: [], problems: [], loading: false };
  fill({ kind: 'answer', cites: [{}] });
  changed('knowledgeEditor');
  loadLaws();
  el.keId.focus();
}

/** A new card made of a group of unanswered questions: their texts are its questions; saving files them. */
export function openCardFromGroup(group) {
  if (!state.me) return;
  var items = Array.isArray(group.items) ? group.items : [];
  var questions = { 'zh-CN': [], en: [] };
  items.forEach(function (item) {
    var list = questions[item.locale === 'en' ? 'en' : 'zh-CN'];
    if (list.indexOf(item.text) < 0) list.push(item.text);
  });
  state.knowledgeEditor = {
    mode: 'inbox', id: '', items: items.map(function (i) { return i.id; }), problems: [], loading: false,
    representative: group.representative || (items[0] && items[0].text) || '',
  };
  fill({ kind: 'answer', questions: questions, cites: [{}] });
  changed('knowledgeEditor');
  loadLaws();
  el.keId.focus();
}

export function closeCardEditor() {
  state.knowledgeEditor = null;
  changed('knowledgeEditor');
}

// ---------------------------------------------------------------------------------------------- fields

function text(o, locale) { return o && typeof o[locale] === 'string' ? o[locale] : ''; }
function list(o, locale) { return o && Array.isArray(o[locale]) ? o[locale].join('\n') : ''; }

/** Puts a card into the fields (null: empties them). */
function fill(card) {
  var c = card || {};
  el.keId.value = state.knowledgeEditor && state.knowledgeEditor.mode === 'edit' ? state.knowledgeEditor.id : (c.id || '');
  el.keKind.value = c.kind || 'answer';
  el.keTopic.value = c.topic || '';
  el.keTitleZh.value = text(c.title, 'zh-CN');
  el.keTitleEn.value = text(c.title, 'en');
  el.keQuestionsZh.value = list(c.questions, 'zh-CN');
  el.keQuestionsEn.value = list(c.questions, 'en');
  el.keAnswerZh.value = text(c.answer, 'zh-CN');
  el.keAnswerEn.value = text(c.answer, 'en');
  fillOffer(c.offer || '');
  el.keUrgent.value = Array.isArray(c.urgent) ? c.urgent.map(function (g) { return g.join('、'); }).join('\n') : '';
  el.keCites.textContent = '';
  previewRow = null;
  showArticle(null);
  (Array.isArray(c.cites) ? c.cites : []).forEach(function (cite) { addCiteRow(cite); });
  if (card && el.keCites.children.length > 0) preview(el.keCites.firstChild);
}

function fillOffer(value) {
  el.keOffer.textContent = '';
  var none = make('option', '', '不推荐办理');
  none.value = '';
  el.keOffer.appendChild(none);
  var offers = Object.keys(CARD_OFFERS);
  if (value && offers.indexOf(value) < 0) offers.push(value);
  offers.forEach(function (intent) {
    var o = make('option', '', (CARD_OFFERS[intent] || intent) + '（' + intent + '）');
    o.value = intent;
    el.keOffer.appendChild(o);
  });
  el.keOffer.value = value;
}

/** A whole-number field of a citation row (article, item): 1 or more, empty when the citation has none. */
function numberInput(cls, placeholder, label, testid, value) {
  var input = make('input', 'text-input input-number ' + cls);
  input.type = 'number';
  input.min = '1';
  input.step = '1';
  input.placeholder = placeholder;
  input.setAttribute('aria-label', label);
  input.setAttribute('data-testid', testid);
  input.value = value !== undefined && value !== null ? String(value) : '';
  return input;
}

/** The laws a cite row offers (the list read from the server, and the row's own law when it is not in it). */
function fillLaws(select, chosen) {
  select.textContent = '';
  var pick = make('option', '', '选择法规…');
  pick.value = '';
  select.appendChild(pick);
  var ids = state.laws.map(function (l) { return l.id; });
  if (chosen && ids.indexOf(chosen) < 0) ids.push(chosen);
  ids.forEach(function (id) {
    var o = make('option', '', lawTitle(id));
    o.value = id;
    select.appendChild(o);
  });
  select.value = chosen || '';
}

export function addCiteRow(cite) {
  var c = cite || {};
  var row = make('div', 'cite-row');
  row.setAttribute('data-testid', 'ke-cite');
  var law = make('select', 'select cite-law');
  law.setAttribute('data-testid', 'ke-cite-law');
  law.setAttribute('aria-label', '法规');
  fillLaws(law, c.law || '');
  var article = numberInput('cite-article', '条', '第几条', 'ke-cite-article', c.article);
  var item = numberInput('cite-item', '项（可选）', '第几项（可选）', 'ke-cite-item', c.item);
  var show = button('button-small', '查看条文', 'ke-cite-show');
  show.addEventListener('click', function () { preview(row); });
  var remove = button('button-icon', '删除', 'ke-cite-remove');
  remove.setAttribute('aria-label', '删除这条引用');
  remove.addEventListener('click', function () {
    if (previewRow === row) { previewRow = null; showArticle(null); }
    row.remove();
  });
  [law, article, item].forEach(function (input) {
    input.addEventListener('change', function () { preview(row); });
    input.addEventListener('input', function () {
      row.classList.remove('invalid');
      if (previewTimer) window.clearTimeout(previewTimer);
      previewTimer = window.setTimeout(function () { previewTimer = 0; preview(row); }, 400);
    });
  });
  row.appendChild(law);
  row.appendChild(make('span', 'cite-word', '第'));
  row.appendChild(article);
  row.appendChild(make('span', 'cite-word', '条'));
  row.appendChild(item);
  row.appendChild(show);
  row.appendChild(remove);
  el.keCites.appendChild(row);
  return row;
}

function citeOf(row) {
  return {
    law: row.querySelector('.cite-law').value,
    article: row.querySelector('.cite-article').value.trim(),
    item: row.querySelector('.cite-item').value.trim(),
  };
}

/** The card as the fields say it (what is sent to the server, which checks it). */
function cardFromFields() {
  var kind = el.keKind.value;
  var card = {
    id: el.keId.value.trim(),
    kind: kind,
    topic: el.keTopic.value.trim(),
    title: { 'zh-CN': el.keTitleZh.value.trim(), en: el.keTitleEn.value.trim() },
    questions: { 'zh-CN': lines(el.keQuestionsZh.value), en: lines(el.keQuestionsEn.value) },
    answer: { 'zh-CN': lines(el.keAnswerZh.value).join('\n'), en: lines(el.keAnswerEn.value).join('\n') },
    cites: [],
  };
  Array.prototype.forEach.call(el.keCites.children, function (row) {
    var c = citeOf(row);
    if (!c.law && !c.article && !c.item) return;
    var cite = { law: c.law, article: c.article === '' ? null : Number(c.article) };
    if (c.item !== '') cite.item = Number(c.item);
    card.cites.push(cite);
  });
  if (el.keOffer.value) card.offer = el.keOffer.value;
  if (kind === 'safety') {
    card.urgent = lines(el.keUrgent.value).map(function (line) {
      return line.split(/[、,，;；\s]+/).map(function (w) { return w.trim(); }).filter(Boolean);
    }).filter(function (g) { return g.length > 0; });
  }
  return card;
}

// --------------------------------------------------------------------------------------- the article

/** Shows the article a cite row points to (read once, then kept), its cited item marked. */
function preview(row) {
  if (!row || !row.parentNode) return;
  previewRow = row;
  Array.prototype.forEach.call(el.keCites.children, function (r) { r.classList.toggle('previewed', r === row); });
  var c = citeOf(row);
  var n = Number(c.article);
  if (!c.law || !c.article || !isFinite(n) || n < 1 || Math.floor(n) !== n) { showArticle(null); return; }
  var key = c.law + ':' + n;
  if (Object.prototype.hasOwnProperty.call(articles, key)) { showArticle(articles[key], c); return; }
  call('GET', KNOWLEDGE + '/laws/' + encodeURIComponent(c.law) + '/articles/' + n).then(function (data) {
    articles[key] = data;
    if (previewRow === row) showArticle(data, citeOf(row));
  }, function (err) {
    if (err && err.status === 404) {
      articles[key] = { missing: true, law: c.law, number: n };
      if (previewRow === row) showArticle(articles[key], citeOf(row));
      return;
    }
    report('读取条文失败')(err);
  });
}

function showArticle(article, cite) {
  var box = el.keArticle;
  box.textContent = '';
  box.classList.toggle('hidden', !article);
  box.removeAttribute('data-article');
  box.removeAttribute('data-missing');
  if (!article) return;
  box.setAttribute('data-article', String(article.law) + ':' + String(article.number));
  if (article.missing) {
    box.setAttribute('data-missing', 'true');
    box.appendChild(make('p', 'article-missing', '《' + lawTitle(article.law) + '》没有第 ' + article.number + ' 条。'));
    return;
  }
  var head = make('p', 'article-head', article.citation || ('《' + lawTitle(article.law) + '》第 ' + article.number + ' 条'));
  head.setAttribute('data-testid', 'ke-article-citation');
  box.appendChild(head);
  var items = Array.isArray(article.items) ? article.items : [];
  var item = cite && cite.item !== '' ? Number(cite.item) : NaN;
  var cited = isFinite(item) && item >= 1 && item <= items.length ? items[item - 1] : null;
  String(article.text || '').split('\n').forEach(function (line) {
    var p = make('p', 'article-line' + (cited && line === cited ? ' article-line-cited' : ''), line);
    if (cited && line === cited) p.setAttribute('data-testid', 'ke-article-cited');
    box.appendChild(p);
  });
  if (isFinite(item) && !cited) {
    box.appendChild(make('p', 'article-missing', items.length
      ? '这一条只有 ' + items.length + ' 项，没有第 ' + item + ' 项。'
      : '这一条没有分项，请不要填写项。'));
  }
}

// --------------------------------------------------------------------------------------------- saving

/** Which field a problem concerns (the server's codes and, for its plain refusals, the start of its message). */
function fieldOf(p) {
  switch (p.code) {
    case 'BAD_ID': case 'DUPLICATE_ID': return 'id';
    case 'BAD_KIND': return 'kind';
    case 'MISSING_TEXT': return /title/.test(p.message) ? 'title' : 'answer';
    case 'LONG_ANSWER': return 'answer';
    case 'TOO_FEW_QUESTIONS': return 'questions';
    case 'NO_CITATION': case 'UNKNOWN_LAW': case 'UNKNOWN_ARTICLE': case 'UNKNOWN_ITEM': return 'cites';
    case 'BAD_URGENT': return 'urgent';
    default: break;
  }
  var m = /^(offer|cites|questions|title|answer|locale)\b/.exec(String(p.message || ''));
  return m && FIELDS.indexOf(m[1]) >= 0 ? m[1] : '';
}

var LOCALE_WORDS = { 'zh-CN': '中文', en: '英文' };

/** A problem in the console's words (the server's message kept where there is no better one). */
export function describeProblem(p) {
  var msg = String(p.message || '');
  var m;
  if (p.code === 'UNKNOWN_ARTICLE' && (m = /cites (\S+) article (\d+)/.exec(msg))) return '《' + lawTitle(m[1]) + '》没有第 ' + m[2] + ' 条';
  if (p.code === 'UNKNOWN_ITEM' && (m = /cites (\S+) article (\d+) item (\d+); the article has (\d+) items/.exec(msg))) {
    return '《' + lawTitle(m[1]) + '》第 ' + m[2] + ' 条只有 ' + m[4] + ' 项，没有第 ' + m[3] + ' 项';
  }
  if (p.code === 'UNKNOWN_LAW' && (m = /unknown law "([^"]*)"/.exec(msg))) return '没有这部法规：' + (m[1] || '（未选择）');
  if (p.code === 'MISSING_TEXT' && (m = /no (zh-CN|en) (title|answer)/.exec(msg))) return '缺少' + LOCALE_WORDS[m[1]] + (m[2] === 'title' ? '标题' : '答案');
  if (p.code === 'LONG_ANSWER' && (m = /the (zh-CN|en) answer/.exec(msg))) return LOCALE_WORDS[m[1]] + '答案超过 8 行';
  if (p.code === 'TOO_FEW_QUESTIONS') return /Chinese/.test(msg) ? '中文问法少于 3 条' : '没有英文问法';
  if (p.code === 'NO_CITATION') return '没有引用条文（每张卡片至少引用一条）';
  if (p.code === 'POINT_ITEM_UNCOVERED' && (m = /article (\d+) item (\d+)/.exec(msg))) return '记分办法第 ' + m[1] + ' 条第 ' + m[2] + ' 项没有卡片引用';
  return (CARD_PROBLEMS[p.code] || '卡片内容不对') + (msg ? '：' + msg : '');
}

function clearProblems() {
  if (state.knowledgeEditor) state.knowledgeEditor.problems = [];
  Array.prototype.forEach.call(el.keCites.children, function (row) { row.classList.remove('invalid'); });
}

/** Marks the cite rows a problem names ("cites <law> article <n>"). */
function markCites(problems) {
  problems.forEach(function (p) {
    var m = /cites (\S+) article (\d+)/.exec(String(p.message || ''));
    Array.prototype.forEach.call(el.keCites.children, function (row) {
      var c = citeOf(row);
      if (p.code === 'NO_CITATION' || (m && c.law === m[1] && c.article === m[2]) || (p.code === 'UNKNOWN_LAW' && !c.law)) {
        row.classList.add('invalid');
      }
    });
  });
}

function showProblems(problems) {
  if (!state.knowledgeEditor) return;
  state.knowledgeEditor.problems = problems;
  markCites(problems);
  changed('knowledgeEditor');
  var first = el.keForm.querySelector('[data-testid="ke-problem"]:not(.hidden)');
  if (first && first.scrollIntoView) first.scrollIntoView({ block: 'center' });
}

export function onSaveCard(event) {
  event.preventDefault();
  var ed = state.knowledgeEditor;
  if (!ed) return;
  clearProblems();
  var card = cardFromFields();
  if (!card.id) { showProblems([{ code: 'BAD_ID', message: '', local: '请填写卡片编号（如 points.red-light）' }]); el.keId.focus(); return; }
  if (ed.mode !== 'edit' && overviewCard(card.id)) {
    showProblems([{ code: 'DUPLICATE_ID', message: '', local: '编号 ' + card.id + ' 已被另一张卡片使用' }]);
    el.keId.focus();
    return;
  }
  var bad = card.cites.filter(function (c) { return c.article === null; });
  if (bad.length > 0) { showProblems([{ code: 'UNKNOWN_ARTICLE', message: '', local: '请填写引用的是第几条' }]); return; }
  var saving = ed.mode === 'inbox'
    ? call('POST', KNOWLEDGE + '/unanswered/card', { items: ed.items, card: card })
    : call('PUT', KNOWLEDGE + '/cards/' + encodeURIComponent(card.id), { card: card });
  var mode = ed.mode;
  el.keSave.disabled = true;
  saving.then(function (data) {
    if (state.knowledgeEditor !== ed) return;
    var saved = data && data.card ? data.card : card;
    state.knowledgeEditor = { mode: 'edit', id: saved.id, items: [], problems: [], loading: false, updatedBy: state.me && state.me.id, updatedAt: new Date().toISOString() };
    fill(saved);
    changed('knowledgeEditor');
    notify(mode === 'inbox'
      ? '已用 ' + ed.items.length + ' 条未答问题新建卡片 ' + saved.id + '（草稿，发布后生效）。'
      : (mode === 'new' ? '已新建卡片 ' : '已保存卡片 ') + saved.id + '（草稿，发布后生效）。');
    refreshAllKnowledge();
  }, function (err) {
    if (err && err.handled) return;
    if (err && err.status === 400 && err.data) {
      var problems = Array.isArray(err.data.problems) && err.data.problems.length > 0
        ? err.data.problems : [{ code: err.data.code || 'CARD_INVALID', message: err.data.error || err.message }];
      showProblems(problems);
      return;
    }
    if (err && err.status === 404 && err.data && err.data.code === 'NO_SUCH_INBOX_ITEM') {
      report('这些问题已被处理')(err);
      refreshAllKnowledge();
      return;
    }
    report('保存卡片失败')(err);
  }).then(function () { el.keSave.disabled = false; });
}

function setStatus(action) {
  var ed = state.knowledgeEditor;
  if (!ed || ed.mode !== 'edit') return;
  var id = ed.id;
  var control = action === 'retire' ? el.keRetire : el.keRestore;
  control.disabled = true;
  call('POST', KNOWLEDGE + '/cards/' + encodeURIComponent(id) + '/' + action, {}).then(function () {
    notify((action === 'retire' ? '已停用卡片 ' : '已恢复卡片 ') + id + '（草稿，发布后生效）。');
    return refreshKnowledge();
  }, report(action === 'retire' ? '停用卡片失败' : '恢复卡片失败')).then(function () { control.disabled = false; });
}

export function onRetireCard() { setStatus('retire'); }
export function onRestoreCard() { setStatus('restore'); }

// ---------------------------------------------------------------------------------------------- render

function renderCardEditor() {
  var ed = state.knowledgeEditor;
  el.keEmpty.classList.toggle('hidden', !!ed);
  el.keBody.classList.toggle('hidden', !ed);
  el.knowledgeEditor.setAttribute('data-card', ed ? ed.id : '');
  el.knowledgeEditor.setAttribute('data-mode', ed ? ed.mode : '');
  el.knowledgeEditor.setAttribute('data-loading', ed && ed.loading ? 'true' : 'false');
  if (!ed) return;
  var shown = ed.mode === 'edit' ? overviewCard(ed.id) : null;
  el.keHeading.textContent = ed.mode === 'edit' ? ed.id : ed.mode === 'inbox' ? '用未答问题新建卡片' : '新建卡片';
  el.keState.classList.toggle('hidden', !shown);
  el.keState.className = 'badge card-state' + (shown ? ' card-state-' + shown.state : '') + (shown ? '' : ' hidden');
  el.keState.textContent = shown ? CARD_STATES[shown.state] || shown.state : '';
  el.keState.setAttribute('data-state', shown ? shown.state : '');
  el.keId.readOnly = ed.mode === 'edit';
  el.keRetire.classList.toggle('hidden', !(shown && shown.status !== 'retired'));
  el.keRestore.classList.toggle('hidden', !(shown && shown.status === 'retired'));
  el.keSave.textContent = ed.mode === 'inbox' ? '新建卡片并归档这些问题' : ed.mode === 'new' ? '新建卡片' : '保存到草稿';
  var hint = ed.mode === 'inbox'
    ? '“' + ed.representative + '”等 ' + ed.items.length + ' 条市民原话已填为问法；保存后它们从未答问题中移除。卡片保存在草稿中，发布后生效。'
    : ed.mode === 'new' ? '编号为 主题.名称（小写字母、数字和连字符），如 points.red-light。卡片保存在草稿中，发布后生效。'
    : (ed.loading ? '读取中…' : '上次修改：' + [dateTime(ed.updatedAt), ed.updatedBy === 'system' ? '系统（仓库中的卡片）' : ''].filter(Boolean).join(' · ')
      + '。保存后进入草稿，发布后生效。');
  el.keHint.textContent = hint;
  el.keUrgentBlock.classList.toggle('hidden', el.keKind.value !== 'safety');
  el.keKindHint.textContent = CARD_KINDS[el.keKind.value] ? kindHint(el.keKind.value) : '';
  renderProblems(ed.problems || []);
}

function kindHint(kind) {
  if (kind === 'referral') return '本机器人不办理的业务：一两行说明在哪里、怎么办理。';
  if (kind === 'safety') return '紧急情况的第一步（先于一切回答，不接表单），需要填写紧急词组。';
  return '解释一条规定：重要的事实放在第一行，只写引用条文里有的内容。';
}

function renderProblems(problems) {
  var byField = {};
  var general = [];
  problems.forEach(function (p) {
    var f = fieldOf(p);
    var textOf = p.local || describeProblem(p);
    if (f && el['keProblem-' + f]) (byField[f] = byField[f] || []).push({ code: p.code, text: textOf });
    else general.push({ code: p.code, text: textOf });
  });
  FIELDS.forEach(function (f) {
    var slot = el['keProblem-' + f];
    if (!slot) return;
    slot.textContent = '';
    var mine = byField[f] || [];
    slot.classList.toggle('hidden', mine.length === 0);
    slot.setAttribute('data-codes', mine.map(function (p) { return p.code; }).join(' '));
    mine.forEach(function (p) {
      var li = make('li', '', p.text);
      li.setAttribute('data-code', p.code);
      slot.appendChild(li);
    });
  });
  el.keProblems.textContent = '';
  el.keProblems.classList.toggle('hidden', problems.length === 0);
  if (problems.length > 0) {
    el.keProblems.appendChild(make('li', 'problems-title', '没有保存：卡片有 ' + problems.length + ' 处问题，请按提示修改。'));
    general.forEach(function (p) {
      var li = make('li', '', p.text);
      li.setAttribute('data-code', p.code);
      el.keProblems.appendChild(li);
    });
  }
}

/** The editor's elements and controls (called once by admin.js's start()). */
export function wireCardEditor($) {
  Object.assign(el, {
    knowledgeEditor: $('knowledge-editor'), keEmpty: $('ke-empty'), keBody: $('ke-body'), keHeading: $('ke-heading'),
    keState: $('ke-state'), keHint: $('ke-hint'), keProblems: $('ke-problems'), keForm: $('ke-form'), keId: $('ke-id'),
    keKind: $('ke-kind'), keKindHint: $('ke-kind-hint'), keTopic: $('ke-topic'), keTitleZh: $('ke-title-zh'), keTitleEn: $('ke-title-en'),
    keQuestionsZh: $('ke-questions-zh'), keQuestionsEn: $('ke-questions-en'), keAnswerZh: $('ke-answer-zh'),
    keAnswerEn: $('ke-answer-en'), keCites: $('ke-cites'), keCiteAdd: $('ke-cite-add'), keArticle: $('ke-article'),
    keOffer: $('ke-offer'), keUrgentBlock: $('ke-urgent-block'), keUrgent: $('ke-urgent'), keSave: $('ke-save'),
    keRetire: $('ke-retire'), keRestore: $('ke-restore'), keClose: $('ke-close'),
  });
  FIELDS.forEach(function (f) { el['keProblem-' + f] = $('ke-problem-' + f); });
  el.keForm.addEventListener('submit', onSaveCard);
  el.keCiteAdd.addEventListener('click', function () { preview(addCiteRow({})); });
  el.keKind.addEventListener('change', function () { changed('knowledgeEditor'); });
  el.keRetire.addEventListener('click', onRetireCard);
  el.keRestore.addEventListener('click', onRestoreCard);
  el.keClose.addEventListener('click', closeCardEditor);
}

subscribe('knowledgeEditor', renderCardEditor);
subscribe('knowledge', renderCardEditor);
// The law list arrived: the cite rows offer the laws by name.
subscribe('knowledgeEditor', function () {
  Array.prototype.forEach.call(el.keCites ? el.keCites.querySelectorAll('.cite-law') : [], function (select) {
    if (select.options.length <= 2 && state.laws.length > 0) fillLaws(select, select.value);
  });
});
