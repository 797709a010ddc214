/*
 * The open conversation of the agent console (see agent.js): header, citizen, transcript, notes, controls.
 * Redrawn when the conversation, its summary or notes, or the colleagues change (subscribe, at the end).
 */
import {
  canServe, channelLabel, citizenLabel, clock, dateTime, findSummary, intentLabel, isMine, make, outcomeLabel,
  ratingText, reasonLabel, sameId, statusLabel, timeText, toDate,
} from './util.js';
import { call } from '../common/api.js';
import { fail, showable } from './errors.js';
import { draftOf, flushDraft, serverDraft } from './drafts.js';
import { loadHistory } from './history.js';
import { changed, el, state, subscribe, SAME_MESSAGE_MS } from './state.js';

// -------------------------------------------------------------------------------------- conversation

/**
 * Opens a conversation (from the queue, the history, the search or an alert). The draft of the one left is
 * saved first; the composer shows the draft of this one (the page's at once, the server's when it loads).
 */
export function select(id) {
  if (state.current && sameId(state.current.id, id)) { loadConversation(); return; }
  flushDraft();
  delete state.unread[id];
  state.current = { id: id, summary: findSummary(id), lines: [], keys: {}, notes: [], events: [], loading: true, buffer: [], inputEdited: false };
  el.input.value = draftOf(id);
  el.noteInput.value = '';
  state.history = null;
  changed('queue');
  changed('conversation');
  changed('history');
  loadConversation();
  loadHistory(state.current);
}

/** (Re)loads the open conversation: summary, transcript and notes. */
export function loadConversation() {
  if (!state.current) return;
  var target = state.current;
  target.loading = true;
  target.buffer = [];
  document.body.setAttribute('data-conversation-loading', 'true');
  call('GET', 'handoffs/' + encodeURIComponent(target.id)).then(function (data) {
    if (state.current !== target) return;
    if (data.handoff) target.summary = data.handoff;
    target.lines = [];
    target.keys = {};
    (Array.isArray(data.transcript) ? data.transcript : []).forEach(function (line) { addLine(target, line, 'load'); });
    (Array.isArray(data.events) ? data.events : []).forEach(function (event) { addLine(target, eventLine(event), 'load'); });
    sortLines(target);
    target.buffer.forEach(function (item) { addLine(target, item.line, item.source); });
    target.notes = Array.isArray(data.notes) ? data.notes : [];
    target.loading = false;
    target.buffer = [];
    serverDraft(target.id, data.draft);
    // The server's draft fills the composer unless the agent already typed in it here.
    if (!target.inputEdited) el.input.value = draftOf(target.id);
    changed('conversation');
    document.body.setAttribute('data-conversation-loading', 'false');
  }, function (err) {
    if (state.current !== target) return;
    target.loading = false;
    changed('conversation');
    document.body.setAttribute('data-conversation-loading', 'false');
    fail('打开会话失败')(err);
  });
}

function agentName(agent) {
  if (!agent) return '';
  if (typeof agent === 'string' || typeof agent === 'number') return String(agent);
  return agent.displayName || agent.username || '';
}

var EVENT_LINES = { created: true, accepted: true, transferred: true, ended: true, rated: true, callback: true };

/**
 * A conversation event (accepted, transferred with its note, ended, rated…) as a line of the transcript: the
 * server's sentence (`label`), or the page's own words when there is none.
 */
function eventLine(event) {
  if (!event || !EVENT_LINES[event.kind]) return null;
  var text = showable(event.label) ? event.label : '';
  if (!text) {
    var who = agentName(event.agent);
    switch (event.kind) {
      case 'created': text = '市民请求人工服务'; break;
      case 'accepted': text = (who || '坐席') + ' 接入了会话'; break;
      case 'transferred': text = '会话转给 ' + (who || '其他坐席') + (event.text ? '，交接说明：' + event.text : ''); break;
      case 'ended': text = '会话结束' + (event.text ? '（' + outcomeLabel(event.text) + '）' : ''); break;
      case 'rated': text = '市民评价：' + (ratingText({ score: event.text }) || '已评分'); break;
      default: text = '市民要求回电';
    }
  }
  return { from: 'system', text: text, at: event.at, kind: event.kind };
}

/** Transcript lines and events in time order (a line without a time stays where it is). */
function sortLines(conversation) {
  var indexed = conversation.lines.map(function (line, i) { return { line: line, i: i, t: timeOf(line) }; });
  indexed.sort(function (a, b) {
    if (isNaN(a.t) || isNaN(b.t) || a.t === b.t) return a.i - b.i;
    return a.t - b.t;
  });
  conversation.lines = indexed.map(function (x) { return x.line; });
}

function lineKey(line) { return String(line.from) + '|' + String(line.at) + '|' + String(line.text); }

function timeOf(line) {
  var d = toDate(line.at);
  return d ? d.getTime() : NaN;
}

/**
 * The same message as reported by another source: the transcript (load), the event stream (event) or the
 * answer to the agent's own send (post) carry it with slightly different times, and the transcript keeps an
 * agent's message as the citizen saw it ("【人工客服 王客服】…").
 */
