/*
 * WeChat-style messenger simulator for the sandbox (served as /chat/messenger.js).
 *
 * It plays the WeChat server's part towards the bot: every message is posted to POST /api/wechat as WeChat's
 * plain-mode XML with a valid signature (sha1 of the sorted token, timestamp and nonce). Passive replies come
 * back in the response; slower replies and agent messages arrive as customer-service messages over the
 * sandbox stream (GET /sandbox/wechat/stream). Codes the sandbox "sends" by SMS are polled from
 * GET /sandbox/sms and shown as phone notifications. Template messages (the notices a citizen subscribed to)
 * come over the same stream and are shown as WeChat shows a service notice: a card with the template's title and
 * fields; a `url` whose query has `say` (the demo's /chat/reply?say=缴款) becomes a button that sends that word
 * as the citizen's message. The persona card shows the persona's notice subscriptions
 * (GET /sandbox/wechat/subscriptions) and WeChat's own setting for the account's notices
 * (GET/POST /sandbox/wechat/followers: 接收通知 on or off).
 *
 * A code the sandbox "sends" by SMS also drops in as a phone notification banner over the top of the chat, in view
 * whatever the scroll, for a few seconds or until tapped. Each message the citizen sends shows its state: sending
 * (a spinner), sent (nothing) or failed (a red !: a network error, no answer within SEND_TIMEOUT_MS, or an answer
 * other than 2xx); tapping the ! sends it again with the same MsgId and CreateTime, as WeChat retries, so the
 * bot's de-duplication (per OpenID and MsgId) answers it exactly once. 「清空」 starts a new conversation: the page
 * asks the sandbox to end the follower's dialog state and any open handoff (POST /sandbox/wechat/new-conversation)
 * before it clears the chat. Times are China time (Asia/Shanghai) whatever the browser's zone, on the sandbox
 * clock (GET /sandbox/clock) when the sandbox has one.
 *
 * Plain script, no build step, no framework; runs under a strict CSP (no inline code or styles, no eval).
 * Server text is only ever put into the page with textContent.
 */
