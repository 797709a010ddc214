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
export var CHANNELS = { wechat: '微信公众号', web: '网页', hotline: '电话热线' };
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
  agents: [],

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
  clock: 'a second passed (waiting times count up)',
});
export var subscribe = store.subscribe;
export var changed = store.changed;