function sameMessage(known, line) {
  if (known.from !== line.from || known.source === line.source || known.paired) return false;
  var dt = Math.abs(timeOf(known) - timeOf(line));
  if (!(dt <= SAME_MESSAGE_MS)) return false;
  if (known.text === line.text) return true;
  return line.from === 'agent' && (known.text.indexOf(line.text) >= 0 || line.text.indexOf(known.text) >= 0);
}

/** Adds a transcript line (from `source`) to the model; false when it is already there. */
function addLine(conversation, raw, source) {
  if (!raw || typeof raw.text !== 'string') return false;
  var key = lineKey(raw);
  if (conversation.keys[key]) return false;
  var line = { from: raw.from, text: raw.text, at: raw.at, agent: raw.agent, source: source, paired: false };
  if (Array.isArray(raw.options)) line.options = raw.options.filter(function (o) { return typeof o === 'string' && o; });
  if (raw.kind) line.kind = raw.kind;
  for (var i = conversation.lines.length - 1; i >= 0; i--) {
    if (sameMessage(conversation.lines[i], line)) {
      conversation.lines[i].paired = true;
      return false;
    }
  }
  conversation.keys[key] = true;
  conversation.lines.push(line);
  return true;
}

/** A new line for the open conversation (an event or the answer to a send): shown at once. */
export function appendLive(line, source) {
  if (!state.current) return;
  if (state.current.loading) { state.current.buffer.push({ line: line, source: source }); return; }
  if (addLine(state.current, line, source)) {
    el.transcript.appendChild(renderLine(state.current.lines[state.current.lines.length - 1]));
    if (el.transcriptEmpty) { el.transcriptEmpty.remove(); el.transcriptEmpty = null; }
    scrollTranscript();
  }
}

function renderLine(line) {
  var from = line.from === 'user' || line.from === 'bot' || line.from === 'agent' ? line.from : 'system';
  var item = make('li', 'line line-' + from);
  item.setAttribute('data-testid', 'line-' + from);
  var who = from === 'user' ? citizenLabel(state.current && state.current.summary)
    : from === 'bot' ? '交管助手（机器人）'
    : from === 'agent' ? (line.agent && line.agent.displayName ? line.agent.displayName : '人工坐席')
    : '系统';
  var head = make('div', 'line-head');
  if (from !== 'system') head.appendChild(make('span', 'line-who', who));
  head.appendChild(make('span', 'line-time', clock(line.at)));
  item.appendChild(head);
  var text = make('div', 'line-text', line.text);
  text.setAttribute('data-testid', 'line-text');
  item.appendChild(text);
  if (from === 'system' && line.kind) item.setAttribute('data-kind', line.kind);
  if (line.options && line.options.length) {
    // What the bot offered the citizen to tap (its suggested actions), under its line.
    var options = make('ul', 'chips line-options');
    options.setAttribute('aria-label', '机器人提供的选项');
    line.options.forEach(function (option) {
      var chip = make('li', 'chip line-option', option);
      chip.setAttribute('data-testid', 'line-option');
      options.appendChild(chip);
    });
    item.appendChild(options);
  }
  return item;
}

function scrollTranscript() {
  window.requestAnimationFrame(function () { el.transcript.scrollTop = el.transcript.scrollHeight; });
}

function renderHeader() {
  var s = state.current && state.current.summary;
  if (!s) {
    el.convTitle.textContent = state.current ? '加载中…' : '';
    el.convStatus.textContent = '';
    el.convReason.textContent = '';
    el.convMeta.textContent = '';
    return;
  }
  el.convTitle.textContent = citizenLabel(s);
  el.convStatus.textContent = statusLabel(s.status);
  el.convStatus.className = 'status status-' + String(s.status || '');
  el.convReason.textContent = reasonLabel(s.reason);
  el.convReason.className = 'reason reason-' + String(s.reason || '');
  var parts = [];
  if (s.createdAt) parts.push('发起于 ' + dateTime(s.createdAt));
  if (s.status === 'waiting') parts.push(timeText(s));
  if (s.acceptedAt) parts.push('接入于 ' + dateTime(s.acceptedAt));
  if (s.agent) parts.push('坐席：' + (s.agent.displayName || s.agent.id) + (isMine(s) ? '（我）' : ''));
  if (s.closedAt) parts.push('结束于 ' + dateTime(s.closedAt));
  if (s.outcome) parts.push('结果：' + outcomeLabel(s.outcome));
  if (s.callbackRequested) parts.push('市民要求回电');
  el.convMeta.textContent = parts.join(' · ');
  el.convMeta.title = '会话编号 ' + s.id;
  var rating = ratingText(s.rating);
  el.convRating.textContent = rating ? '市民评价 ' + rating + (s.rating.comment ? '：' + s.rating.comment : '') : '';
  el.convRating.classList.toggle('hidden', !rating);
  el.convRating.setAttribute('data-score', rating ? String(s.rating.score) : '');
}

