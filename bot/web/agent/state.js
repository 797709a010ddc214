/*
 * The agent console's constants and shared state (see agent.js). The other modules read and change the state
 * through the `state` object, and reach the page's elements through `el` (filled in by start()). A module that
 * changes a part of the state the page shows says so with changed(topic); the renderers of that part subscribe
 * to it (../common/store.js), so modules never call each other's renderers.
 */
import { createStore } from '../common/store.js';

/** Relative to /agent/, so the page also works behind a path prefix. */
export var API = '../api/agent/';
/** Two reports of one message (transcript, event, send answer) are at most this far apart. */
export var SAME_MESSAGE_MS = 15000;

export var REASONS = {
  requested: '主动要求',
  misunderstood: '多次未听懂',
  rule: '业务需人工',
  platform_failure: '系统故障',
  complaint: '投诉',
};
export var STATUSES = {
  waiting: '等待接入',
  active: '服务中',
  closed: '已结束',
  cancelled: '已取消',
  expired: '已超时',
};
/** How a conversation ended: the close reasons of the page, and what the server records itself. */
export var OUTCOMES = {
  handback: '交还机器人',
  citizen: '市民结束',
  timeout: '等待超时',
  resolved: '问题已解决',
  no_response: '市民无回应',
  offline: '需线下办理',
  invalid: '无效或重复会话',
  other: '其他',
};
export var CHANNELS = { wechat: '微信公众号', web: '网页', webchat: '网页', hotline: '电话热线', directline: '网页', emulator: '调试工具', msteams: '其他渠道', sms: '短信' };
/** What a conversation's events say (GET /handoffs/:id events[].kind). */
export var EVENT_KINDS = {
  created: '转人工', accepted: '接入', transferred: '转接', ended: '结束', callback: '要求回电', offered: '分配',
  rated: '评分', note: '备注', user: '市民消息', agent: '坐席消息',
};
/** Intent → its name in the console: filled after sign-in from GET /api/agent/intents (intents.js). */
export var INTENTS = {};

/** The page's elements by name (filled in once by start()). */
export var el = {};

export var state = {
  /** The signed-in agent ({id, username, displayName, role}) and the token for POSTs. */
  me: null,
  csrfToken: '',
  /** Bumped on login and logout: answers to requests of an earlier session are dropped. */
  session: 0,

  queue: { waiting: [], mine: [], others: [], callbacks: [] },
  /** Whether the server lists callback requests (the section is shown only then). */
  hasCallbacks: false,
  queueFetchedAt: 0,
  queueLoading: false,
  queueAgain: false,
  unread: {},
  /** The available colleagues a conversation can be transferred to: [{id, displayName, status, load, capacity}]. */
  agents: [],
  /** This agent's availability for new handoffs, from GET /queue and POST /presence. */
  presence: { status: 'away', load: 0, capacity: 0, known: false },
  /** This agent's drafts by handoff id: { text, at, saved } (saved: the server has this text). */
  drafts: {},
  /** Canned replies [{id, title, text}] (GET /canned). */
  canned: [],
  /** The open conversation's citizen's other conversations (history), or null while not loaded. */
  history: null,
  /** Alerts that came while the tab was hidden (the tab title counts them). */
  hiddenAlerts: 0,
  /** The last search: { q, from, to, results: [summary], loading }. */
  search: null,

  /**
   * The open conversation: { id, summary, lines, keys, notes, loading, buffer }. Messages that arrive (SSE)
   * while the transcript loads are buffered and merged afterwards; `keys` drops duplicates (the agent's own
   * message comes back both in the POST answer and as an event).
   */
  current: null,

  ticker: 0,
};

/** The parts of the state the page shows, each redrawn by the renderers that subscribe to it. */
var store = createStore({
  queue: 'the hand-off queue: state.queue, the unread marks, which conversation is open',
  conversation: 'the open conversation (state.current) was opened, closed or read again',
  summary: "the open conversation's summary (status, agent, times)",
  notes: "the open conversation's notes",
  agents: 'the colleagues a conversation can be transferred to (state.agents)',
  presence: "this agent's availability, load and capacity (state.presence)",
  drafts: "this agent's drafts (state.drafts) or the open conversation's draft state",
  canned: 'the canned replies (state.canned)',
  history: "the open conversation's citizen's history (state.history)",
  search: 'the search of closed conversations (state.search)',
  clock: 'a second passed (waiting times count up)',
  open: 'a conversation is to be opened (detail: its id), from the history, the search or an alert',
});
export var subscribe = store.subscribe;
export var changed = store.changed;
