/*
 * The hotline agent console (served as /agent/agent.js).
 *
 * Agents sign in, see the hand-off queue (citizens the bot passed to a person), accept a conversation, talk to
 * the citizen, keep internal notes, transfer it to a colleague, hand it back to the bot or close it. Everything
 * goes through the JSON API under /api/agent/; live changes arrive as server-sent events from
 * /api/agent/events (no polling). The session is an HttpOnly cookie; every POST but the login carries the
 * CSRF token the server handed out in the x-csrf-token header.
 *
 * Plain script, no build step, no framework; runs under a strict CSP (no inline code or styles, no eval).
 * Server text is only ever put into the page with textContent.
 */
(function () {
  'use strict';

  /** Relative to /agent/, so the page also works behind a path prefix. */
  var API = '../api/agent/';
  var ERRORS_SHOWN = 5;
  var EVENTS_RETRY_MS = 5000;
  /** Two reports of one message (transcript, event, send answer) are at most this far apart. */
  var SAME_MESSAGE_MS = 15000;

  var REASONS = {
    requested: '主动要求',
    misunderstood: '多次未听懂',
    rule: '业务需人工',
    platform_failure: '系统故障',
    complaint: '投诉',
  };
  var STATUSES = {
    waiting: '等待接入',
    active: '服务中',
    closed: '已结束',
    cancelled: '已取消',
    expired: '已超时',
  };
  /** How a conversation ended: the close reasons of the page, and what the server records itself. */
  var OUTCOMES = {
    handback: '交还机器人',
    citizen: '市民结束',
    timeout: '等待超时',
    resolved: '问题已解决',
    no_response: '市民无回应',
    offline: '需线下办理',
    invalid: '无效或重复会话',
    other: '其他',
  };
  var CHANNELS = { wechat: '微信公众号', web: '网页', hotline: '电话热线' };
  var ROLES = { agent: '坐席', supervisor: '班长', admin: '管理员' };
  var INTENTS = {
    'agent.handoff': '转人工',
    'fine.query': '查违章/罚款',
    'fine.pay': '缴罚款',
    'points.query': '查记分',
    'exam.book': '预约考试',
    'exam.cancel': '取消考试',
    'plate.select': '自选号牌',
    'complaint': '投诉',
    'help': '帮助',
    'cancel': '取消',
    'greeting': '问候',
    'None': '未识别',
  };

  var el = {};
  /** The signed-in agent ({id, username, displayName, role}) and the token for POSTs. */
  var me = null;
  var csrfToken = '';
  /** Bumped on login and logout: answers to requests of an earlier session are dropped. */
  var session = 0;

  var queue = { waiting: [], mine: [], others: [], callbacks: [] };
  /** Whether the server lists callback requests (the section is shown only then). */
  var hasCallbacks = false;
  var queueFetchedAt = 0;
  var queueLoading = false;
  var queueAgain = false;
  var unread = {};
  var agents = [];

  /**
   * The open conversation: { id, summary, lines, keys, notes, loading, buffer }. Messages that arrive (SSE)
   * while the transcript loads are buffered and merged afterwards; `keys` drops duplicates (the agent's own
   * message comes back both in the POST answer and as an event).
   */
  var current = null;

  var events = null;
  var eventsDown = false;
  var eventsRetry = 0;
  var ticker = 0;

  // ---------------------------------------------------------------------------------------------- utilities

  function $(id) { return document.getElementById(id); }

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function pad2(n) { return n < 10 ? '0' + n : String(n); }

  function toDate(at) {
    if (at === undefined || at === null || at === '') return null;
    var d = new Date(typeof at === 'number' && at < 1e12 ? at * 1000 : at);
    return isNaN(d.getTime()) ? null : d;
  }

  function clock(at) {
    var d = toDate(at);
    return d ? pad2(d.getHours()) + ':' + pad2(d.getMinutes()) + ':' + pad2(d.getSeconds()) : '';
  }

  function dateTime(at) {
    var d = toDate(at);
    if (!d) return '';
    return (d.getMonth() + 1) + '月' + d.getDate() + '日 ' + pad2(d.getHours()) + ':' + pad2(d.getMinutes());
  }

  function duration(seconds) {
    var s = Math.max(0, Math.floor(seconds));
    if (s < 60) return s + '秒';
    if (s < 3600) return Math.floor(s / 60) + '分' + pad2(s % 60) + '秒';
    return Math.floor(s / 3600) + '小时' + pad2(Math.floor((s % 3600) / 60)) + '分';
  }

  function outcomeLabel(outcome) { return OUTCOMES[outcome] || outcome; }
  function reasonLabel(reason) { return REASONS[reason] || reason || '未知原因'; }
  function statusLabel(status) { return STATUSES[status] || status || '未知状态'; }
  function channelLabel(channel) { return CHANNELS[channel] || channel || '未知渠道'; }
  function intentLabel(intent) { return INTENTS[intent] ? INTENTS[intent] + '（' + intent + '）' : intent; }

  function citizenLabel(summary) {
    var c = (summary && summary.citizen) || {};
    return c.label || c.name || '匿名市民';
  }

  function sameId(a, b) { return a !== undefined && a !== null && b !== undefined && b !== null && String(a) === String(b); }

  function isMine(summary) {
    return !!(summary && me && summary.agent && sameId(summary.agent.id, me.id));
  }

  function canServe(summary) { return isMine(summary) && summary.status === 'active'; }

  function lastMessageText(last) {
    if (!last) return '';
    if (typeof last === 'string') return last;
    var who = last.from === 'user' ? '市民：' : last.from === 'agent' ? '坐席：' : last.from === 'bot' ? '机器人：' : '';
    return who + (last.text || '');
  }

  function findSummary(id) {
    var lists = [queue.waiting, queue.mine, queue.others, queue.callbacks];
    for (var i = 0; i < lists.length; i++) {
      for (var j = 0; j < lists[i].length; j++) if (sameId(lists[i][j].id, id)) return lists[i][j];
    }
    return null;
  }

  // -------------------------------------------------------------------------------------------------- API

  function describeFailure(status, data, text) {
    var message = data && typeof data.error === 'string' ? data.error
      : data && data.error && typeof data.error.message === 'string' ? data.error.message
      : data && typeof data.message === 'string' ? data.message
      : (text || '').trim().slice(0, 200);
    return (message ? message + '（HTTP ' + status + '）' : 'HTTP ' + status);
  }

  /**
   * One call of the agent API. Resolves with the parsed JSON body (or {} when there is none); rejects with an
   * Error carrying `status` (0 for a network failure) and `data` (the parsed error body).
   */
  function request(method, path, body) {
    var headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && path !== 'login' && csrfToken) headers['x-csrf-token'] = csrfToken;
    var init = { method: method, headers: headers, credentials: 'same-origin', cache: 'no-store' };
    if (body !== undefined) init.body = JSON.stringify(body);
    return fetch(API + path, init).then(function (res) {
      return res.text().then(function (text) {
        var data = null;
        if (text) { try { data = JSON.parse(text); } catch (e) { data = null; } }
        if (res.ok) return data || {};
        var err = new Error(describeFailure(res.status, data, text));
        err.status = res.status;
        err.data = data;
        throw err;
      });
    }, function (cause) {
      var err = new Error('无法连接服务器（' + method + ' /api/agent/' + path + '）：' + (cause && cause.message ? cause.message : String(cause)));
      err.status = 0;
      throw err;
    });
  }

  /**
   * A call made while signed in: a 401 means the session is gone (expired, or logged out elsewhere): the page
   * goes back to the login form and says so. Answers that arrive after a logout are ignored.
   */
  function call(method, path, body) {
    var mine = session;
    return request(method, path, body).then(function (data) {
      if (mine !== session) throw staleError();
      return data;
    }, function (err) {
      if (mine !== session) throw staleError();
      if (err.status === 401) {
        sessionExpired();
        err.handled = true;
      }
      throw err;
    });
  }

  function staleError() {
    var err = new Error('stale');
    err.handled = true;
    return err;
  }

  /** Shows a failed call on the page (never swallowed), unless it was already dealt with. */
  function report(what) {
    return function (err) {
      if (err && err.handled) return;
      showError(what + '：' + (err && err.message ? err.message : String(err)));
    };
  }

  // --------------------------------------------------------------------------------------------- errors

  function showError(text) {
    var items = el.errors.children;
    // The same failure twice in a row (e.g. a double click) is shown once.
    if (items.length > 0 && items[0].getAttribute('data-text') === text) return;
    var item = make('li', 'error');
    item.setAttribute('data-testid', 'error');
    item.setAttribute('data-text', text);
    item.setAttribute('role', 'alert');
    item.appendChild(make('span', 'error-text', text));
    var dismiss = make('button', 'error-dismiss');
    dismiss.type = 'button';
    dismiss.setAttribute('aria-label', '关闭此提示');
    dismiss.title = '关闭';
    dismiss.addEventListener('click', function () { item.remove(); });
    item.appendChild(dismiss);
    el.errors.insertBefore(item, el.errors.firstChild);
    while (el.errors.children.length > ERRORS_SHOWN) el.errors.removeChild(el.errors.lastChild);
  }

  function clearErrors() { el.errors.textContent = ''; }

  // ---------------------------------------------------------------------------------------------- views

  function setView(view) {
    document.body.setAttribute('data-view', view);
    el.loginView.classList.toggle('hidden', view !== 'login');
    el.consoleView.classList.toggle('hidden', view !== 'console');
  }

  function showLogin(message) {
    setView('login');
    el.loginError.textContent = message || '';
    el.loginSubmit.disabled = false;
    el.password.value = '';
    if (el.username.value) el.password.focus(); else el.username.focus();
  }

  /** Forgets everything of the signed-in agent (the page may be left open for the next one). */
  function resetSession() {
    session += 1;
    me = null;
    csrfToken = '';
    closeEvents();
    if (ticker) { window.clearInterval(ticker); ticker = 0; }
    queue = { waiting: [], mine: [], others: [], callbacks: [] };
    hasCallbacks = false;
    unread = {};
    agents = [];
    current = null;
    clearErrors();
    renderQueue();
    renderConversation();
    el.canned.textContent = '';
    document.title = '交管12123 · 人工坐席台';
  }

  function sessionExpired() {
    if (!me) return;
    resetSession();
    showLogin('登录已失效，请重新登录。');
  }

  function signedIn(data) {
    if (!data || !data.agent || !data.csrfToken) {
      showLogin('服务器返回的登录信息不完整，请联系管理员。');
      return;
    }
    resetSession();
    me = data.agent;
    csrfToken = data.csrfToken;
    el.agentName.textContent = me.displayName || me.username || String(me.id);
    el.agentRole.textContent = ROLES[me.role] || me.role || '';
    el.loginError.textContent = '';
    el.password.value = '';
    setView('console');
    openEvents();
    refreshQueue();
    loadAgents();
    loadCanned();
    ticker = window.setInterval(tick, 1000);
  }

  // ---------------------------------------------------------------------------------------------- login

  function onLogin(event) {
    event.preventDefault();
    var username = el.username.value.trim();
    var password = el.password.value;
    if (!username || !password) {
      el.loginError.textContent = '请输入用户名和密码。';
      return;
    }
    el.loginSubmit.disabled = true;
    el.loginError.textContent = '';
    request('POST', 'login', { username: username, password: password }).then(signedIn, function (err) {
      el.password.value = '';
      el.password.focus();
      if (err.status === 401) {
        el.loginError.textContent = '用户名或密码错误。';
      } else if (err.status === 429) {
        var wait = err.data && Number(err.data.retryAfterSeconds);
        el.loginError.textContent = wait > 0
          ? '登录失败次数过多，请 ' + duration(wait) + '后再试。'
          : '登录失败次数过多，请稍后再试。';
      } else {
        el.loginError.textContent = '登录失败：' + err.message;
      }
    }).then(function () { el.loginSubmit.disabled = false; });
  }

  function onLogout() {
    el.logout.disabled = true;
    call('POST', 'logout').then(function () {
      resetSession();
      showLogin('已退出登录。');
    }, report('退出登录失败')).then(function () { el.logout.disabled = false; });
  }

  // ---------------------------------------------------------------------------------------------- queue

  /** Fetches the queue; calls that come while one is running make it run once more afterwards. */
  function refreshQueue() {
    if (!me) return;
    if (queueLoading) { queueAgain = true; return; }
    queueLoading = true;
    queueAgain = false;
    call('GET', 'queue').then(function (data) {
      queue = {
        waiting: Array.isArray(data.waiting) ? data.waiting : [],
        mine: Array.isArray(data.mine) ? data.mine : [],
        others: Array.isArray(data.others) ? data.others : [],
        callbacks: Array.isArray(data.callbacks) ? data.callbacks : [],
      };
      hasCallbacks = Array.isArray(data.callbacks);
      queueFetchedAt = Date.now();
      renderQueue();
      if (current) {
        var summary = findSummary(current.id);
        if (summary) {
          current.summary = summary;
          renderHeader();
          renderControls();
        }
      }
    }, report('刷新队列失败')).then(function () {
      queueLoading = false;
      if (queueAgain && me) refreshQueue();
    });
  }

  function waitedSeconds(summary) {
    var base = Number(summary.waitingSeconds);
    if (!isFinite(base)) return null;
    return base + (Date.now() - queueFetchedAt) / 1000;
  }

  function timeText(summary) {
    if (summary.status === 'waiting') {
      var waited = waitedSeconds(summary);
      return waited === null ? '等待中' : '已等待 ' + duration(waited);
    }
    if (summary.closedAt) return '结束于 ' + dateTime(summary.closedAt);
    if (summary.acceptedAt) return '接入于 ' + clock(summary.acceptedAt);
    return statusLabel(summary.status);
  }

  function renderQueueItem(summary, list) {
    var item = make('li', 'queue-item');
    item.setAttribute('data-testid', 'queue-item');
    item.setAttribute('data-handoff-id', String(summary.id));
    item.setAttribute('data-status', String(summary.status || ''));
    item.setAttribute('data-reason', String(summary.reason || ''));
    item.classList.add('queue-item-' + String(summary.reason || 'unknown').replace(/[^a-z_]/gi, ''));
    if (current && sameId(current.id, summary.id)) item.classList.add('selected');
    if (unread[summary.id]) item.classList.add('unread');

    var open = make('button', 'queue-open');
    open.type = 'button';
    open.setAttribute('aria-label', '查看会话：' + citizenLabel(summary));

    var top = make('span', 'queue-top');
    var reason = make('span', 'reason reason-' + String(summary.reason || ''), reasonLabel(summary.reason));
    reason.setAttribute('data-testid', 'queue-reason');
    top.appendChild(reason);
    var label = make('span', 'queue-label', citizenLabel(summary));
    label.setAttribute('data-testid', 'queue-citizen');
    top.appendChild(label);
    if (unread[summary.id]) {
      var dot = make('span', 'unread-dot', '新消息');
      dot.setAttribute('data-testid', 'unread');
      top.appendChild(dot);
    }
    open.appendChild(top);

    var meta = make('span', 'queue-meta');
    var time = make('span', 'queue-time', timeText(summary));
    time.setAttribute('data-testid', 'queue-time');
    time.setAttribute('data-time-of', String(summary.id));
    meta.appendChild(time);
    meta.appendChild(make('span', 'queue-channel', channelLabel(summary.channel)));
    var citizen = summary.citizen || {};
    meta.appendChild(make('span', citizen.bound ? 'queue-bound' : 'queue-unbound', citizen.bound ? '已实名' : '未实名'));
    if (list === 'others' && summary.agent) meta.appendChild(make('span', 'queue-agent', '坐席：' + (summary.agent.displayName || summary.agent.id)));
    if (list !== 'waiting' && summary.status && summary.status !== 'active') meta.appendChild(make('span', 'queue-status', statusLabel(summary.status)));
    if (summary.callbackRequested) meta.appendChild(make('span', 'queue-callback', '要求回电'));
    open.appendChild(meta);

    var last = lastMessageText(summary.lastMessage);
    if (last) open.appendChild(make('span', 'queue-last', last));
    open.addEventListener('click', function () { select(summary.id); });
    item.appendChild(open);

    if (list === 'waiting') {
      var accept = make('button', 'button button-primary button-small queue-accept', '接入');
      accept.type = 'button';
      accept.setAttribute('data-testid', 'accept');
      accept.setAttribute('aria-label', '接入 ' + citizenLabel(summary));
      accept.addEventListener('click', function (event) {
        event.stopPropagation();
        acceptHandoff(summary.id, accept);
      });
      item.appendChild(accept);
    }
    return item;
  }

  function renderQueue() {
    el.sectionCallbacks.classList.toggle('hidden', !hasCallbacks);
    ['waiting', 'mine', 'others', 'callbacks'].forEach(function (list) {
      var target = el['queue-' + list];
      target.textContent = '';
      queue[list].forEach(function (summary) { target.appendChild(renderQueueItem(summary, list)); });
      el['count-' + list].textContent = String(queue[list].length);
      el['empty-' + list].classList.toggle('hidden', queue[list].length > 0);
    });
    var waiting = queue.waiting.length;
    el['count-waiting'].classList.toggle('count-alert', waiting > 0);
    var unreadCount = Object.keys(unread).length;
    document.title = (waiting > 0 ? '(' + waiting + ' 待接入) ' : '') + (unreadCount > 0 ? '● ' : '') + '交管12123 · 人工坐席台';
    document.body.setAttribute('data-waiting', String(waiting));
  }

  /** Once a second: the waiting times count up (from the server's figure, without asking it again). */
  function tick() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-time-of]'), function (node) {
      var summary = findSummary(node.getAttribute('data-time-of'));
      if (summary && summary.status === 'waiting') node.textContent = timeText(summary);
    });
    if (current && current.summary && current.summary.status === 'waiting') renderHeader();
  }

  // -------------------------------------------------------------------------------------- conversation

  function select(id) {
    delete unread[id];
    current = { id: id, summary: findSummary(id), lines: [], keys: {}, notes: [], loading: true, buffer: [] };
    el.input.value = '';
    el.noteInput.value = '';
    renderQueue();
    renderConversation();
    loadConversation();
  }

  /** (Re)loads the open conversation: summary, transcript and notes. */
  function loadConversation() {
    if (!current) return;
    var target = current;
    target.loading = true;
    target.buffer = [];
    document.body.setAttribute('data-conversation-loading', 'true');
    call('GET', 'handoffs/' + encodeURIComponent(target.id)).then(function (data) {
      if (current !== target) return;
      if (data.handoff) target.summary = data.handoff;
      target.lines = [];
      target.keys = {};
      (Array.isArray(data.transcript) ? data.transcript : []).forEach(function (line) { addLine(target, line, 'load'); });
      target.buffer.forEach(function (item) { addLine(target, item.line, item.source); });
      target.notes = Array.isArray(data.notes) ? data.notes : [];
      target.loading = false;
      target.buffer = [];
      renderConversation();
      document.body.setAttribute('data-conversation-loading', 'false');
    }, function (err) {
      if (current !== target) return;
      target.loading = false;
      renderConversation();
      document.body.setAttribute('data-conversation-loading', 'false');
      report('打开会话失败')(err);
    });
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
  function appendLive(line, source) {
    if (!current) return;
    if (current.loading) { current.buffer.push({ line: line, source: source }); return; }
    if (addLine(current, line, source)) {
      el.transcript.appendChild(renderLine(current.lines[current.lines.length - 1]));
      if (el.transcriptEmpty) { el.transcriptEmpty.remove(); el.transcriptEmpty = null; }
      scrollTranscript();
    }
  }

  function renderLine(line) {
    var from = line.from === 'user' || line.from === 'bot' || line.from === 'agent' ? line.from : 'system';
    var item = make('li', 'line line-' + from);
    item.setAttribute('data-testid', 'line-' + from);
    var who = from === 'user' ? citizenLabel(current && current.summary)
      : from === 'bot' ? '交管助手（机器人）'
      : from === 'agent' ? (line.agent && line.agent.displayName ? line.agent.displayName : '人工坐席')
      : '系统';
    var head = make('div', 'line-head');
    head.appendChild(make('span', 'line-who', who));
    head.appendChild(make('span', 'line-time', clock(line.at)));
    item.appendChild(head);
    var text = make('div', 'line-text', line.text);
    text.setAttribute('data-testid', 'line-text');
    item.appendChild(text);
    return item;
  }

  function scrollTranscript() {
    window.requestAnimationFrame(function () { el.transcript.scrollTop = el.transcript.scrollHeight; });
  }

  function renderHeader() {
    var s = current && current.summary;
    if (!s) {
      el.convTitle.textContent = current ? '加载中…' : '';
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
    parts.push('会话编号 ' + s.id);
    el.convMeta.textContent = parts.join(' · ');
  }

  function renderCitizen() {
    var s = current && current.summary;
    var c = (s && s.citizen) || {};
    el.citizenLabel.textContent = c.label || '—';
    el.citizenName.textContent = c.name || '—';
    el.citizenId.textContent = c.idNumber || '—';
    el.citizenPhone.textContent = c.phone || '—';
    el.citizenBound.textContent = s ? (c.bound ? '已绑定' : '未绑定') : '—';
    el.citizenBound.className = c.bound ? 'bound-yes' : 'bound-no';
    el.citizenChannel.textContent = s ? channelLabel(s.channel) : '—';
    el.intents.textContent = '';
    var intents = (s && Array.isArray(s.intents)) ? s.intents : [];
    if (intents.length === 0) el.intents.appendChild(make('li', 'chip chip-empty', '无'));
    intents.forEach(function (intent) {
      var chip = make('li', 'chip', intentLabel(intent));
      chip.setAttribute('data-testid', 'intent');
      el.intents.appendChild(chip);
    });
  }

  function renderTranscript() {
    el.transcript.textContent = '';
    el.transcriptEmpty = null;
    if (current.loading && current.lines.length === 0) {
      el.transcriptEmpty = make('li', 'transcript-empty', '正在加载会话记录…');
      el.transcript.appendChild(el.transcriptEmpty);
      return;
    }
    if (current.lines.length === 0) {
      el.transcriptEmpty = make('li', 'transcript-empty', '还没有消息');
      el.transcript.appendChild(el.transcriptEmpty);
    }
    current.lines.forEach(function (line) { el.transcript.appendChild(renderLine(line)); });
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
    current.notes.forEach(function (note) {
      var item = make('li', 'note');
      item.setAttribute('data-testid', 'note');
      var head = make('div', 'note-head');
      head.appendChild(make('span', 'note-author', noteAuthor(note)));
      head.appendChild(make('span', 'note-time', dateTime(note.at)));
      item.appendChild(head);
      item.appendChild(make('div', 'note-text', note.text));
      el.notes.appendChild(item);
    });
    el.notesEmpty.classList.toggle('hidden', current.notes.length > 0);
  }

  function renderTransferOptions() {
    var previous = el.transferSelect.value;
    el.transferSelect.textContent = '';
    var others = agents.filter(function (a) { return !me || !sameId(a.id, me.id); });
    var placeholder = make('option', '', others.length ? '选择坐席…' : '暂无其他坐席');
    placeholder.value = '';
    el.transferSelect.appendChild(placeholder);
    others.forEach(function (a) {
      var option = make('option', '', (a.displayName || a.username) + (a.username ? '（' + a.username + '）' : ''));
      option.value = String(a.id);
      el.transferSelect.appendChild(option);
    });
    el.transferSelect.value = others.some(function (a) { return String(a.id) === previous; }) ? previous : '';
  }

  /** Which controls the open conversation allows: only the agent serving it may talk and act. */
  function renderControls() {
    var s = current && current.summary;
    var serving = canServe(s);
    el.composer.classList.toggle('hidden', !serving);
    el.actions.classList.toggle('hidden', !serving);
    el.noteForm.classList.toggle('hidden', !serving);
    el.input.disabled = !serving;
    el.send.disabled = !serving;
    var note = '';
    var acceptable = false;
    if (!s) note = current && current.loading ? '' : '无法加载该会话。';
    else if (s.status === 'waiting') { note = '该市民正在排队，接入后即可回复。'; acceptable = true; }
    else if (s.status === 'active' && !serving) note = '该会话由 ' + (s.agent ? s.agent.displayName || s.agent.id : '其他坐席') + ' 处理，仅可查看。';
    else if (s.status !== 'active') note = '会话' + statusLabel(s.status) + '，仅可查看记录。';
    el.readonlyText.textContent = note;
    el.readonly.classList.toggle('hidden', !note);
    el.detailAccept.classList.toggle('hidden', !acceptable);
    document.body.setAttribute('data-serving', serving ? 'true' : 'false');
  }

  function renderConversation() {
    el.convEmpty.classList.toggle('hidden', !!current);
    el.conv.classList.toggle('hidden', !current);
    if (!current) {
      document.body.removeAttribute('data-handoff');
      return;
    }
    document.body.setAttribute('data-handoff', String(current.id));
    renderHeader();
    renderCitizen();
    renderTranscript();
    renderNotes();
    renderTransferOptions();
    renderControls();
  }

  // -------------------------------------------------------------------------------------------- actions

  function path(id, action) { return 'handoffs/' + encodeURIComponent(id) + '/' + action; }

  function busy(buttons, on) {
    buttons.forEach(function (b) { if (b) b.disabled = on; });
  }

  function acceptHandoff(id, button) {
    busy([button, el.detailAccept], true);
    call('POST', path(id, 'accept')).then(function (data) {
      if (data.handoff) {
        // Move it to "mine" at once; the refetched queue confirms.
        queue.waiting = queue.waiting.filter(function (s) { return !sameId(s.id, id); });
        queue.mine = [data.handoff].concat(queue.mine.filter(function (s) { return !sameId(s.id, id); }));
        renderQueue();
      }
      select(id);
      refreshQueue();
      el.input.focus();
    }, function (err) {
      if (err.status === 409) {
        showError('接入失败：该会话已被其他坐席接入。' + (err.data && err.data.error ? '（' + err.data.error + '）' : ''));
        refreshQueue();
        if (current && sameId(current.id, id)) loadConversation();
        return;
      }
      report('接入失败')(err);
    }).then(function () { busy([button, el.detailAccept], false); });
  }

  function sendMessage(event) {
    event.preventDefault();
    if (!current || !canServe(current.summary)) return;
    var text = el.input.value.trim();
    if (!text) return;
    var target = current;
    busy([el.send], true);
    call('POST', path(target.id, 'messages'), { text: text }).then(function (data) {
      if (el.input.value.trim() === text) el.input.value = '';
      var message = data.message || { from: 'agent', text: text, at: new Date().toISOString() };
      if (current === target) appendLive(message, 'post');
    }, report('发送失败（消息未送达，内容仍在输入框中）')).then(function () {
      busy([el.send], false);
      el.input.focus();
    });
  }

  function addNote(event) {
    event.preventDefault();
    if (!current) return;
    var text = el.noteInput.value.trim();
    if (!text) return;
    var target = current;
    busy([el.noteAdd], true);
    call('POST', path(target.id, 'notes'), { text: text }).then(function () {
      el.noteInput.value = '';
      // The server keeps the note (masked, with its author and time): read the notes back from it.
      return refreshNotes(target);
    }, report('添加备注失败')).then(function () { busy([el.noteAdd], false); });
  }

  /** Reads the notes (and summary) of a conversation again, leaving its transcript as it is. */
  function refreshNotes(target) {
    return call('GET', 'handoffs/' + encodeURIComponent(target.id)).then(function (data) {
      if (current !== target) return;
      if (data.handoff) target.summary = data.handoff;
      target.notes = Array.isArray(data.notes) ? data.notes : [];
      renderNotes();
      renderHeader();
      renderControls();
    }, report('读取备注失败'));
  }

  /** Transfer, hand back and close: a POST, then the conversation and queue are read again. */
  function act(action, body, button, failure) {
    if (!current) return;
    var target = current;
    busy([el.transfer, el.handback, el.close], true);
    call('POST', path(target.id, action), body).then(function () {
      refreshQueue();
      if (current === target) loadConversation();
    }, report(failure)).then(function () {
      busy([el.transfer, el.handback, el.close], false);
      if (button === el.transfer) el.transfer.disabled = !el.transferSelect.value;
    });
  }

  function onTransfer() {
    var value = el.transferSelect.value;
    if (!value) { showError('转接失败：请先选择要转给的坐席。'); return; }
    var agent = agents.filter(function (a) { return String(a.id) === value; })[0];
    act('transfer', { agentId: agent ? agent.id : value }, el.transfer, '转接失败');
  }

  function onClose() {
    act('close', { reason: el.closeReason.value }, el.close, '结束会话失败');
  }

  function loadAgents() {
    call('GET', 'agents').then(function (data) {
      agents = Array.isArray(data.agents) ? data.agents : [];
      if (current) renderTransferOptions();
    }, report('读取坐席列表失败'));
  }

  function loadCanned() {
    call('GET', 'canned').then(function (data) {
      el.canned.textContent = '';
      (Array.isArray(data.replies) ? data.replies : []).forEach(function (reply) {
        var item = make('li', 'canned-item');
        var button = make('button', 'canned-button', reply.text);
        button.type = 'button';
        button.title = '插入到输入框：' + reply.text;
        button.setAttribute('data-testid', 'canned-reply');
        button.setAttribute('data-reply-id', String(reply.id));
        button.addEventListener('click', function () { insertText(reply.text); });
        item.appendChild(button);
        el.canned.appendChild(item);
      });
    }, report('读取快捷回复失败'));
  }

  /** Puts a canned reply into the input at the cursor (replacing a selection). */
  function insertText(text) {
    var input = el.input;
    if (input.disabled) return;
    var start = typeof input.selectionStart === 'number' ? input.selectionStart : input.value.length;
    var end = typeof input.selectionEnd === 'number' ? input.selectionEnd : input.value.length;
    input.value = input.value.slice(0, start) + text + input.value.slice(end);
    var caret = start + text.length;
    input.focus();
    input.setSelectionRange(caret, caret);
  }

  // ------------------------------------------------------------------------------------ live events (SSE)

  function setConnection(state, text) {
    el.connection.setAttribute('data-state', state);
    el.connection.textContent = text;
  }

  function parseEvent(event) {
    try { return JSON.parse(event.data); } catch (e) {
      showError('无法解析实时推送（' + event.type + '）：' + String(event.data).slice(0, 200));
      return null;
    }
  }

  function onQueueEvent() { refreshQueue(); }

  function onMessageEvent(event) {
    var data = parseEvent(event);
    if (!data || data.handoffId === undefined || data.handoffId === null) return;
    var line = { from: data.from, text: data.text, at: data.at };
    if (data.agent) line.agent = data.agent;
    var summary = findSummary(data.handoffId);
    if (summary) summary.lastMessage = line;
    if (current && sameId(current.id, data.handoffId)) {
      appendLive(line, 'event');
    } else if (data.from !== 'agent' || !me || !(data.agent && sameId(data.agent.id, me.id))) {
      unread[data.handoffId] = true;
    }
    renderQueue();
  }

  function onStatusEvent(event) {
    var data = parseEvent(event);
    if (!data || data.handoffId === undefined || data.handoffId === null) return;
    var summary = findSummary(data.handoffId);
    if (summary && data.status) summary.status = data.status;
    if (current && sameId(current.id, data.handoffId)) {
      if (current.summary && data.status) current.summary.status = data.status;
      loadConversation();
    }
    refreshQueue();
  }

  function openEvents() {
    closeEvents();
    if (typeof window.EventSource !== 'function') {
      setConnection('down', '浏览器不支持实时推送（EventSource）');
      showError('这个浏览器不支持 EventSource，收不到实时消息；请换用新版浏览器。');
      return;
    }
    var mine = session;
    var es = new EventSource(API + 'events');
    events = es;
    setConnection('connecting', '实时推送连接中…');
    es.addEventListener('open', function () {
      if (events !== es) return;
      setConnection('up', '实时推送已连接');
      if (eventsDown) {
        // Events may have been missed while disconnected: read the state again.
        eventsDown = false;
        refreshQueue();
        if (current) loadConversation();
      }
    });
    es.addEventListener('queue', onQueueEvent);
    es.addEventListener('message', onMessageEvent);
    es.addEventListener('status', onStatusEvent);
    es.addEventListener('error', function () {
      if (events !== es) return;
      eventsDown = true;
      if (es.readyState !== EventSource.CLOSED) {
        setConnection('connecting', '实时推送中断，正在重连…');
        return;
      }
      // The browser gave up (an HTTP error such as 401): find out why, then try again later.
      es.close();
      events = null;
      setConnection('down', '实时推送已断开');
      call('GET', 'me').then(function () {
        if (mine !== session) return;
        eventsRetry = window.setTimeout(function () { if (mine === session) openEvents(); }, EVENTS_RETRY_MS);
      }, report('实时推送断开'));
    });
  }

  function closeEvents() {
    if (eventsRetry) { window.clearTimeout(eventsRetry); eventsRetry = 0; }
    if (events) { events.close(); events = null; }
    eventsDown = false;
    if (el.connection) setConnection('connecting', '实时推送未连接');
  }

  // ---------------------------------------------------------------------------------------------- start

  function wire() {
    el.loginForm.addEventListener('submit', onLogin);
    el.logout.addEventListener('click', onLogout);
    el.composerForm.addEventListener('submit', sendMessage);
    el.input.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        el.composerForm.requestSubmit();
      }
    });
    el.noteForm.addEventListener('submit', addNote);
    el.transferSelect.addEventListener('change', function () { el.transfer.disabled = !el.transferSelect.value; });
    el.transfer.addEventListener('click', onTransfer);
    el.handback.addEventListener('click', function () { act('handback', undefined, el.handback, '交还机器人失败'); });
    el.close.addEventListener('click', onClose);
    el.detailAccept.addEventListener('click', function () { if (current) acceptHandoff(current.id, el.detailAccept); });
  }

  function start() {
    el = {
      loginView: $('login-view'), loginForm: $('login-form'), username: $('login-username'), password: $('login-password'),
      loginError: $('login-error'), loginSubmit: $('login-submit'),
      consoleView: $('console-view'), connection: $('connection'), agentName: $('agent-name'), agentRole: $('agent-role'),
      logout: $('logout'), errors: $('errors'),
      'queue-waiting': $('queue-waiting'), 'queue-mine': $('queue-mine'), 'queue-others': $('queue-others'),
      'count-waiting': $('count-waiting'), 'count-mine': $('count-mine'), 'count-others': $('count-others'),
      'empty-waiting': $('empty-waiting'), 'empty-mine': $('empty-mine'), 'empty-others': $('empty-others'),
      'queue-callbacks': $('queue-callbacks'), 'count-callbacks': $('count-callbacks'), 'empty-callbacks': $('empty-callbacks'),
      sectionCallbacks: $('section-callbacks'),
      convEmpty: $('conv-empty'), conv: $('conv'), convTitle: $('conv-title'), convStatus: $('conv-status'),
      convReason: $('conv-reason'), convMeta: $('conv-meta'), transcript: $('transcript'), transcriptEmpty: null,
      readonly: $('readonly-note'), readonlyText: $('readonly-text'), detailAccept: $('detail-accept'),
      composer: $('composer'), composerForm: $('composer-form'), canned: $('canned'), input: $('agent-input'), send: $('agent-send'),
      citizenLabel: $('citizen-label'), citizenName: $('citizen-name'), citizenId: $('citizen-id'),
      citizenPhone: $('citizen-phone'), citizenBound: $('citizen-bound'), citizenChannel: $('citizen-channel'),
      intents: $('intents'), actions: $('actions'), transferSelect: $('transfer-select'), transfer: $('transfer'),
      handback: $('handback'), closeReason: $('close-reason'), close: $('close'),
      notes: $('notes'), notesEmpty: $('notes-empty'), noteForm: $('note-form'), noteInput: $('note-input'), noteAdd: $('note-add'),
    };
    wire();
    el.transfer.disabled = true;
    request('GET', 'me').then(function (data) {
      signedIn(data);
    }, function (err) {
      if (err.status === 401) showLogin('');
      else showLogin('无法读取登录状态：' + err.message);
    }).then(function () {
      document.body.setAttribute('data-ready', 'true');
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
