/*
 * The NLU admin console (served as /admin/admin.js).
 *
 * Administrators look after what the bot understands: the intents and their example utterances (per
 * language), a test box against the live model or any trained version, training of new model versions with
 * k-fold cross-validation (progress live over server-sent events, then the metrics and a confusion heat map),
 * publishing a version behind a quality gate (or forcing it with a reason), rolling back, the inbox of
 * questions the bot did not understand, and the audit log.
 *
 * Sign-in goes through the agent API (/api/agent/login, /me, /logout: an HttpOnly session cookie and a CSRF
 * token); everything else through /api/admin/, which answers only sessions with the role "admin". Every
 * POST/PUT/DELETE carries the CSRF token in the x-csrf-token header.
 *
 * Plain script, no build step, no framework; runs under a strict CSP (no inline code or style attributes, no
 * eval). Server text is only ever put into the page with textContent; the heat map's colours are set through
 * the CSSOM (element.style), which the CSP allows.
 */
(function () {
  'use strict';

  /** Relative to /admin/, so the page also works behind a path prefix. */
  var AGENT_API = '../api/agent/';
  var ADMIN_API = '../api/admin/';
  var ERRORS_SHOWN = 5;
  var EVENTS_RETRY_MS = 5000;
  var NOTICE_MS = 6000;
  var TABS = ['intents', 'test', 'train', 'versions', 'inbox', 'audit'];

  var ROLES = { agent: '坐席', supervisor: '班长', admin: '管理员' };
  var LOCALES = { 'zh-CN': '中文', en: '英文' };
  var SPLITS = { train: '训练集', test: '测试集' };
  var SOURCES = {
    admin: '手工添加', manual: '手工添加', console: '手工添加', corpus: '初始语料', seed: '初始语料', builtin: '初始语料',
    inbox: '来自待处理', import: '导入',
  };
  var STATUSES = { training: '训练中', ready: '就绪', failed: '失败' };
  var PHASES = {
    queued: '排队中', pending: '排队中', starting: '准备中', preparing: '准备数据', prepare: '准备数据', loading: '读取语料',
    folds: '交叉验证', fold: '交叉验证', cv: '交叉验证', 'cross-validation': '交叉验证', crossValidation: '交叉验证',
    crossvalidate: '交叉验证', validating: '交叉验证', evaluating: '交叉验证评估', evaluate: '交叉验证评估',
    evaluation: '交叉验证评估', baseline: '初始模型',
    training: '训练模型', train: '训练模型', final: '训练最终模型', saving: '保存', save: '保存', writing: '保存',
    done: '完成', ready: '完成', finished: '完成', failed: '失败', error: '失败',
  };
  var ACTIONS = {
    'nlu.intent.create': '新建意图', 'nlu.intent.update': '修改意图', 'nlu.intent.delete': '删除意图',
    'nlu.utterance.add': '添加语料', 'nlu.utterance.delete': '删除语料', 'nlu.train': '训练模型',
    'nlu.publish': '发布版本', 'nlu.rollback': '回滚版本', 'nlu.import': '导入语料',
    'nlu.inbox.filed': '归入意图', 'nlu.inbox.out_of_scope': '标为超出范围', 'nlu.inbox.ignored': '忽略问题',
    'intent.create': '新建意图', 'intent.update': '修改意图', 'intent.delete': '删除意图',
    'utterance.add': '添加语料', 'utterance.create': '添加语料', 'utterance.delete': '删除语料',
    'model.train': '训练模型', 'version.train': '训练模型', 'train': '训练模型', 'training.start': '训练模型',
    'version.publish': '发布版本', 'model.publish': '发布版本', 'publish': '发布版本',
    'version.forcePublish': '强制发布', 'version.force_publish': '强制发布', 'version.publish.force': '强制发布',
    'version.rollback': '回滚版本', 'model.rollback': '回滚版本', 'rollback': '回滚版本',
    'inbox.file': '归入意图', 'inbox.out_of_scope': '标为超出范围', 'inbox.ignore': '忽略问题',
    'agent.create': '新建账号', 'agent.login': '登录', 'agent.logout': '退出登录',
  };

  var el = {};
  /** The signed-in account ({id, username, displayName, role}) and the token for writes. */
  var me = null;
  var csrfToken = '';
  /** Bumped on login and logout: answers to requests of an earlier session are dropped. */
  var session = 0;

  var tab = 'intents';
  var intents = [];
  var live = null;
  var intentsLoading = false;
  var intentsAgain = false;

  /** The intent open in the utterance editor: { name, utterances, loading }. */
  var editor = null;
  var localeFilter = '';
  var deleteArmed = 0;

  var versions = [];
  var liveId = null;
  var versionsLoading = false;
  var versionsAgain = false;
  /** The latest training event per version id (events may arrive before the POST /train answer). */
  var progressById = {};
  /** The version the training panel follows (its progress bar), and the one whose metrics it shows. */
  var trackedId = null;
  var metricsId = null;
  var metricsLoadingId = null;
  /** A training this page watched run: when it ends, its result is read and shown once. */
  var awaitingId = null;
  /** The version the force-publish dialog is about. */
  var forceId = null;

  var inboxGroups = [];

  var events = null;
  var eventsDown = false;
  var eventsRetry = 0;
  var noticeTimer = 0;

  // ---------------------------------------------------------------------------------------------- utilities

  function $(id) { return document.getElementById(id); }

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function button(className, text, testid) {
    var b = make('button', 'button ' + (className || ''), text);
    b.type = 'button';
    if (testid) b.setAttribute('data-testid', testid);
    return b;
  }

  function pad2(n) { return n < 10 ? '0' + n : String(n); }

  function toDate(at) {
    if (at === undefined || at === null || at === '') return null;
    var d = new Date(typeof at === 'number' && at < 1e12 ? at * 1000 : at);
    return isNaN(d.getTime()) ? null : d;
  }

  function dateTime(at) {
    var d = toDate(at);
    if (!d) return '';
    return d.getFullYear() + '-' + pad2(d.getMonth() + 1) + '-' + pad2(d.getDate()) + ' '
      + pad2(d.getHours()) + ':' + pad2(d.getMinutes()) + ':' + pad2(d.getSeconds());
  }

  function isNumber(x) { return typeof x === 'number' && isFinite(x); }

  /** Accuracy or a score as a percentage (the API gives fractions 0..1; larger values are taken as percent). */
  function percent(x) {
    if (!isNumber(x)) return '—';
    return (x <= 1 ? x * 100 : x).toFixed(1) + '%';
  }

  /** Precision, recall, F1 (fractions) with three decimals. */
  function ratio(x) {
    if (!isNumber(x)) return '—';
    return (x > 1 ? x / 100 : x).toFixed(3);
  }

  /** An accuracy difference in percentage points, signed (fractions when the accuracies are fractions). */
  function points(delta, reference) {
    if (!isNumber(delta)) return null;
    var p = Math.abs(delta) <= 1 && !(isNumber(reference) && reference > 1) ? delta * 100 : delta;
    return (p > 0 ? '+' : '') + p.toFixed(1) + ' 个百分点';
  }

  function lines(text) {
    return String(text || '').split(/\r?\n/).map(function (s) { return s.trim(); }).filter(Boolean);
  }

  function sameId(a, b) { return a !== undefined && a !== null && b !== undefined && b !== null && String(a) === String(b); }

  function intentByName(name) {
    for (var i = 0; i < intents.length; i++) if (intents[i].name === name) return intents[i];
    return null;
  }

  function versionById(id) {
    for (var i = 0; i < versions.length; i++) if (sameId(versions[i].id, id)) return versions[i];
    return null;
  }

  function versionLabel(v) {
    if (!v) return '';
    return isNumber(v.number) ? 'v' + v.number : String(v.id);
  }

  /** Who did something: the API names accounts by id; the signed-in one and the system get their names. */
  function accountLabel(id) {
    if (id === undefined || id === null || id === '') return '';
    if (id === 'system') return '系统';
    if (me && sameId(me.id, id)) return me.displayName || me.username || String(id);
    var text = String(id);
    return /^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(text) ? '账号 ' + text.slice(0, 8) : text;
  }

  function phaseLabel(phase) { return PHASES[phase] || phase || ''; }

  function actionLabel(action) {
    if (ACTIONS[action]) return ACTIONS[action];
    var a = String(action || '');
    if (/force/i.test(a)) return '强制发布';
    if (/publish/i.test(a)) return '发布版本';
    if (/rollback/i.test(a)) return '回滚版本';
    if (/train/i.test(a)) return '训练模型';
    if (/utterance/i.test(a)) return /delete|remove/i.test(a) ? '删除语料' : '添加语料';
    if (/inbox/i.test(a)) return '处理待处理问题';
    if (/intent/i.test(a)) return /delete|remove/i.test(a) ? '删除意图' : /update|edit/i.test(a) ? '修改意图' : '新建意图';
    return a;
  }

  function describeValue(value) {
    if (value === null || value === undefined) return '';
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    try { return JSON.stringify(value); } catch (e) { return String(value); }
  }

  /** The details without the `admin` key (shown as the actor already). */
  function withoutAdmin(details) {
    if (!details || typeof details !== 'object' || Array.isArray(details)) return details;
    var out = {};
    Object.keys(details).forEach(function (k) { if (k !== 'admin') out[k] = details[k]; });
    return out;
  }

  function describeDetails(details) {
    if (details === null || details === undefined || details === '') return '';
    if (typeof details !== 'object' || Array.isArray(details)) return describeValue(details);
    var parts = [];
    Object.keys(details).forEach(function (k) { parts.push(k + '=' + describeValue(details[k])); });
    var text = parts.join('，');
    return text.length > 300 ? text.slice(0, 300) + '…' : text;
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
   * One HTTP call. Resolves with the parsed JSON body (or {} when there is none); rejects with an Error carrying
   * `status` (0 for a network failure) and `data` (the parsed error body).
   */
  function request(method, url, body) {
    var headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
    var init = { method: method, headers: headers, credentials: 'same-origin', cache: 'no-store' };
    if (body !== undefined) init.body = JSON.stringify(body);
    return fetch(url, init).then(function (res) {
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
      var err = new Error('无法连接服务器（' + method + ' ' + url.replace(/^\.\./, '') + '）：'
        + (cause && cause.message ? cause.message : String(cause)));
      err.status = 0;
      throw err;
    });
  }

  function staleError() {
    var err = new Error('stale');
    err.handled = true;
    return err;
  }

  /**
   * A call of the admin API while signed in. A 401 means the session is gone: back to the login form. A 403 of
   * a read (or of a write that is not about the CSRF token) means the account is no administrator. Answers
   * that arrive after a logout are ignored.
   */
  function call(method, path, body) {
    var mine = session;
    return request(method, ADMIN_API + path, body).then(function (data) {
      if (mine !== session) throw staleError();
      return data;
    }, function (err) {
      if (mine !== session) throw staleError();
      if (err.status === 401) {
        sessionExpired();
        err.handled = true;
      } else if (err.status === 403 && (method === 'GET' || !/csrf/i.test(err.message))) {
        showDenied();
        err.handled = true;
      }
      throw err;
    });
  }

  /** Shows a failed call on the page (never swallowed), unless it was already dealt with. */
  function report(what) {
    return function (err) {
      if (err && err.handled) return;
      showError(what + '：' + (err && err.message ? err.message : String(err)));
    };
  }

  // -------------------------------------------------------------------------------------- errors, notices

  function showError(text) {
    var items = el.errors.children;
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

  function notify(text) {
    el.notice.textContent = text;
    el.notice.classList.remove('hidden');
    if (noticeTimer) window.clearTimeout(noticeTimer);
    noticeTimer = window.setTimeout(function () { el.notice.classList.add('hidden'); noticeTimer = 0; }, NOTICE_MS);
  }

  // ---------------------------------------------------------------------------------------------- views

  function setView(view) {
    document.body.setAttribute('data-view', view);
    el.loginView.classList.toggle('hidden', view !== 'login');
    el.deniedView.classList.toggle('hidden', view !== 'denied');
    el.consoleView.classList.toggle('hidden', view !== 'console');
  }

  function showLogin(message) {
    setView('login');
    el.loginError.textContent = message || '';
    el.loginSubmit.disabled = false;
    el.password.value = '';
    if (el.username.value) el.password.focus(); else el.username.focus();
  }

  /** Signed in, but not as an administrator: the admin API answers 403. */
  function showDenied() {
    closeEvents();
    setView('denied');
    var who = me ? (me.displayName || me.username || String(me.id)) : '';
    var role = me ? (ROLES[me.role] || me.role || '') : '';
    el.denied.textContent = '需要管理员权限才能使用 NLU 管理台。'
      + (me && me.role !== 'admin' ? '当前账号的角色是「' + (role || '未知') + '」，不是管理员。' : '服务器拒绝了这个账号的访问（HTTP 403）。');
    el.deniedWho.textContent = who ? '当前登录：' + who + (role ? '（' + role + '）' : '') : '';
  }

  /** Forgets everything of the signed-in account (the page may be left open for the next one). */
  function resetSession() {
    session += 1;
    me = null;
    csrfToken = '';
    closeEvents();
    intents = [];
    live = null;
    editor = null;
    versions = [];
    liveId = null;
    progressById = {};
    trackedId = null;
    metricsId = null;
    metricsLoadingId = null;
    awaitingId = null;
    inboxGroups = [];
    clearErrors();
    closeForce();
    renderIntents();
    renderEditor();
    renderVersions();
    renderProgress();
    el.metrics.classList.add('hidden');
    el.testResult.classList.add('hidden');
    el.inbox.textContent = '';
    el.audit.textContent = '';
  }

  function sessionExpired() {
    if (!me) return;
    resetSession();
    showLogin('登录已失效，请重新登录。');
  }

  /** After a login or on start with a session: the admin API decides whether this account may use the page. */
  function signedIn(data) {
    if (!data || !data.agent || !data.csrfToken) {
      showLogin('服务器返回的登录信息不完整，请联系管理员。');
      return Promise.resolve();
    }
    resetSession();
    me = data.agent;
    csrfToken = data.csrfToken;
    el.adminName.textContent = me.displayName || me.username || String(me.id);
    el.adminRole.textContent = ROLES[me.role] || me.role || '';
    el.loginError.textContent = '';
    el.password.value = '';
    setView('loading');
    var mine = session;
    return call('GET', 'intents').then(function (body) {
      if (mine !== session) return;
      setView('console');
      applyIntents(body);
      openEvents();
      refreshVersions();
      refreshInbox();
      setTab(tab);
    }, function (err) {
      if (err && err.handled) return;
      // The page cannot work without the intents: say why, on the console with its error line.
      setView('console');
      showError('读取意图失败：' + err.message);
    });
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
    csrfToken = '';
    request('POST', AGENT_API + 'login', { username: username, password: password }).then(signedIn, function (err) {
      el.password.value = '';
      el.password.focus();
      if (err.status === 401) {
        el.loginError.textContent = '用户名或密码错误。';
      } else if (err.status === 429) {
        var wait = err.data && Number(err.data.retryAfterSeconds);
        el.loginError.textContent = wait > 0 ? '登录失败次数过多，请 ' + Math.ceil(wait / 60) + ' 分钟后再试。' : '登录失败次数过多，请稍后再试。';
      } else {
        el.loginError.textContent = '登录失败：' + err.message;
      }
    }).then(function () { el.loginSubmit.disabled = false; });
  }

  function onLogout(event) {
    var b = event && event.currentTarget;
    if (b) b.disabled = true;
    var mine = session;
    request('POST', AGENT_API + 'logout').then(function () {
      if (mine !== session) return;
      resetSession();
      showLogin('已退出登录。');
    }, function (err) {
      if (err.status === 401) {
        resetSession();
        showLogin('已退出登录。');
        return;
      }
      if (document.body.getAttribute('data-view') === 'denied') el.deniedWho.textContent = '退出登录失败：' + err.message;
      else showError('退出登录失败：' + err.message);
    }).then(function () { if (b) b.disabled = false; });
  }

  // ----------------------------------------------------------------------------------------------- tabs

  function setTab(name) {
    if (TABS.indexOf(name) < 0) name = 'intents';
    tab = name;
    document.body.setAttribute('data-tab', name);
    TABS.forEach(function (t) {
      var active = t === name;
      el['panel-' + t].classList.toggle('hidden', !active);
      el['tab-' + t].classList.toggle('active', active);
      el['tab-' + t].setAttribute('aria-selected', active ? 'true' : 'false');
    });
    if (window.history && window.history.replaceState) window.history.replaceState(null, '', '#' + name);
    if (!me) return;
    if (name === 'versions') refreshVersions();
    else if (name === 'inbox') refreshInbox();
    else if (name === 'audit') refreshAudit();
    else if (name === 'test') renderTestVersions();
    else if (name === 'train') showTrainPanel();
  }

  // -------------------------------------------------------------------------------------------- intents

  function refreshIntents() {
    if (!me) return;
    if (intentsLoading) { intentsAgain = true; return; }
    intentsLoading = true;
    intentsAgain = false;
    call('GET', 'intents').then(applyIntents, report('读取意图失败')).then(function () {
      intentsLoading = false;
      if (intentsAgain && me) refreshIntents();
    });
  }

  function applyIntents(body) {
    intents = Array.isArray(body.intents) ? body.intents.slice() : [];
    intents.sort(function (a, b) { return String(a.name).localeCompare(String(b.name)); });
    live = body.live || null;
    if (live && live.versionId !== undefined && live.versionId !== null) liveId = live.versionId;
    renderLive();
    renderIntents();
    renderEditorHead();
    renderInbox();
  }

  function renderLive() {
    var v = versionById(liveId);
    var number = live && isNumber(live.number) ? live.number : v && isNumber(v.number) ? v.number : null;
    var accuracy = live && isNumber(live.accuracy) ? live.accuracy : v && isNumber(v.accuracy) ? v.accuracy : null;
    if (number === null && (liveId === null || liveId === undefined)) {
      el.liveVersion.textContent = '线上模型：未知';
      el.liveVersion.removeAttribute('data-version');
      return;
    }
    el.liveVersion.textContent = '线上模型 ' + (number !== null ? 'v' + number : String(liveId))
      + ' · ' + (accuracy !== null ? '准确率 ' + percent(accuracy) : '无交叉验证数据');
    el.liveVersion.setAttribute('data-version', String(liveId !== null && liveId !== undefined ? liveId : ''));
  }

  function count(counts, locale) {
    var n = counts ? counts[locale] : undefined;
    return isNumber(n) ? n : 0;
  }

  function renderIntents() {
    var filter = (el.intentFilter.value || '').trim().toLowerCase();
    el.intentsBody.textContent = '';
    el.intentsTotal.textContent = String(intents.length);
    var shown = 0;
    intents.forEach(function (intent) {
      var hay = (String(intent.name) + ' ' + String(intent.description || '') + ' ' + String(intent.domain || '')).toLowerCase();
      if (filter && hay.indexOf(filter) < 0) return;
      shown += 1;
      var row = make('tr', 'intent-row');
      row.setAttribute('data-testid', 'intent-row');
      row.setAttribute('data-intent', String(intent.name));
      row.tabIndex = 0;
      if (editor && editor.name === intent.name) row.classList.add('selected');

      var nameCell = make('td', 'intent-name-cell');
      var name = make('span', 'intent-name', intent.name);
      nameCell.appendChild(name);
      if (intent.isFaq) nameCell.appendChild(make('span', 'badge badge-faq', 'FAQ'));
      row.appendChild(nameCell);
      row.appendChild(make('td', 'muted-cell', intent.description || ''));
      row.appendChild(make('td', 'muted-cell', intent.domain || ''));
      var zh = make('td', 'num', count(intent.counts, 'zh-CN'));
      zh.setAttribute('data-testid', 'intent-count-zh');
      row.appendChild(zh);
      var en = make('td', 'num', count(intent.counts, 'en'));
      en.setAttribute('data-testid', 'intent-count-en');
      row.appendChild(en);
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
    el.intentsEmpty.classList.toggle('hidden', shown > 0 || intents.length === 0);
  }

  function onCreateIntent(event) {
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

  // ----------------------------------------------------------------------------------- utterance editor

  function selectIntent(name) {
    if (!me) return;
    deleteArmed = 0;
    editor = { name: name, utterances: [], loading: true };
    var intent = intentByName(name);
    el.editDescription.value = intent ? intent.description || '' : '';
    fillAnswers(intent);
    el.utteranceInput.value = '';
    renderIntents();
    renderEditor();
    loadUtterances(name);
    el.utteranceInput.focus();
  }

  function fillAnswers(intent) {
    var answers = intent && intent.answers && typeof intent.answers === 'object' ? intent.answers : null;
    el.editAnswers.value = answers && Array.isArray(answers['zh-CN']) ? answers['zh-CN'].join('\n') : '';
    el.editAnswersEn.value = answers && Array.isArray(answers.en) ? answers.en.join('\n') : '';
  }

  function loadUtterances(name) {
    call('GET', 'intents/' + encodeURIComponent(name) + '/utterances').then(function (data) {
      if (!editor || editor.name !== name) return;
      var list = Array.isArray(data.utterances) ? data.utterances.slice() : [];
      editor.utterances = sortUtterances(list);
      editor.loading = false;
      renderEditor();
    }, function (err) {
      if (editor && editor.name === name) {
        editor.loading = false;
        renderEditor();
      }
      report('读取语料失败')(err);
    });
  }

  /** Newest first (ids break ties), so what was just added is on top. */
  function sortUtterances(list) {
    return list.sort(function (a, b) {
      var ta = toDate(a.createdAt);
      var tb = toDate(b.createdAt);
      var d = (tb ? tb.getTime() : 0) - (ta ? ta.getTime() : 0);
      if (d !== 0) return d;
      return String(b.id).localeCompare(String(a.id), undefined, { numeric: true });
    });
  }

  function renderEditorHead() {
    if (!editor) return;
    var intent = intentByName(editor.name);
    el.editorIntent.textContent = editor.name;
    el.editorFaq.classList.toggle('hidden', !(intent && intent.isFaq) && !/^faq\./.test(editor.name));
    el.editAnswersBlock.classList.toggle('hidden', !(intent && intent.isFaq) && !/^faq\./.test(editor.name));
    var title = intent && intent.description ? intent.description : '';
    el.editorIntent.title = title;
  }

  function renderEditor() {
    el.editorEmpty.classList.toggle('hidden', !!editor);
    el.editor.classList.toggle('hidden', !editor);
    el.utteranceEditor.setAttribute('data-intent', editor ? editor.name : '');
    if (!editor) {
      el.utterances.textContent = '';
      return;
    }
    renderEditorHead();
    el.intentDelete.textContent = '删除意图';
    el.intentDelete.classList.remove('armed');
    Array.prototype.forEach.call(el.localeChips, function (chip) {
      chip.classList.toggle('selected', chip.getAttribute('data-locale-filter') === localeFilter);
    });
    el.utterances.textContent = '';
    var shown = 0;
    editor.utterances.forEach(function (u) {
      if (localeFilter && u.locale !== localeFilter) return;
      shown += 1;
      el.utterances.appendChild(renderUtterance(u));
    });
    el.utteranceTotal.textContent = String(editor.utterances.length);
    el.utterancesLoading.classList.toggle('hidden', !editor.loading);
    el.utterancesEmpty.classList.toggle('hidden', editor.loading || shown > 0);
  }

  function renderUtterance(u) {
    var item = make('li', 'utterance');
    item.setAttribute('data-testid', 'utterance');
    item.setAttribute('data-id', String(u.id));
    item.setAttribute('data-locale', String(u.locale || ''));
    item.setAttribute('data-split', String(u.split || ''));
    var text = make('span', 'utterance-text', u.text);
    text.setAttribute('data-testid', 'utterance-text');
    item.appendChild(text);
    var meta = make('span', 'utterance-meta');
    meta.appendChild(make('span', 'badge badge-locale', LOCALES[u.locale] || u.locale || ''));
    if (u.split) meta.appendChild(make('span', 'badge badge-' + (u.split === 'test' ? 'test' : 'train'), SPLITS[u.split] || u.split));
    if (u.source) meta.appendChild(make('span', 'utterance-source', SOURCES[u.source] || u.source));
    var when = dateTime(u.createdAt);
    if (when) meta.title = '添加于 ' + when;
    item.appendChild(meta);
    var del = button('button-icon', '删除', 'utterance-delete');
    del.setAttribute('aria-label', '删除语料：' + String(u.text));
    del.addEventListener('click', function () { deleteUtterance(u, del); });
    item.appendChild(del);
    return item;
  }

  function onAddUtterance(event) {
    event.preventDefault();
    if (!editor) return;
    var name = editor.name;
    var text = el.utteranceInput.value.trim();
    var locale = el.utteranceLocale.value || 'zh-CN';
    var split = el.utteranceSplit.value;
    if (!text) { el.utteranceInput.focus(); return; }
    var body = { locale: locale, text: text };
    if (split) body.split = split;
    el.utteranceAdd.disabled = true;
    call('POST', 'intents/' + encodeURIComponent(name) + '/utterances', body).then(function (data) {
      var u = data && data.utterance ? data.utterance : { id: 'new-' + Date.now(), locale: locale, text: text, split: split };
      if (editor && editor.name === name) {
        editor.utterances = editor.utterances.filter(function (x) { return !sameId(x.id, u.id); });
        editor.utterances.unshift(u);
        if (localeFilter && localeFilter !== u.locale) localeFilter = '';
        if (el.utteranceInput.value.trim() === text) el.utteranceInput.value = '';
        renderEditor();
      }
      bumpCount(name, u.locale || locale, 1);
      refreshIntents();
    }, function (err) {
      if (err && err.status === 409) showError('这条语料已经存在：“' + text + '”（' + err.message + '）');
      else report('添加语料失败')(err);
    }).then(function () {
      el.utteranceAdd.disabled = false;
      el.utteranceInput.focus();
    });
  }

  function bumpCount(name, locale, delta) {
    var intent = intentByName(name);
    if (!intent) return;
    intent.counts = intent.counts || {};
    intent.counts[locale] = Math.max(0, count(intent.counts, locale) + delta);
    renderIntents();
  }

  function deleteUtterance(u, control) {
    if (!editor) return;
    var name = editor.name;
    control.disabled = true;
    call('DELETE', 'utterances/' + encodeURIComponent(String(u.id))).then(function () {
      if (editor && editor.name === name) {
        editor.utterances = editor.utterances.filter(function (x) { return !sameId(x.id, u.id); });
        renderEditor();
      }
      bumpCount(name, u.locale, -1);
      refreshIntents();
    }, function (err) {
      control.disabled = false;
      report('删除语料失败')(err);
    });
  }

  function onSaveIntent(event) {
    event.preventDefault();
    if (!editor) return;
    var name = editor.name;
    var body = {};
    var description = el.editDescription.value.trim();
    if (description) body.description = description;
    var zh = lines(el.editAnswers.value);
    var en = lines(el.editAnswersEn.value);
    if (!el.editAnswersBlock.classList.contains('hidden') && (zh.length > 0 || en.length > 0)) {
      var intent = intentByName(name);
      var old = intent && intent.answers && typeof intent.answers === 'object' ? intent.answers : {};
      body.answers = {
        'zh-CN': zh.length > 0 ? zh : (Array.isArray(old['zh-CN']) ? old['zh-CN'] : []),
        en: en.length > 0 ? en : (Array.isArray(old.en) ? old.en : []),
      };
    }
    if (!body.description && !body.answers) { showError('没有要保存的修改。'); return; }
    el.intentSave.disabled = true;
    call('PUT', 'intents/' + encodeURIComponent(name), body).then(function () {
      notify('已保存意图 ' + name + '。');
      refreshIntents();
    }, report('保存意图失败')).then(function () { el.intentSave.disabled = false; });
  }

  /** Deleting asks once more: the first click arms the button for a few seconds. */
  function onDeleteIntent() {
    if (!editor) return;
    var name = editor.name;
    if (!deleteArmed) {
      el.intentDelete.textContent = '确认删除？';
      el.intentDelete.classList.add('armed');
      deleteArmed = window.setTimeout(function () {
        deleteArmed = 0;
        el.intentDelete.textContent = '删除意图';
        el.intentDelete.classList.remove('armed');
      }, 4000);
      return;
    }
    window.clearTimeout(deleteArmed);
    deleteArmed = 0;
    el.intentDelete.disabled = true;
    call('DELETE', 'intents/' + encodeURIComponent(name)).then(function () {
      if (editor && editor.name === name) editor = null;
      renderEditor();
      notify('已删除意图 ' + name + '。');
      refreshIntents();
    }, function (err) {
      if (err && err.status === 409) showError('不能删除意图 ' + name + '：' + err.message);
      else report('删除意图失败')(err);
      renderEditor();
    }).then(function () { el.intentDelete.disabled = false; });
  }

  // ----------------------------------------------------------------------------------------------- test

  function renderTestVersions() {
    var chosen = el.testVersion.value;
    el.testVersion.textContent = '';
    var liveOption = make('option', '', '线上模型' + (liveId !== null && liveId !== undefined && versionById(liveId) ? '（' + versionLabel(versionById(liveId)) + '）' : ''));
    liveOption.value = '';
    el.testVersion.appendChild(liveOption);
    versions.forEach(function (v) {
      if (v.status !== 'ready') return;
      var o = make('option', '', versionLabel(v) + (v.live ? '（线上）' : '') + (isNumber(v.accuracy) ? ' · ' + percent(v.accuracy) : ''));
      o.value = String(v.id);
      el.testVersion.appendChild(o);
    });
    el.testVersion.value = chosen;
    if (el.testVersion.value !== chosen) el.testVersion.value = '';
  }

  function onTest(event) {
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

  // ---------------------------------------------------------------------------------------- versions

  function refreshVersions() {
    if (!me) return Promise.resolve();
    if (versionsLoading) { versionsAgain = true; return Promise.resolve(); }
    versionsLoading = true;
    versionsAgain = false;
    return call('GET', 'versions').then(applyVersions, report('读取版本失败')).then(function () {
      versionsLoading = false;
      if (versionsAgain && me) refreshVersions();
    });
  }

  function applyVersions(body) {
    versions = Array.isArray(body.versions) ? body.versions.slice() : [];
    if (body.liveId !== undefined) liveId = body.liveId;
    // Events that came while the list loaded are newer than it.
    versions.forEach(function (v) {
      var seen = progressById[v.id];
      if (seen && v.status === 'training' && seen.status !== 'training') v.status = seen.status;
      if (seen && v.status === 'training') v.progress = { phase: seen.phase, percent: seen.percent };
    });
    // A training someone started (here, elsewhere, or before this page loaded) is followed by the train panel.
    var running = versions.filter(function (v) { return v.status === 'training'; })[0];
    if (running) {
      trackedId = running.id;
      awaitingId = running.id;
    }
    renderVersions();
    renderLive();
    renderTestVersions();
    renderProgress();
    if (tab === 'train') showTrainPanel();
    observe(versionById(awaitingId));
  }

  /** Reads the result of the watched training once it ended, however the page learnt of it. */
  function observe(v) {
    if (!v || !sameId(v.id, awaitingId) || (v.status !== 'ready' && v.status !== 'failed')) return;
    awaitingId = null;
    finished(v.id, v.status);
  }

  function wasPublished(v) {
    if (v.publishedAt) return true;
    var current = versionById(liveId);
    return !!(current && isNumber(current.number) && isNumber(v.number) && v.number < current.number);
  }

  function renderVersions() {
    el.versionsBody.textContent = '';
    versions.forEach(function (v) {
      var isLive = v.live === true || sameId(v.id, liveId);
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
      var state = make('span', 'status status-' + String(v.status || ''), STATUSES[v.status] || v.status || '');
      status.appendChild(state);
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
          back.addEventListener('click', function () { rollback(v, back); });
          actions.appendChild(back);
        } else if (!isLive) {
          var pub = button('button-small button-primary', '发布', 'publish');
          pub.addEventListener('click', function () { publish(v, pub); });
          actions.appendChild(pub);
        }
      }
      row.appendChild(actions);
      el.versionsBody.appendChild(row);
    });
    el.versionsEmpty.classList.toggle('hidden', versions.length > 0);
  }

  function published(v, what) {
    notify(what + ' ' + versionLabel(v) + '，线上模型已切换。');
    refreshVersions();
    refreshIntents();
  }

  function publish(v, control) {
    control.disabled = true;
    call('POST', 'versions/' + encodeURIComponent(String(v.id)) + '/publish', {}).then(function () {
      published(v, '已发布');
    }, function (err) {
      control.disabled = false;
      if (err && err.status === 409 && err.data && (err.data.accuracyDelta !== undefined || Array.isArray(err.data.lostIntents))) {
        openForce(v, err.data);
        return;
      }
      report('发布失败')(err);
    });
  }

  function rollback(v, control) {
    control.disabled = true;
    call('POST', 'versions/' + encodeURIComponent(String(v.id)) + '/rollback', {}).then(function () {
      published(v, '已回滚到');
    }, function (err) {
      control.disabled = false;
      report('回滚失败')(err);
    });
  }

  function openForce(v, data) {
    forceId = v.id;
    var current = versionById(liveId);
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

  function closeForce() {
    forceId = null;
    el.forceDialog.classList.add('hidden');
    el.forcePublish.disabled = false;
  }

  function onForce(event) {
    event.preventDefault();
    if (forceId === null) return;
    var id = forceId;
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

  // ------------------------------------------------------------------------------------------- training

  function onTrain(event) {
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
      trackedId = v.id;
      awaitingId = v.id;
      var seen = progressById[v.id];
      if (seen) {
        v.status = seen.status || v.status;
        v.progress = { phase: seen.phase, percent: seen.percent };
      }
      if (!versionById(v.id)) versions.unshift(v);
      else versions = versions.map(function (x) { return sameId(x.id, v.id) ? mergeVersion(x, v) : x; });
      notify('已开始训练 ' + versionLabel(v) + '（' + folds + ' 折交叉验证）。');
      renderVersions();
      renderProgress();
      observe(versionById(v.id));
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
    var v = trackedId !== null ? versionById(trackedId) : null;
    var running = versions.some(function (x) { return x.status === 'training'; });
    el.train.disabled = running || !me;
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

  function onTrainingEvent(event) {
    var data = parseEvent(event);
    if (!data || data.versionId === undefined || data.versionId === null) return;
    progressById[data.versionId] = data;
    var v = versionById(data.versionId);
    if (!v) {
      // A version this page has not seen yet: started elsewhere (or the POST answer is still on its way).
      if (data.status === 'training' && awaitingId === null) {
        trackedId = data.versionId;
        awaitingId = data.versionId;
      }
      refreshVersions();
      return;
    }
    if (data.status) v.status = data.status;
    v.progress = { phase: data.phase, percent: data.percent };
    if (data.status === 'training' && !sameId(awaitingId, data.versionId)) {
      trackedId = data.versionId;
      awaitingId = data.versionId;
    }
    renderVersions();
    renderProgress();
    observe(v);
  }

  /** A training ended: read the version again (accuracy, error), and show its metrics when it is followed. */
  function finished(id, status) {
    call('GET', 'versions/' + encodeURIComponent(String(id))).then(function (data) {
      if (data && data.version) {
        versions = versions.map(function (x) { return sameId(x.id, id) ? mergeVersion(x, data.version) : x; });
        renderVersions();
        renderProgress();
        renderTestVersions();
      }
      if (status === 'failed') {
        var v = versionById(id);
        showError('训练 ' + versionLabel(v) + ' 失败：' + (v && v.error ? v.error : '原因未知'));
        return;
      }
      if (sameId(trackedId, id)) {
        metricsId = id;
        renderMetrics(id, data);
      }
    }, report('读取训练结果失败'));
  }

  function showTrainPanel() {
    renderProgress();
    if (metricsId !== null) return;
    // Nothing chosen yet: the newest finished version.
    var newest = versions.filter(function (v) { return v.status === 'ready'; })[0];
    if (newest && !versions.some(function (v) { return v.status === 'training'; })) loadMetrics(newest.id);
  }

  function showMetricsOf(id) {
    setTab('train');
    loadMetrics(id);
  }

  function loadMetrics(id) {
    metricsId = id;
    if (sameId(metricsLoadingId, id)) return;
    metricsLoadingId = id;
    call('GET', 'versions/' + encodeURIComponent(String(id))).then(function (data) {
      if (!sameId(metricsId, id)) return;
      renderMetrics(id, data);
    }, report('读取评估结果失败')).then(function () {
      if (sameId(metricsLoadingId, id)) metricsLoadingId = null;
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
    renderConfusion(m.confusion);
  }

  /**
   * The confusion matrix as a table of cells: rows are the annotated (gold) intents, columns the predicted
   * ones. A cell's colour grows with its share of the row: green on the diagonal (right), red elsewhere.
   */
  function renderConfusion(confusion) {
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
        }
        row.appendChild(cell);
      });
      row.appendChild(make('td', 'heat-total', String(total)));
      bodyRows.appendChild(row);
    });
    el.confusion.appendChild(bodyRows);
  }

  // ---------------------------------------------------------------------------------------------- inbox

  function refreshInbox() {
    if (!me) return;
    call('GET', 'inbox').then(function (data) {
      inboxGroups = Array.isArray(data.groups) ? data.groups : [];
      renderInbox();
    }, report('读取待处理问题失败'));
  }

  function inboxTotal() {
    var n = 0;
    inboxGroups.forEach(function (g) { n += Array.isArray(g.items) ? g.items.length : 0; });
    return n;
  }

  function renderInbox() {
    var total = inboxTotal();
    el.inboxCount.textContent = String(total);
    el.inboxCount.classList.toggle('hidden', total === 0);
    el.inbox.textContent = '';
    inboxGroups.forEach(function (g) {
      var items = Array.isArray(g.items) ? g.items : [];
      if (items.length === 0) return;
      var group = make('li', 'inbox-group');
      group.setAttribute('data-testid', 'inbox-group');
      var head = make('div', 'inbox-head');
      var rep = make('span', 'inbox-representative', g.representative || (items[0] && items[0].text) || '');
      rep.setAttribute('data-testid', 'inbox-representative');
      head.appendChild(rep);
      head.appendChild(make('span', 'count', String(isNumber(g.count) ? g.count : items.length) + ' 次'));
      group.appendChild(head);
      var list = make('ol', 'inbox-items');
      items.forEach(function (item) { list.appendChild(renderInboxItem(item)); });
      group.appendChild(list);
      el.inbox.appendChild(group);
    });
    el.inboxEmpty.classList.toggle('hidden', total > 0);
  }

  function renderInboxItem(item) {
    var li = make('li', 'inbox-item');
    li.setAttribute('data-testid', 'inbox-item');
    li.setAttribute('data-id', String(item.id));
    var main = make('div', 'inbox-main');
    var text = make('span', 'inbox-text', item.text);
    text.setAttribute('data-testid', 'inbox-text');
    main.appendChild(text);
    var meta = make('span', 'inbox-meta');
    meta.appendChild(make('span', 'badge badge-locale', LOCALES[item.locale] || item.locale || ''));
    meta.appendChild(make('span', '', '模型识别为 ' + (item.intent || 'None') + (isNumber(item.score) ? '（' + percent(item.score) + '）' : '')));
    var when = dateTime(item.createdAt);
    if (when) meta.appendChild(make('span', '', when));
    main.appendChild(meta);
    li.appendChild(main);

    var actions = make('div', 'inbox-actions');
    var select = make('select', 'select select-narrow');
    select.setAttribute('data-testid', 'inbox-intent');
    select.setAttribute('aria-label', '归入的意图');
    var none = make('option', '', '选择意图…');
    none.value = '';
    select.appendChild(none);
    intents.forEach(function (intent) {
      var o = make('option', '', intent.name + (intent.description ? ' · ' + intent.description : ''));
      o.value = intent.name;
      select.appendChild(o);
    });
    actions.appendChild(select);
    var file = button('button-small button-primary', '归入意图', 'inbox-file');
    file.addEventListener('click', function () {
      if (!select.value) { showError('请先选择要归入的意图。'); select.focus(); return; }
      inboxAction(item, { action: 'file', intent: select.value }, li, '已把“' + item.text + '”归入 ' + select.value + '。');
    });
    actions.appendChild(file);
    var oos = button('button-small', '超出范围', 'inbox-out-of-scope');
    oos.title = '不是本机器人该回答的问题（作为超出范围的语料）';
    oos.addEventListener('click', function () { inboxAction(item, { action: 'out_of_scope' }, li, '已标为超出范围。'); });
    actions.appendChild(oos);
    var ignore = button('button-small button-quiet', '忽略', 'inbox-ignore');
    ignore.addEventListener('click', function () { inboxAction(item, { action: 'ignore' }, li, '已忽略。'); });
    actions.appendChild(ignore);
    li.appendChild(actions);
    return li;
  }

  function inboxAction(item, body, li, done) {
    var controls = li.querySelectorAll('button, select');
    Array.prototype.forEach.call(controls, function (c) { c.disabled = true; });
    call('POST', 'inbox/' + encodeURIComponent(String(item.id)), body).then(function () {
      inboxGroups.forEach(function (g) {
        if (!Array.isArray(g.items)) return;
        var before = g.items.length;
        g.items = g.items.filter(function (x) { return !sameId(x.id, item.id); });
        if (g.items.length < before && isNumber(g.count)) g.count = Math.max(0, g.count - 1);
      });
      renderInbox();
      notify(done);
      if (body.action === 'file') {
        refreshIntents();
        if (editor && editor.name === body.intent) loadUtterances(editor.name);
      }
    }, function (err) {
      Array.prototype.forEach.call(controls, function (c) { c.disabled = false; });
      report('处理失败')(err);
    });
  }

  // ---------------------------------------------------------------------------------------------- audit

  function refreshAudit() {
    if (!me) return;
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
        var actorCell = make('td', 'nowrap', (me && sameId(me.id, actor) ? accountLabel(actor)
          : details && typeof details.admin === 'string' ? details.admin : accountLabel(actor)) || '');
        if (actor) actorCell.title = '账号 ' + describeValue(actor);
        row.appendChild(actorCell);
        var action = make('td', 'nowrap');
        action.appendChild(make('span', 'audit-action', actionLabel(e.action)));
        action.appendChild(make('span', 'audit-code', String(e.action || '')));
        row.appendChild(action);
        row.appendChild(make('td', 'audit-target', describeValue(e.target)));
        row.appendChild(make('td', 'audit-details', describeDetails(withoutAdmin(e.details))));
        el.audit.appendChild(row);
      });
      el.auditEmpty.classList.toggle('hidden', entries.length > 0);
    }, report('读取审计日志失败'));
  }

  // --------------------------------------------------------------------------------------------- events

  function parseEvent(event) {
    try { return JSON.parse(event.data); } catch (e) { return null; }
  }

  function setConnection(state, text) {
    el.connection.setAttribute('data-state', state);
    el.connection.textContent = text;
  }

  function onLiveEvent(event) {
    var data = parseEvent(event);
    if (!data) return;
    if (data.versionId !== undefined) liveId = data.versionId;
    versions.forEach(function (v) { v.live = sameId(v.id, liveId); });
    renderVersions();
    renderLive();
    refreshVersions();
    refreshIntents();
  }

  function openEvents() {
    closeEvents();
    if (typeof window.EventSource !== 'function') {
      setConnection('down', '浏览器不支持实时推送');
      showError('这个浏览器不支持 EventSource，收不到训练进度；请换用新版浏览器。');
      return;
    }
    var mine = session;
    var es = new EventSource(ADMIN_API + 'events');
    var first = true;
    events = es;
    setConnection('connecting', '实时推送连接中…');
    es.addEventListener('open', function () {
      if (events !== es) return;
      setConnection('up', '实时推送已连接');
      if (eventsDown || first) {
        // Events may have been missed before or while disconnected: read the versions again.
        eventsDown = false;
        if (!first) refreshVersions();
        var tracked = trackedId !== null ? versionById(trackedId) : null;
        if (tracked && tracked.status === 'training') refreshVersions();
      }
      first = false;
    });
    es.addEventListener('training', onTrainingEvent);
    es.addEventListener('live', onLiveEvent);
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
      call('GET', 'versions').then(function (body) {
        if (mine !== session) return;
        applyVersions(body);
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
    el.deniedLogout.addEventListener('click', onLogout);
    TABS.forEach(function (t) {
      el['tab-' + t].addEventListener('click', function () { setTab(t); });
    });
    el.intentFilter.addEventListener('input', renderIntents);
    el.newIntentForm.addEventListener('submit', onCreateIntent);
    el.intentEditForm.addEventListener('submit', onSaveIntent);
    el.intentDelete.addEventListener('click', onDeleteIntent);
    el.utteranceForm.addEventListener('submit', onAddUtterance);
    Array.prototype.forEach.call(el.localeChips, function (chip) {
      chip.addEventListener('click', function () {
        localeFilter = chip.getAttribute('data-locale-filter') || '';
        renderEditor();
      });
    });
    el.testForm.addEventListener('submit', onTest);
    el.trainForm.addEventListener('submit', onTrain);
    el.versionsRefresh.addEventListener('click', function () { refreshVersions(); });
    el.inboxRefresh.addEventListener('click', refreshInbox);
    el.auditRefresh.addEventListener('click', refreshAudit);
    el.forceForm.addEventListener('submit', onForce);
    el.forceCancel.addEventListener('click', closeForce);
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && !el.forceDialog.classList.contains('hidden')) closeForce();
    });
  }

  function start() {
    el = {
      loginView: $('login-view'), loginForm: $('login-form'), username: $('login-username'), password: $('login-password'),
      loginError: $('login-error'), loginSubmit: $('login-submit'),
      deniedView: $('denied-view'), denied: $('denied'), deniedWho: $('denied-who'), deniedLogout: $('denied-logout'),
      consoleView: $('console-view'), liveVersion: $('live-version'), connection: $('connection'),
      adminName: $('admin-name'), adminRole: $('admin-role'), logout: $('logout'), errors: $('errors'), notice: $('notice'),
      intentFilter: $('intent-filter'), intentsTotal: $('intents-total'), intentsBody: $('intents-body'), intentsEmpty: $('intents-empty'),
      newIntentForm: $('new-intent-form'), newName: $('new-intent-name'), newDescription: $('new-intent-description'),
      newDomain: $('new-intent-domain'), newAnswer: $('new-intent-answer'), newAnswerEn: $('new-intent-answer-en'),
      newCreate: $('new-intent-create'),
      utteranceEditor: $('utterance-editor'), editorEmpty: $('editor-empty'), editor: $('editor'), editorIntent: $('editor-intent'),
      editorFaq: $('editor-faq'), intentDelete: $('intent-delete'), intentEditForm: $('intent-edit-form'),
      editDescription: $('intent-edit-description'), editAnswersBlock: $('intent-edit-answers-block'),
      editAnswers: $('intent-edit-answers'), editAnswersEn: $('intent-edit-answers-en'), intentSave: $('intent-save'),
      utteranceTotal: $('utterance-total'), utteranceForm: $('utterance-form'), utteranceInput: $('utterance-input'),
      utteranceLocale: $('utterance-locale'), utteranceSplit: $('utterance-split'), utteranceAdd: $('utterance-add'),
      localeChips: document.querySelectorAll('[data-locale-filter]'), utterancesLoading: $('utterances-loading'),
      utterances: $('utterances'), utterancesEmpty: $('utterances-empty'),
      testForm: $('test-form'), testInput: $('test-input'), testVersion: $('test-version'), testRun: $('test-run'),
      testResult: $('test-result'), testText: $('test-text'), testIntent: $('test-intent'),
      testIntentDescription: $('test-intent-description'), testScore: $('test-score'), testScoreBar: $('test-score-bar'),
      testEntities: $('test-entities'), testAlternatives: $('test-alternatives'),
      trainForm: $('train-form'), trainFolds: $('train-folds'), train: $('train'),
      progress: $('train-progress'), progressFill: $('train-progress-fill'), progressText: $('train-progress-text'),
      metrics: $('metrics'), metricsVersion: $('metrics-version'), metricsNone: $('metrics-none'), metricsBody: $('metrics-body'),
      metricsAccuracy: $('metrics-accuracy'), metricsDelta: $('metrics-delta'), metricsLost: $('metrics-lost'),
      metricsRows: $('metrics-body-rows'), confusion: $('confusion'),
      versionsRefresh: $('versions-refresh'), versionsBody: $('versions-body'), versionsEmpty: $('versions-empty'),
      inboxRefresh: $('inbox-refresh'), inbox: $('inbox'), inboxEmpty: $('inbox-empty'), inboxCount: $('inbox-count'),
      auditRefresh: $('audit-refresh'), audit: $('audit'), auditEmpty: $('audit-empty'),
      forceDialog: $('force-dialog'), forceForm: $('force-form'), forceText: $('force-text'), forceDetails: $('force-details'),
      forceReason: $('force-reason'), forceError: $('force-error'), forceCancel: $('force-cancel'), forcePublish: $('force-publish'),
    };
    TABS.forEach(function (t) {
      el['tab-' + t] = $('tab-' + t);
      el['panel-' + t] = $('panel-' + t);
    });
    wire();
    var hash = (window.location.hash || '').replace(/^#/, '');
    if (TABS.indexOf(hash) >= 0) tab = hash;
    setTab(tab);
    request('GET', AGENT_API + 'me').then(signedIn, function (err) {
      if (err.status === 401) showLogin('');
      else showLogin('无法读取登录状态：' + err.message);
    }).then(function () {
      document.body.setAttribute('data-ready', 'true');
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
