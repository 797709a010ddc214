/*
 * The admin console's constants and shared state (see admin.js). The other modules read and change the state
 * through the `state` object, and reach the page's elements through `el` (filled in by start()). A module that
 * changes a part of the state the page shows says so with changed(topic); the renderers of that part subscribe
 * to it (../common/store.js), so modules never call each other's renderers.
 */
import { createStore } from '../common/store.js';

/** Relative to /admin/, so the page also works behind a path prefix. */
export var AGENT_API = '../api/agent/';
export var ADMIN_API = '../api/admin/';
export var NOTICE_MS = 6000;
export var TABS = ['intents', 'test', 'train', 'versions', 'inbox', 'audit', 'accounts'];

export var LOCALES = { 'zh-CN': '中文', en: '英文' };
export var SPLITS = { train: '训练集', test: '测试集' };
export var SOURCES = {
  admin: '手工添加', manual: '手工添加', console: '手工添加', corpus: '初始语料', seed: '初始语料', builtin: '初始语料',
  inbox: '来自待处理', import: '导入',
};
export var STATUSES = { training: '训练中', ready: '就绪', failed: '失败' };
export var PHASES = {
  queued: '排队中', pending: '排队中', starting: '准备中', preparing: '准备数据', prepare: '准备数据', loading: '读取语料',
  folds: '交叉验证', fold: '交叉验证', cv: '交叉验证', 'cross-validation': '交叉验证', crossValidation: '交叉验证',
  crossvalidate: '交叉验证', validating: '交叉验证', evaluating: '交叉验证评估', evaluate: '交叉验证评估',
  evaluation: '交叉验证评估', baseline: '初始模型',
  training: '训练模型', train: '训练模型', final: '训练最终模型', saving: '保存', save: '保存', writing: '保存',
  done: '完成', ready: '完成', finished: '完成', failed: '失败', error: '失败',
};
export var ACTIONS = {
  'nlu.intent.create': '新建意图', 'nlu.intent.update': '修改意图', 'nlu.intent.delete': '删除意图',
  'nlu.utterance.add': '添加语料', 'nlu.utterance.delete': '删除语料', 'nlu.train': '训练模型',
  'nlu.publish': '发布版本', 'nlu.rollback': '回滚版本', 'nlu.import': '导入语料', 'nlu.corpus.dismiss': '忽略语料更新',
  'nlu.inbox.filed': '归入意图', 'nlu.inbox.out_of_scope': '标为超出范围', 'nlu.inbox.ignored': '忽略问题',
  'intent.create': '新建意图', 'intent.update': '修改意图', 'intent.delete': '删除意图',
  'utterance.add': '添加语料', 'utterance.create': '添加语料', 'utterance.delete': '删除语料',
  'model.train': '训练模型', 'version.train': '训练模型', 'train': '训练模型', 'training.start': '训练模型',
  'version.publish': '发布版本', 'model.publish': '发布版本', 'publish': '发布版本',
  'version.forcePublish': '强制发布', 'version.force_publish': '强制发布', 'version.publish.force': '强制发布',
  'version.rollback': '回滚版本', 'model.rollback': '回滚版本', 'rollback': '回滚版本',
  'inbox.file': '归入意图', 'inbox.out_of_scope': '标为超出范围', 'inbox.ignore': '忽略问题',
  'agent.create': '新建账号', 'agent.login': '登录', 'agent.logout': '退出登录', 'agent.login_failed': '登录失败',
  'agent.disable': '停用账号', 'agent.enable': '启用账号', 'agent.password': '重置密码',
};

/** The page's elements by name (filled in once by start()). */
export var el = {};

export var state = {
  /** The signed-in account ({id, username, displayName, role}) and the token for writes. */
  me: null,
  csrfToken: '',
  /** Bumped on login and logout: answers to requests of an earlier session are dropped. */
  session: 0,

  tab: 'intents',
  intents: [],
  live: null,
  intentsLoading: false,
  intentsAgain: false,

  /** The intent open in the utterance editor: { name, utterances, loading }. */
  editor: null,
  localeFilter: '',
  deleteArmed: 0,

  versions: [],
  liveId: null,
  versionsLoading: false,
  versionsAgain: false,
  /** The latest training event per version id (events may arrive before the POST /train answer). */
  progressById: {},
  /** The version the training panel follows (its progress bar), and the one whose metrics it shows. */
  trackedId: null,
  metricsId: null,
  metricsLoadingId: null,
  /** A training this page watched run: when it ends, its result is read and shown once. */
  awaitingId: null,
  /** The version the force-publish dialog is about. */
  forceId: null,

  inboxGroups: [],

  /** Console accounts (GET /api/admin/agents) and the one whose password is being reset. */
  accounts: [],
  resetId: null,

  noticeTimer: 0,
};

/** The parts of the state the page shows, each redrawn by the renderers that subscribe to it. */
var store = createStore({
  tab: 'a signed-in administrator opened a tab (state.tab; the detail is its name): it reads what it shows',
  intents: "the intent list (state.intents) or an intent's counts",
  live: 'the live model (state.live, state.liveId)',
  editor: 'the intent open in the utterance editor (state.editor: its utterances, the locale filter)',
  inbox: 'the questions the bot did not understand (state.inboxGroups)',
  versions: 'the version list was read (state.versions, state.liveId)',
  version: "a version's training changed (its status, progress or result)",
});
export var subscribe = store.subscribe;
export var changed = store.changed;