function renderCitizen() {
  var s = state.current && state.current.summary;
  var c = (s && s.citizen) || {};
  el.citizenLabel.textContent = c.label || '—';
  el.citizenName.textContent = c.name || '—';
  el.citizenId.textContent = c.idNumber || '—';
  el.citizenPhone.textContent = c.phone || '—';
  el.citizenBound.textContent = s ? (c.bound ? '已绑定' : '未绑定') : '—';
  el.citizenBound.className = c.bound ? 'bound-yes' : 'bound-no';
  el.citizenChannel.textContent = s ? channelLabel(s.channel) : '—';
  el.intents.textContent = '';
  var intents = [];
  ((s && Array.isArray(s.intents)) ? s.intents : []).forEach(function (intent) {
    if (intents.indexOf(intent) < 0) intents.push(intent);
  });
  if (intents.length === 0) el.intents.appendChild(make('li', 'chip chip-empty', '无'));
  intents.forEach(function (intent) {
    var chip = make('li', 'chip', intentLabel(intent));
    chip.setAttribute('data-testid', 'intent');
    chip.title = String(intent);
    el.intents.appendChild(chip);
  });
}

function renderTranscript() {
  el.transcript.textContent = '';
  el.transcriptEmpty = null;
  if (state.current.loading && state.current.lines.length === 0) {
    el.transcriptEmpty = make('li', 'transcript-empty', '正在加载会话记录…');
    el.transcript.appendChild(el.transcriptEmpty);
    return;
  }
  if (state.current.lines.length === 0) {
    el.transcriptEmpty = make('li', 'transcript-empty', '还没有消息');
    el.transcript.appendChild(el.transcriptEmpty);
  }
  state.current.lines.forEach(function (line) { el.transcript.appendChild(renderLine(line)); });
  scrollTranscript();
}

function noteAuthor(note) {
  var a = note.agent;
  if (!a) return '坐席';
  if (typeof a === 'string' || typeof a === 'number') return String(a);
  return a.displayName || a.username || String(a.id);
}

function renderNotes() {
  el.notes.textContent = '';
  state.current.notes.forEach(function (note) {
    var item = make('li', 'note');
    item.setAttribute('data-testid', 'note');
    var head = make('div', 'note-head');
    head.appendChild(make('span', 'note-author', noteAuthor(note)));
    head.appendChild(make('span', 'note-time', dateTime(note.at)));
    item.appendChild(head);
    item.appendChild(make('div', 'note-text', note.text));
    el.notes.appendChild(item);
  });
  el.notesEmpty.classList.toggle('hidden', state.current.notes.length > 0);
}

/** Which controls the open conversation allows: only the agent serving it may talk and act. */
function renderControls() {
  var s = state.current && state.current.summary;
  var serving = canServe(s);
  el.composer.classList.toggle('hidden', !serving);
  el.actions.classList.toggle('hidden', !serving);
  el.noteForm.classList.toggle('hidden', !serving);
  el.input.disabled = !serving;
  el.send.disabled = !serving;
  var note = '';
  var acceptable = false;
  if (!s) note = state.current && state.current.loading ? '' : '无法加载该会话。';
  else if (s.status === 'waiting') { note = '该市民正在排队，接入后即可回复。'; acceptable = true; }
  else if (s.status === 'active' && !serving) note = '该会话由 ' + (s.agent ? s.agent.displayName || s.agent.id : '其他坐席') + ' 处理，仅可查看。';
  else if (s.status !== 'active') note = '会话' + statusLabel(s.status) + '，仅可查看记录。';
  el.readonlyText.textContent = note;
  el.readonly.classList.toggle('hidden', !note);
  el.detailAccept.classList.toggle('hidden', !acceptable);
  document.body.setAttribute('data-serving', serving ? 'true' : 'false');
  renderClosedDraft(s, serving);
}

/** The draft of a conversation that ended before it was sent: readable, to copy (never lost). */
function renderClosedDraft(s, serving) {
  var text = state.current ? draftOf(state.current.id) : '';
  var ended = !!s && s.status !== 'active' && s.status !== 'waiting';
  var show = !serving && ended && !!text;
  el.draftClosed.classList.toggle('hidden', !show);
  if (show && el.draftText.value !== text) el.draftText.value = text;
  if (!show) el.draftText.value = '';
}

function renderConversation() {
  el.convEmpty.classList.toggle('hidden', !!state.current);
  el.conv.classList.toggle('hidden', !state.current);
  if (!state.current) {
    document.body.removeAttribute('data-handoff');
    return;
  }
  document.body.setAttribute('data-handoff', String(state.current.id));
  renderHeader();
  renderCitizen();
  renderTranscript();
  renderNotes();
  renderControls();
}

subscribe('conversation', renderConversation);
subscribe('summary', function () {
  if (!state.current) return;
  renderHeader();
  renderCitizen();
  renderControls();
});
subscribe('notes', renderNotes);
subscribe('drafts', function () {
  if (state.current) renderControls();
});
subscribe('open', function (id) { if (id !== undefined && id !== null) select(id); });
subscribe('clock', function () {
  if (state.current && state.current.summary && state.current.summary.status === 'waiting') renderHeader();
});