(function () {
  'use strict';

  var STORAGE_PREFIX = 'jiaoguan.messenger.v1.';
  var HISTORY_LIMIT = 300;
  var SMS_POLL_MS = 2000;
  var SMS_SHOWN_LIMIT = 8;
  var TIME_GAP_MS = 5 * 60 * 1000;
  /** A message not answered in this long failed (WeChat itself waits 5 s per try; the bot answers within its budget). */
  var SEND_TIMEOUT_MS = 15000;
  /** How long an SMS banner stays (unless tapped, or held by the pointer or the keyboard focus). */
  var SMS_BANNER_MS = 8000;
  var CLOCK_READ_MS = 15000;
  var CHINA_OFFSET_MS = 8 * 3600 * 1000;
  /** A notice's one-word next step (the `say` of its url) is at most this long; longer is not a word. */
  var SAY_MAX = 20;
  /** The custom menu's entries by CLICK key → label (filled from the server's configuration: buildMenu). */
  var menuLabels = {};
  /** A numbered line such as "1. 查违章", "2、按号牌查询" or "3) 暂不办理". */
  var OPTION_LINE = /^\s*(\d{1,2})\s*[.．、)）]\s*(\S.*)$/;

  var config = null;
  var personas = [];
  var currentOpenid = null;
  /** openid → { history, lastCsId, seenCs, chain, pending, lastEventTime } */
  var states = {};
  var stream = null;
  /** phone → newest-first list of SMS messages shown since the page loaded. */
  var smsByPhone = {};
  var smsSeen = {};
  var smsPolling = false;
  /** Bumped on every subscriptions/follower read: an answer for a persona no longer shown is dropped. */
  var noticesRead = 0;
  var noticesTimer = 0;
  /** The sandbox clock minus the browser's (0 when the sandbox has no clock to read). */
  var clockOffset = 0;
  /** Phones whose outbox was read once: later messages are new and get a banner (the earlier ones only the list). */
  var smsPrimed = {};
  var bannerTimer = 0;

  var el = {};

  // ---------------------------------------------------------------------------------------------- utilities

  function $(id) { return document.getElementById(id); }

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function storageGet(key) {
    try { return window.localStorage.getItem(STORAGE_PREFIX + key); } catch (e) { return null; }
  }

  function storageSet(key, value) {
    try { window.localStorage.setItem(STORAGE_PREFIX + key, value); } catch (e) { /* storage full or disabled */ }
  }

  function storageRemove(key) {
    try { window.localStorage.removeItem(STORAGE_PREFIX + key); } catch (e) { /* ignore */ }
  }

  /** Keys are per official account, so two sandboxes on the same origin do not mix their chats. */
  function personaKey(openid, what) { return config.account + ':' + openid + ':' + what; }

  function randomDigits(n) {
    var bytes = new Uint8Array(n);
    window.crypto.getRandomValues(bytes);
    var s = '';
    for (var i = 0; i < n; i++) s += String(bytes[i] % 10);
    if (s.charAt(0) === '0') s = '1' + s.slice(1);
    return s;
  }

  function pad2(n) { return n < 10 ? '0' + n : String(n); }

  /** Now on the sandbox clock when it was read, else the browser's. */
  function nowMs() { return Date.now() + clockOffset; }

  /** An instant's date and time in China (UTC+8, no daylight saving), whatever the browser's time zone. */
  function chinaParts(ms) {
    var d = new Date(ms + CHINA_OFFSET_MS);
    return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), hm: pad2(d.getUTCHours()) + ':' + pad2(d.getUTCMinutes()) };
  }

  function sameDay(a, b) { return a.y === b.y && a.m === b.m && a.d === b.d; }

  /** A time as WeChat's chat shows it, in China time: "09:05" today, "昨天 09:05", "11月25日 09:05", "2025年…". */
  function clock(ms) {
    var t = chinaParts(ms);
    var now = nowMs();
    if (sameDay(t, chinaParts(now))) return t.hm;
    if (sameDay(t, chinaParts(now - 86400000))) return '昨天 ' + t.hm;
    if (t.y === chinaParts(now).y) return t.m + '月' + t.d + '日 ' + t.hm;
    return t.y + '年' + t.m + '月' + t.d + '日 ' + t.hm;
  }

  /** Reads the sandbox clock (a demo may have moved it); without one the browser's clock stays. */
  function readSandboxClock() {
    return readJson('/sandbox/clock').then(function (body) {
      var ms = body && typeof body.now === 'string' ? Date.parse(body.now) : NaN;
      if (isFinite(ms)) clockOffset = ms - Date.now();
    });
  }

  function hex(buffer) {
    var bytes = new Uint8Array(buffer);
    var s = '';
    for (var i = 0; i < bytes.length; i++) s += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    return s;
  }

  /** SHA-1 for pages opened over plain http from another host, where crypto.subtle does not exist. */
  function sha1HexFallback(text) {
    var bytes = new TextEncoder().encode(text);
    var bitLength = bytes.length * 8;
    var size = ((bytes.length + 9 + 63) >> 6) << 6;
    var buf = new Uint8Array(size);
    buf.set(bytes);
    buf[bytes.length] = 0x80;
    var view = new DataView(buf.buffer);
    view.setUint32(size - 4, bitLength >>> 0);
    view.setUint32(size - 8, Math.floor(bitLength / 4294967296));
    var h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
    var w = new Uint32Array(80);
    for (var off = 0; off < size; off += 64) {
      for (var i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
      for (i = 16; i < 80; i++) {
        var x = w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16];
        w[i] = (x << 1) | (x >>> 31);
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
      for (i = 0; i < 80; i++) {
        var f, k;
        if (i < 20) { f = (b & c) | (~b & d); k = 0x5a827999; }
        else if (i < 40) { f = b ^ c ^ d; k = 0x6ed9eba1; }
        else if (i < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8f1bbcdc; }
        else { f = b ^ c ^ d; k = 0xca62c1d6; }
        var t = (((a << 5) | (a >>> 27)) + f + e + k + w[i]) >>> 0;
        e = d; d = c; c = ((b << 30) | (b >>> 2)) >>> 0; b = a; a = t;
      }
      h[0] = (h[0] + a) >>> 0; h[1] = (h[1] + b) >>> 0; h[2] = (h[2] + c) >>> 0;
      h[3] = (h[3] + d) >>> 0; h[4] = (h[4] + e) >>> 0;
    }
    return h.map(function (v) { return ('00000000' + v.toString(16)).slice(-8); }).join('');
  }

  function sha1Hex(text) {
    if (window.crypto && window.crypto.subtle) {
      return window.crypto.subtle.digest('SHA-1', new TextEncoder().encode(text)).then(hex);
    }
    return Promise.resolve(sha1HexFallback(text));
  }

  /** WeChat's signature: sha1 of token, timestamp and nonce sorted as strings and joined. */
  function signature(token, timestamp, nonce) {
    return sha1Hex([token, timestamp, nonce].sort().join(''));
  }

  /** CDATA section; "]]>" inside the text is split across two sections, as XML requires. */
  function cdata(text) {
    return '<![CDATA[' + String(text).split(']]>').join(']]]]><![CDATA[>') + ']]>';
  }

  function messageXml(openid, createTime, fields) {
    return '<xml>'
      + '<ToUserName>' + cdata(config.account) + '</ToUserName>'
      + '<FromUserName>' + cdata(openid) + '</FromUserName>'
      + '<CreateTime>' + createTime + '</CreateTime>'
      + fields
      + '</xml>';
  }

  function safeUrl(url) {
    if (!url) return null;
    try {
      var u = new URL(url, window.location.href);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
    } catch (e) { return null; }
  }

  /** The word a notice's url says to send (`say` in its query, e.g. /chat/reply?say=缴款), or null. */
  function sayWord(url) {
    if (!url) return null;
    try {
      var word = new URL(url, window.location.href).searchParams.get('say');
      word = word ? word.trim() : '';
      return word && Array.from(word).length <= SAY_MAX ? word : null;
    } catch (e) { return null; }
  }

  /** A time as WeChat's service notices show it, in China time: "12月1日 09:00". */
  function noticeTime(at) {
    var ms = typeof at === 'number' ? at : Date.parse(at);
    if (!isFinite(ms)) return '';
    var t = chinaParts(ms);
    return t.m + '月' + t.d + '日 ' + t.hm;
  }

  function setStatus(text, isError) {
    el.status.textContent = text;
    el.status.classList.toggle('status-error', !!isError);
  }

  // ----------------------------------------------------------------------------------------- persona state

  function personaOf(openid) {
    for (var i = 0; i < personas.length; i++) if (personas[i].openid === openid) return personas[i];
    return null;
  }

  function stateOf(openid) {
    var s = states[openid];
    if (s) return s;
    var history = [];
    try { history = JSON.parse(storageGet(personaKey(openid, 'history')) || '[]'); } catch (e) { history = []; }
    if (!Array.isArray(history)) history = [];
    var seenCs = {};
    history.forEach(function (entry) {
      if (entry && typeof entry.csId === 'number') seenCs[entry.csId] = true;
      // Sending when the page was left: nothing is waiting for its answer any more (tap to send it again).
      if (entry && entry.kind === 'user' && entry.state === 'sending') entry.state = 'failed';
    });
    s = {
      history: history,
      lastCsId: Number(storageGet(personaKey(openid, 'lastCsId')) || 0) || 0,
      seenCs: seenCs,
      chain: Promise.resolve(),
      pending: 0,
      lastEventTime: 0,
    };
    states[openid] = s;
    return s;
  }

  function saveHistory(openid) {
    var s = stateOf(openid);
    if (s.history.length > HISTORY_LIMIT) s.history = s.history.slice(s.history.length - HISTORY_LIMIT);
    storageSet(personaKey(openid, 'history'), JSON.stringify(s.history));
  }

  function addEntry(openid, entry) {
    var s = stateOf(openid);
    entry.at = entry.at || nowMs();
    var previous = s.history.length ? s.history[s.history.length - 1] : null;
    s.history.push(entry);
    saveHistory(openid);
    if (openid === currentOpenid) {
      renderEntry(entry, previous);
      scrollToBottom();
    }
  }

  function system(openid, text, isError) {
    addEntry(openid, { kind: 'system', text: text, error: !!isError });
  }

  // ------------------------------------------------------------------------------------------- rendering

  function scrollToBottom() {
    window.requestAnimationFrame(function () {
      window.scrollTo(0, document.documentElement.scrollHeight);
    });
  }

  /**
   * Splits a bot text into lines; the last run of numbered lines ("1. …", "2. …") that is a menu (not a
   * numbered list whose items continue on indented lines) is made clickable: a click sends the number.
   * A run starts at 1, or at any number on the first line of a message (the rest of a split list).
   */
  function optionLines(lines) {
    var groups = [];
    var current = null;
    var firstLine = true;
    lines.forEach(function (line, index) {
      var m = OPTION_LINE.exec(line);
      var n = m ? Number(m[1]) : 0;
      // A long reply is split into several messages, possibly inside a list of options: a message that
      // begins with "2. …" goes on with the options of the message before.
      var starts = m && (n === 1 || firstLine);
      if (line.trim()) firstLine = false;
      if (starts) {
        current = { items: [], continued: false };
        groups.push(current);
        current.items.push({ index: index, n: n });
      } else if (m && current && n === current.items[current.items.length - 1].n + 1) {
        current.items.push({ index: index, n: n });
      } else if (!m && current && /^\s+\S/.test(line)) {
        current.continued = true;
      } else {
        current = null;
      }
    });
    var clickable = {};
    for (var g = groups.length - 1; g >= 0; g--) {
      if (!groups[g].continued) {
        groups[g].items.forEach(function (item) { clickable[item.index] = item.n; });
        break;
      }
    }
    return clickable;
  }

  function renderBotText(bubble, text) {
    var lines = String(text).split(/\r?\n/);
    var clickable = optionLines(lines);
    lines.forEach(function (line, index) {
      if (clickable[index] !== undefined) {
        var button = make('button', 'option', line.trim());
        button.type = 'button';
        button.setAttribute('data-testid', 'bot-option');
        button.setAttribute('data-option', String(clickable[index]));
        button.title = '点击回复 ' + clickable[index];
        bubble.appendChild(button);
      } else {
        bubble.appendChild(make('div', line.trim() ? 'line' : 'line line-empty', line));
      }
    });
  }

  function renderArticles(bubble, articles) {
    bubble.classList.add('bubble-news');
    articles.forEach(function (article, i) {
      var url = safeUrl(article.url);
      var item = make(url ? 'a' : 'div', i === 0 ? 'news-item news-first' : 'news-item');
      if (url) { item.href = url; item.target = '_blank'; item.rel = 'noopener noreferrer'; }
      item.appendChild(make('div', 'news-title', article.title || '（无标题）'));
      if (article.description) item.appendChild(make('div', 'news-desc', article.description));
      if (url) item.appendChild(make('div', 'news-link', '阅读全文 ›'));
      bubble.appendChild(item);
    });
  }

  /**
   * A template message as WeChat shows a service notice: a small 「服务通知」 header with the time, the title, each
   * field as a "label: value" row, and its next step: a button sending the word of a /chat/reply?say=… url, or a
   * 详情 link for any other web address.
   */
  function renderNotice(entry) {
    var t = entry.template || {};
    var item = make('li', 'notice');
    var card = make('div', 'notice-card');
    card.setAttribute('data-testid', 'notice-card');
    if (t.template_id) card.setAttribute('data-template-id', String(t.template_id));
    var head = make('div', 'notice-head');
    head.appendChild(make('span', 'notice-app', '服务通知'));
    head.appendChild(make('span', 'notice-time', noticeTime(entry.sentAt || entry.at)));
    card.appendChild(head);
    var title = make('div', 'notice-title', t.title || '（无标题）');
    title.setAttribute('data-testid', 'notice-title');
    card.appendChild(title);
    var fields = make('dl', 'notice-fields');
    (Array.isArray(t.fields) ? t.fields : []).forEach(function (f) {
      if (!f) return;
      var row = make('div', 'notice-field');
      row.setAttribute('data-testid', 'notice-field');
      if (f.key) row.setAttribute('data-key', String(f.key));
      row.appendChild(make('dt', 'notice-label', (f.label || f.key || '') + '：'));
      row.appendChild(make('dd', 'notice-value', f.value === undefined || f.value === null ? '' : f.value));
      fields.appendChild(row);
    });
    card.appendChild(fields);
    var word = sayWord(t.url);
    var url = word ? null : safeUrl(t.url);
    if (word) {
      var action = make('button', 'notice-action', word);
      action.type = 'button';
      action.setAttribute('data-testid', 'notice-action');
      action.setAttribute('data-say', word);
      action.title = '点击回复「' + word + '」';
      card.appendChild(action);
    } else if (url) {
      var link = make('a', 'notice-link', '详情');
      link.href = url;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      card.appendChild(link);
    }
    item.appendChild(card);
    return item;
  }

  function renderEntry(entry, previous) {
    if (!previous || entry.at - previous.at > TIME_GAP_MS) {
      var time = make('li', 'time', clock(entry.at));
      time.setAttribute('data-testid', 'chat-time');
      el.chat.appendChild(time);
    }
    if (entry.kind === 'system' || entry.kind === 'event') {
      var note = make('li', entry.error ? 'system system-error' : 'system', entry.text);
      note.setAttribute('data-testid', entry.error ? 'error-message' : (entry.kind === 'event' ? 'event-message' : 'system-message'));
      el.chat.appendChild(note);
      return;
    }
    if (entry.kind === 'notice') {
      el.chat.appendChild(renderNotice(entry));
      return;
    }
    var isUser = entry.kind === 'user';
    var row = make('li', isUser ? 'msg msg-user' : 'msg msg-bot');
    if (isUser && entry.msgId) row.setAttribute('data-msg-id', entry.msgId);
    var persona = personaOf(currentOpenid);
    var avatar = make('span', isUser ? 'avatar avatar-user' : 'avatar avatar-bot',
      isUser ? (persona ? Array.from(persona.name)[0] : '我') : '警');
    avatar.setAttribute('aria-hidden', 'true');
    var bubble = make('div', 'bubble');
    bubble.setAttribute('data-testid', isUser ? 'user-message' : 'bot-message');
    if (entry.source) bubble.setAttribute('data-source', entry.source);
    if (isUser) bubble.textContent = entry.text;
    else if (entry.articles) renderArticles(bubble, entry.articles);
    else renderBotText(bubble, entry.text || '');
    row.appendChild(avatar);
    row.appendChild(bubble);
    if (isUser) showState(row, entry);
    el.chat.appendChild(row);
  }

  /**
   * A sent message's state beside its bubble: a spinner while sending (shown after a moment, as WeChat does),
   * nothing once sent, a red ! to tap when it failed.
   */
  function showState(row, entry) {
    var bubble = row.querySelector('.bubble');
    var state = entry.state || 'sent';
    bubble.setAttribute('data-state', state);
    var old = row.querySelector('.msg-state');
    if (old) row.removeChild(old);
    if (state === 'sending') {
      var spinner = make('span', 'msg-state msg-sending');
      spinner.setAttribute('data-testid', 'message-sending');
      spinner.setAttribute('role', 'img');
      spinner.setAttribute('aria-label', '发送中');
      row.appendChild(spinner);
    } else if (state === 'failed') {
      var retry = make('button', 'msg-state msg-failed', '!');
      retry.type = 'button';
      retry.setAttribute('data-testid', 'resend');
      retry.title = (entry.failure || '发送失败') + '，点击重发';
      retry.setAttribute('aria-label', retry.title);
      row.appendChild(retry);
    }
  }

  /** Shows a message's new state, if its chat is open. */
  function renderState(openid, entry) {
    if (openid !== currentOpenid || !entry.msgId) return;
    var rows = el.chat.querySelectorAll('li.msg-user[data-msg-id]');
    for (var i = 0; i < rows.length; i++) {
      if (rows[i].getAttribute('data-msg-id') === entry.msgId) showState(rows[i], entry);
    }
  }

  function renderChat() {
    el.chat.textContent = '';
    var s = stateOf(currentOpenid);
    var previous = null;
    s.history.forEach(function (entry) { renderEntry(entry, previous); previous = entry; });
    renderTyping();
    scrollToBottom();
  }

  function renderTyping() {
    var pending = currentOpenid ? stateOf(currentOpenid).pending : 0;
    el.typing.classList.toggle('hidden', pending === 0);
    document.body.setAttribute('data-pending', String(pending));
  }

  function renderPersona() {
    var p = personaOf(currentOpenid);
    Array.prototype.forEach.call(el.tabs.children, function (tab) {
      var active = tab.getAttribute('data-openid') === currentOpenid;
      tab.classList.toggle('active', active);
      tab.setAttribute('aria-pressed', active ? 'true' : 'false');
    });
    el.card.classList.toggle('hidden', !p);
    if (!p) return;
    el.personaAvatar.textContent = Array.from(p.name)[0] || '?';
    el.personaName.textContent = p.name;
    el.personaOpenid.textContent = 'openid：' + p.openid;
    el.personaFactName.textContent = p.name || '—';
    el.personaId.textContent = p.idNumber || '—';
    el.personaPhone.textContent = p.phone || '—';
    el.personaNote.textContent = p.note || '';
    el.smsPhone.textContent = p.phone ? '（' + p.phone + '）' : '';
    document.body.setAttribute('data-openid', p.openid);
  }

  // ------------------------------------------------------------------------------------- talking to the bot

  function parseReply(openid, body) {
    var text = body.trim();
    if (text === '' || text === 'success') return; // the reply, if any, comes as customer-service messages
    var doc = new DOMParser().parseFromString(text, 'text/xml');
    if (doc.getElementsByTagName('parsererror').length > 0 || !doc.documentElement) {
      system(openid, '无法解析公众号的回复：' + text, true);
      return;
    }
    var root = doc.documentElement;
    var field = function (name, parent) {
      var node = (parent || root).getElementsByTagName(name)[0];
      return node ? node.textContent : '';
    };
    if (root.getElementsByTagName('Encrypt').length > 0) {
      system(openid, '收到安全模式的加密回复；模拟器只支持明文模式。', true);
      return;
    }
    var type = field('MsgType');
    if (type === 'text') {
      addEntry(openid, { kind: 'bot', text: field('Content'), source: 'reply' });
    } else if (type === 'news') {
      var items = root.getElementsByTagName('item');
      var articles = [];
      for (var i = 0; i < items.length; i++) {
        articles.push({
          title: field('Title', items[i]), description: field('Description', items[i]),
          url: field('Url', items[i]), picurl: field('PicUrl', items[i]),
        });
      }
      addEntry(openid, { kind: 'bot', articles: articles, source: 'reply' });
    } else if (type === 'transfer_customer_service') {
      system(openid, '消息已转给人工客服。');
    } else {
      system(openid, '收到模拟器不支持的回复类型「' + type + '」：' + text, true);
    }
  }

  /** What the citizen is told of a request that failed (never the server's own text). */
  function failureText(result) {
    if (result.why === 'timeout') return '发送失败：公众号没有及时回应';
    if (result.why === 'http') return '发送失败：公众号服务器出错（' + result.status + '）';
    return '发送失败：网络连接出错';
  }

  /**
   * Posts one message (XML fields after CreateTime) for openid; replies in order, one request at a time.
   * `done` gets { ok: true } or { ok: false, why: 'network'|'timeout'|'http', status? }; without it a failure is
   * shown as an error line (events: subscribe, menu clicks).
   */
  function post(openid, fields, createTime, done) {
    var s = stateOf(openid);
    s.pending += 1;
    if (openid === currentOpenid) renderTyping();
    var run = function () {
      var timestamp = String(Math.floor(Date.now() / 1000));
      var nonce = randomDigits(9);
      var xml = messageXml(openid, createTime || timestamp, fields);
      var controller = typeof window.AbortController === 'function' ? new window.AbortController() : null;
      var timedOut = false;
      var timer = window.setTimeout(function () {
        timedOut = true;
        if (controller) controller.abort();
      }, SEND_TIMEOUT_MS);
      return signature(config.token, timestamp, nonce).then(function (sig) {
        var url = '/api/wechat?signature=' + sig + '&timestamp=' + timestamp + '&nonce=' + nonce
          + '&openid=' + encodeURIComponent(openid);
        return fetch(url, {
          method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: xml, signal: controller ? controller.signal : undefined,
        });
      }).then(function (res) {
        return res.text().then(function (body) {
          if (timedOut) return { ok: false, why: 'timeout' };
          if (!res.ok) return { ok: false, why: 'http', status: res.status };
          parseReply(openid, body);
          return { ok: true };
        });
      }).catch(function () {
        return { ok: false, why: timedOut ? 'timeout' : 'network' };
      }).then(function (result) {
        window.clearTimeout(timer);
        s.pending -= 1;
        if (done) done(result);
        else if (!result.ok) system(openid, failureText(result), true);
        if (openid === currentOpenid) renderTyping();
        pollSms();
        if (openid === currentOpenid) scheduleNoticesRefresh();
      });
    };
    s.chain = s.chain.then(run, run);
    return s.chain;
  }

  /** Sends (or sends again) a text message: WeChat's XML with the message's own MsgId and CreateTime. */
  function deliver(openid, entry) {
    return post(openid,
      '<MsgType>' + cdata('text') + '</MsgType>'
      + '<Content>' + cdata(entry.text) + '</Content>'
      + '<MsgId>' + entry.msgId + '</MsgId>', entry.createTime, function (result) {
        entry.state = result.ok ? 'sent' : 'failed';
        if (!result.ok) entry.failure = failureText(result);
        else delete entry.failure;
        saveHistory(openid);
        renderState(openid, entry);
      });
  }

  function sendText(openid, text) {
    var entry = {
      kind: 'user', text: text, msgId: String(Date.now()) + randomDigits(5),
      createTime: String(Math.floor(Date.now() / 1000)), state: 'sending',
    };
    addEntry(openid, entry);
    return deliver(openid, entry);
  }

  /**
   * A failed message tapped: sent again, the same message (MsgId, CreateTime, text), moved to the end of the chat
   * as WeChat does. The bot answers a MsgId once: a copy that did reach it before gets the same answer again.
   */
  function resend(openid, msgId) {
    var s = stateOf(openid);
    for (var i = 0; i < s.history.length; i++) {
      var entry = s.history[i];
      if (entry.kind !== 'user' || entry.msgId !== msgId || entry.state !== 'failed') continue;
      s.history.splice(i, 1);
      entry.state = 'sending';
      entry.at = nowMs();
      delete entry.failure;
      s.history.push(entry);
      saveHistory(openid);
      if (openid === currentOpenid) renderChat();
      return deliver(openid, entry);
    }
    return undefined;
  }

  /**
   * Events carry no MsgId; WeChat (and the bot) tell them apart by sender + CreateTime, so two events of one
   * user never share a CreateTime here.
   */
  function sendEvent(openid, eventFields) {
    var s = stateOf(openid);
    var now = Math.floor(Date.now() / 1000);
    var createTime = Math.max(now, s.lastEventTime + 1);
    s.lastEventTime = createTime;
    return post(openid, '<MsgType>' + cdata('event') + '</MsgType>' + eventFields, String(createTime));
  }

  function subscribe(openid) {
    storageSet(personaKey(openid, 'subscribed'), '1');
    addEntry(openid, { kind: 'event', text: '你关注了公众号「交管12123助手」' });
    return sendEvent(openid, '<Event>' + cdata('subscribe') + '</Event>');
  }

  function clickMenu(key) {
    if (!currentOpenid) return;
    addEntry(currentOpenid, { kind: 'event', text: '点击菜单「' + (menuLabels[key] || key) + '」' });
    sendEvent(currentOpenid, '<Event>' + cdata('CLICK') + '</Event><EventKey>' + cdata(key) + '</EventKey>');
  }

  // ------------------------------------------------------------------- customer-service messages (SSE)

  function onServiceMessage(openid, event) {
    var data;
    try { data = JSON.parse(event.data); } catch (e) {
      system(openid, '无法解析推送消息：' + event.data, true);
      return;
    }
    if (!data || typeof data.id !== 'number' || (data.touser && data.touser !== openid)) return;
    var s = stateOf(openid);
    if (s.seenCs[data.id]) return;
    s.seenCs[data.id] = true;
    if (data.id > s.lastCsId) {
      s.lastCsId = data.id;
      storageSet(personaKey(openid, 'lastCsId'), String(data.id));
    }
    if (data.msgtype === 'text' && data.text) {
      addEntry(openid, { kind: 'bot', text: data.text.content || '', csId: data.id, source: 'custom' });
    } else if (data.msgtype === 'news' && data.news) {
      addEntry(openid, { kind: 'bot', articles: data.news.articles || [], csId: data.id, source: 'custom' });
    } else if (data.msgtype === 'template' && data.template) {
      addEntry(openid, { kind: 'notice', template: data.template, sentAt: data.at, csId: data.id });
    } else {
      addEntry(openid, { kind: 'system', text: '收到模拟器不支持的客服消息类型「' + data.msgtype + '」', csId: data.id, error: true });
    }
    if (openid === currentOpenid) scheduleNoticesRefresh();
  }

  function openStream(openid) {
    if (stream) { stream.close(); stream = null; }
    if (typeof window.EventSource !== 'function') {
      setStatus('这个浏览器不支持 EventSource，收不到客服消息。', true);
      return;
    }
    var s = stateOf(openid);
    var es = new EventSource('/sandbox/wechat/stream?openid=' + encodeURIComponent(openid) + '&after=' + s.lastCsId);
    stream = es;
    es.onopen = function () {
      if (stream === es) setStatus('已连接公众号 ' + config.account + '（appId ' + config.appId + '）');
    };
    es.onmessage = function (event) { onServiceMessage(openid, event); };
    es.onerror = function () {
      if (stream !== es) return;
      if (es.readyState === EventSource.CLOSED) setStatus('客服消息推送已断开（/sandbox/wechat/stream 不可用）；刷新页面重试。', true);
      else setStatus('客服消息推送连接中断，正在重连…', true);
    };
  }

  // ------------------------------------------------------------------ notices: subscriptions and WeChat's setting

  /** A topic's label: a text, or a text per language ({ 'zh-CN': …, en: … }); the topic's id otherwise. */
  function topicLabel(t) {
    var label = t.label && typeof t.label === 'object' ? t.label['zh-CN'] : t.label;
    return typeof label === 'string' && label ? label : String(t.topic || '');
  }

  /** Labels of the subscriptions in `state`, in the server's order. */
  function topicLabels(topics, state) {
    return topics.filter(function (t) { return t && t.state === state; }).map(topicLabel);
  }

  function topicReasons(topics, state) {
    return topics.filter(function (t) { return t && t.state === state && t.reason; })
      .map(function (t) { return topicLabel(t) + '：' + t.reason; }).join('\n');
  }

  function showLine(node, text, title) {
    node.textContent = text || '';
    node.title = title || '';
    node.classList.toggle('hidden', !text);
  }

  /** The persona's subscriptions ({ openid, topics: [{ topic, label, state, reason? }] }), or null when unknown. */
  function renderSubscriptions(body) {
    var topics = body && Array.isArray(body.topics) ? body.topics : null;
    if (!topics) {
      showLine(el.subscribed, '订阅信息暂不可用', '');
      showLine(el.refused, '');
      showLine(el.revoked, '');
      el.subscribed.classList.add('muted-line');
      return;
    }
    el.subscribed.classList.remove('muted-line');
    var granted = topicLabels(topics, 'granted');
    showLine(el.subscribed, granted.length ? '已订阅：' + granted.join('、') : '未订阅通知', '');
    var refused = topicLabels(topics, 'refused');
    showLine(el.refused, refused.length ? '微信已拒收：' + refused.join('、') : '', topicReasons(topics, 'refused'));
    var revoked = topicLabels(topics, 'revoked');
    showLine(el.revoked, revoked.length ? '已退订：' + revoked.join('、') : '', '');
  }

  /** Another persona: nothing of the previous one stays while this one's are read. */
  function clearNotices() {
    showLine(el.subscribed, '正在读取订阅…', '');
    el.subscribed.classList.add('muted-line');
    showLine(el.refused, '');
    showLine(el.revoked, '');
    showLine(el.followerNote, '');
    el.accept.disabled = true;
  }

  /** WeChat's side of the follower ({ notices: 'accept'|'reject', blocked?, following? }), or null when unknown. */
  function renderFollower(body) {
    var f = body && body.follower && typeof body.follower === 'object' ? body.follower : body;
    var known = !!f && (f.notices === 'accept' || f.notices === 'reject');
    el.accept.disabled = !known;
    el.accept.checked = known ? f.notices !== 'reject' : true;
    var notes = [];
    if (!known) notes.push('沙箱未提供微信设置');
    if (f && f.blocked === true) notes.push('已拉黑公众号：收不到任何消息');
    if (f && f.following === false) notes.push('未关注公众号：收不到通知');
    if (known && f.notices === 'reject') notes.push('已在微信里拒收此公众号的通知');
    showLine(el.followerNote, notes.join('；'), '');
  }

  function readJson(url) {
    return fetch(url, { cache: 'no-store' }).then(function (res) {
      return res.ok ? res.json() : null;
    }).catch(function () { return null; });
  }

  /** Reads the persona's subscriptions and WeChat's setting and shows them (answers for another persona are dropped). */
  function refreshNotices() {
    if (!currentOpenid) return;
    var openid = currentOpenid;
    var mine = ++noticesRead;
    var q = '?openid=' + encodeURIComponent(openid);
    readJson('/sandbox/wechat/subscriptions' + q).then(function (body) {
      if (mine === noticesRead && openid === currentOpenid) renderSubscriptions(body);
    });
    readJson('/sandbox/wechat/followers' + q).then(function (body) {
      if (mine === noticesRead && openid === currentOpenid) renderFollower(body);
    });
  }

  /** After a reply or a pushed message: one read shortly after, however many arrive together. */
  function scheduleNoticesRefresh() {
    if (noticesTimer) window.clearTimeout(noticesTimer);
    noticesTimer = window.setTimeout(function () { noticesTimer = 0; refreshNotices(); }, 300);
  }

  /** 接收通知 switched: WeChat's setting for this follower (reject → the account's notices are refused, 43101). */
  function onAcceptChange() {
    if (!currentOpenid) return;
    var openid = currentOpenid;
    var notices = el.accept.checked ? 'accept' : 'reject';
    el.accept.disabled = true;
    fetch('/sandbox/wechat/followers?openid=' + encodeURIComponent(openid), {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ notices: notices }),
    }).then(function (res) {
      return res.text().then(function (body) {
        if (!res.ok) throw new Error('HTTP ' + res.status + ' ' + body.trim().slice(0, 200));
      });
    }).then(function () {
      setStatus(notices === 'accept' ? '微信设置：接收此公众号的通知' : '微信设置：拒收此公众号的通知');
    }, function (err) {
      setStatus('改不了微信设置（POST /sandbox/wechat/followers）：' + err.message, true);
    }).then(function () {
      if (openid === currentOpenid) refreshNotices();
    });
  }

  // ------------------------------------------------------------------------------------------------ SMS

  function smsText(message) {
    if (message.text) return message.text;
    var code = message.params && message.params.code;
    return code ? '【交管12123】验证码 ' + code : '（短信模板 ' + message.template + '）';
  }

  /** When the SMS was sent, in China time ("09:05", "11月25日 09:05"). */
  function smsTime(message) {
    var ms = message.sentAt ? Date.parse(message.sentAt) : NaN;
    return isFinite(ms) ? clock(ms) : '';
  }

  /** The body of an SMS with its code (when it has one) in a node of its own, easy to read at a glance. */
  function smsBody(node, message, codeTestId) {
    var text = smsText(message);
    var code = message.params && message.params.code ? String(message.params.code) : '';
    var at = code ? text.indexOf(code) : -1;
    node.textContent = '';
    if (at < 0) {
      node.appendChild(document.createTextNode(text));
      return;
    }
    node.appendChild(document.createTextNode(text.slice(0, at)));
    var strong = make('strong', 'sms-code', code);
    strong.setAttribute('data-testid', codeTestId);
    node.appendChild(strong);
    node.appendChild(document.createTextNode(text.slice(at + code.length)));
  }

  /**
   * Puts the banner over the top of the phone frame, in the viewport whatever the scroll: at the frame's top when
   * that is in view, else at the top of the window (the frame is as tall as the chat).
   */
  function placeBanner() {
    if (el.banner.classList.contains('hidden')) return;
    var phone = el.phone.getBoundingClientRect();
    var height = el.banner.offsetHeight;
    var top = Math.max(phone.top, 0) + 6;
    if (top + height > window.innerHeight - 6) top = 6;
    el.banner.style.top = top + 'px';
    el.banner.style.left = (phone.left + 8) + 'px';
    el.banner.style.width = Math.max(phone.width - 16, 160) + 'px';
  }

  function hideBanner() {
    if (bannerTimer) window.clearTimeout(bannerTimer);
    bannerTimer = 0;
    el.banner.classList.add('hidden');
    el.banner.removeAttribute('data-message-id');
  }

  /** The banner goes away SMS_BANNER_MS after it came, unless the pointer or the focus holds it. */
  function armBanner() {
    if (bannerTimer) window.clearTimeout(bannerTimer);
    bannerTimer = window.setTimeout(hideBanner, SMS_BANNER_MS);
  }

  /** A new SMS drops in as a notification banner, as a phone shows it. */
  function showBanner(message) {
    el.bannerTime.textContent = '现在';
    el.bannerFrom.textContent = '发给 ' + message.phone;
    smsBody(el.bannerBody, message, 'sms-banner-code');
    el.banner.setAttribute('data-message-id', String(message.messageId));
    el.banner.classList.remove('hidden');
    placeBanner();
    armBanner();
  }

  function renderSms() {
    var p = personaOf(currentOpenid);
    var list = (p && p.phone && smsByPhone[p.phone]) || [];
    el.smsList.textContent = '';
    list.slice(0, SMS_SHOWN_LIMIT).forEach(function (message) {
      var item = make('li', 'sms');
      item.setAttribute('data-testid', 'sms-notification');
      item.setAttribute('data-message-id', String(message.messageId));
      var head = make('div', 'sms-head');
      head.appendChild(make('span', 'sms-app', '信息'));
      head.appendChild(make('span', 'sms-time', smsTime(message)));
      item.appendChild(head);
      item.appendChild(make('div', 'sms-from', '发给 ' + message.phone));
      var body = make('div', 'sms-body');
      smsBody(body, message, 'sms-code');
      item.appendChild(body);
      el.smsList.appendChild(item);
    });
    el.smsEmpty.classList.toggle('hidden', list.length > 0);
  }

  function pollSms() {
    var p = personaOf(currentOpenid);
    if (!p || !p.phone || smsPolling) return;
    var phone = p.phone;
    smsPolling = true;
    fetch('/sandbox/sms?phone=' + encodeURIComponent(phone)).then(function (res) {
      if (!res.ok) return null;
      return res.json();
    }).then(function (body) {
      if (!body || !Array.isArray(body.messages)) return;
      var fresh = body.messages.filter(function (m) { return m && !smsSeen[m.messageId]; });
      var primed = smsPrimed[phone];
      smsPrimed[phone] = true;
      if (fresh.length === 0) return;
      fresh.forEach(function (m) { smsSeen[m.messageId] = true; });
      // The newest (the outbox is newest first) drops in as a banner, if it came while the page was open.
      var p = personaOf(currentOpenid);
      if (primed && p && p.phone === phone) showBanner(fresh[0]);
      // The outbox is newest first; keep that order, new ones on top of the ones already shown.
      smsByPhone[phone] = fresh.concat(smsByPhone[phone] || []);
      renderSms();
    }).catch(function () { /* the next poll tries again */ }).then(function () {
      smsPolling = false;
    });
  }

  // ------------------------------------------------------------------------------------------ navigation

  function selectPersona(openid) {
    if (!personaOf(openid)) return;
    currentOpenid = openid;
    storageSet('selected', openid);
    hideBanner();
    el.reset.disabled = false;
    renderPersona();
    renderChat();
    renderSms();
    clearNotices();
    refreshNotices();
    openStream(openid);
    pollSms();
    if (storageGet(personaKey(openid, 'subscribed')) !== '1') subscribe(openid);
    el.input.focus();
  }

  /**
   * 「清空」: a new conversation, not only a clean screen. Once the messages already sent are answered, the sandbox
   * ends the follower's dialog state and any open handoff (POST /sandbox/wechat/new-conversation), so the bot does
   * not go on with a half-done task; then the chat is cleared. The account's earlier pushed messages stay read
   * (lastCsId), so they do not come back. When the sandbox refuses, nothing is cleared.
   */
  function newConversation() {
    if (!currentOpenid) return;
    var openid = currentOpenid;
    var s = stateOf(openid);
    el.reset.disabled = true;
    setStatus('正在开始新的对话…');
    var run = function () {
      return fetch('/sandbox/wechat/new-conversation', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ openid: openid }),
      }).then(function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.json().catch(function () { return {}; });
      }).then(function (body) {
        s.history = [];
        storageRemove(personaKey(openid, 'history'));
        if (openid === currentOpenid) renderChat();
        var ended = body && body.handoff === 'cancelled' ? '，已取消等待人工客服'
          : body && body.handoff === 'closed' ? '，已结束与人工客服的对话' : '';
        addEntry(openid, { kind: 'event', text: '已清空聊天记录，开始新的对话' + ended });
        setStatus('已开始新的对话：之前没办完的事不会接着办');
      }, function () {
        setStatus('没能开始新的对话（沙箱没有响应），聊天记录未清空；请稍后重试。', true);
      }).then(function () {
        if (openid === currentOpenid) el.reset.disabled = false;
      });
    };
    s.chain = s.chain.then(run, run);
  }

  function closeSubmenus(except) {
    Array.prototype.forEach.call(document.querySelectorAll('.menu-top[data-submenu]'), function (top) {
      var sub = $(top.getAttribute('data-submenu'));
      if (sub === except) return;
      sub.classList.add('hidden');
      top.setAttribute('aria-expanded', 'false');
    });
  }

  function buildTabs() {
    el.tabs.textContent = '';
    personas.forEach(function (p) {
      var tab = make('button', 'persona-tab');
      tab.type = 'button';
      tab.setAttribute('data-openid', p.openid);
      tab.setAttribute('data-testid', 'persona-' + p.openid);
      tab.appendChild(make('span', 'avatar avatar-user avatar-small', Array.from(p.name)[0] || '?'));
      var label = make('span', 'persona-tab-text');
      label.appendChild(make('span', 'persona-tab-name', p.name));
      label.appendChild(make('span', 'persona-tab-note', p.note || ''));
      tab.appendChild(label);
      tab.addEventListener('click', function () { selectPersona(p.openid); });
      el.tabs.appendChild(tab);
    });
  }

  /**
   * The official account's custom menu, as the server's configuration lists it (from the service modules):
   * sub-menus of entries ({label, items: [{key, label}]}) and entries of their own ({key, label}).
   */
  function buildMenu(menu) {
    el.menu.textContent = '';
    menuLabels = {};
    var zh = function (label) { return (label && label['zh-CN']) || ''; };
    var menuItem = function (entry, className) {
      var item = make('button', className, zh(entry.label));
      item.type = 'button';
      item.setAttribute('data-key', entry.key);
      item.setAttribute('data-testid', 'menu-' + entry.key);
      menuLabels[entry.key] = zh(entry.label);
      item.addEventListener('click', function (event) {
        event.stopPropagation();
        closeSubmenus(null);
        clickMenu(entry.key);
      });
      return item;
    };
    (menu || []).forEach(function (button, i) {
      var group = make('div', 'menu-group');
      if (!Array.isArray(button.items)) {
        group.appendChild(menuItem(button, 'menu-top menu-item'));
        el.menu.appendChild(group);
        return;
      }
      var top = make('button', 'menu-top', '≡ ' + zh(button.label));
      top.type = 'button';
      top.setAttribute('data-submenu', 'menu-sub-' + i);
      top.setAttribute('aria-expanded', 'false');
      var sub = make('ul', 'submenu hidden');
      sub.id = 'menu-sub-' + i;
      button.items.forEach(function (entry) {
        var li = make('li');
        li.appendChild(menuItem(entry, 'menu-item'));
        sub.appendChild(li);
      });
      top.addEventListener('click', function (event) {
        event.stopPropagation();
        closeSubmenus(sub);
        var open = sub.classList.toggle('hidden') === false;
        top.setAttribute('aria-expanded', open ? 'true' : 'false');
      });
      group.appendChild(top);
      group.appendChild(sub);
      el.menu.appendChild(group);
    });
  }

  function wire() {
    el.form.addEventListener('submit', function (event) {
      event.preventDefault();
      var text = el.input.value.trim();
      if (!text || !currentOpenid) return;
      el.input.value = '';
      sendText(currentOpenid, text);
    });
    el.chat.addEventListener('click', function (event) {
      var target = event.target;
      var option = target && target.closest ? target.closest('button.option') : null;
      if (option && currentOpenid) sendText(currentOpenid, option.getAttribute('data-option'));
      var action = target && target.closest ? target.closest('button.notice-action') : null;
      if (action && currentOpenid) sendText(currentOpenid, action.getAttribute('data-say'));
      var failed = target && target.closest ? target.closest('button.msg-failed') : null;
      var row = failed ? failed.closest('li[data-msg-id]') : null;
      if (row && currentOpenid) resend(currentOpenid, row.getAttribute('data-msg-id'));
    });
    el.accept.addEventListener('change', onAcceptChange);
    document.addEventListener('click', function () { closeSubmenus(null); });
    el.reset.addEventListener('click', newConversation);
    el.banner.addEventListener('click', hideBanner);
    el.banner.addEventListener('mouseenter', function () { if (bannerTimer) window.clearTimeout(bannerTimer); bannerTimer = 0; });
    el.banner.addEventListener('mouseleave', function () { if (!el.banner.classList.contains('hidden')) armBanner(); });
    window.addEventListener('scroll', placeBanner, { passive: true });
    window.addEventListener('resize', placeBanner);
  }

  function start() {
    el = {
      tabs: $('persona-tabs'), card: $('persona-card'), personaAvatar: $('persona-avatar'),
      personaName: $('persona-name'), personaOpenid: $('persona-openid'), personaFactName: $('persona-fact-name'),
      personaId: $('persona-id'), personaPhone: $('persona-phone'), personaNote: $('persona-note'),
      reset: $('reset-chat'), smsList: $('sms-list'), smsEmpty: $('sms-empty'), smsPhone: $('sms-phone'),
      status: $('status-line'), chat: $('chat'), typing: $('typing'), form: $('input-form'),
      input: $('input'), send: $('send'), menu: $('menu'),
      subscribed: $('persona-subscribed'), refused: $('persona-refused'), revoked: $('persona-revoked'),
      accept: $('wechat-accept'), followerNote: $('wechat-follower-note'),
      phone: $('phone'), banner: $('sms-banner'), bannerTime: $('sms-banner-time'), bannerFrom: $('sms-banner-from'),
      bannerBody: $('sms-banner-body'),
    };
    wire();
    fetch('/sandbox/wechat/config').then(function (res) {
      return res.text().then(function (body) {
        if (!res.ok) throw new Error('GET /sandbox/wechat/config → HTTP ' + res.status + ' ' + body);
        return JSON.parse(body);
      });
    }).then(function (cfg) {
      if (!cfg || typeof cfg.token !== 'string' || !Array.isArray(cfg.personas)) {
        throw new Error('GET /sandbox/wechat/config 返回的内容不对');
      }
      config = cfg;
      personas = cfg.personas;
      buildTabs();
      buildMenu(cfg.menu);
      setStatus('公众号 ' + config.account + '，正在连接消息推送…');
      return readSandboxClock().then(function () {
        var remembered = storageGet('selected');
        var first = personaOf(remembered) ? remembered : (personas[0] && personas[0].openid);
        if (first) selectPersona(first);
        window.setInterval(pollSms, SMS_POLL_MS);
        window.setInterval(readSandboxClock, CLOCK_READ_MS);
        document.body.setAttribute('data-ready', 'true');
      });
    }).catch(function (err) {
      setStatus('模拟器无法启动：' + err.message + '（只有沙箱模式提供模拟器）', true);
      var note = make('li', 'system system-error', '模拟器无法启动：' + err.message);
      note.setAttribute('data-testid', 'error-message');
      el.chat.appendChild(note);
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
