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
export var TABS = ['intents', 'test', 'train', 'versions', 'inbox', 'knowledge', 'notices', 'audit', 'accounts'];

export var LOCALES = { 'zh-CN': '中文', en: '英文' };
export var SPLITS = { train: '训练集', test: '测试集' };
/** What a change of the training data or an FAQ answer needs before citizens see it (when the server does not say). */
export var EFFECT = '训练并发布后生效';
/** How long the undo of a deletion is offered. */
export var UNDO_MS = 8000;
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
  'nlu.utterance.add': '添加语料', 'nlu.utterance.delete': '删除语料', 'nlu.utterance.restore': '恢复语料',
  'nlu.utterance.bulk': '批量添加语料', 'nlu.train': '训练模型',
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
  'knowledge.card.create': '新建知识卡片', 'knowledge.card.edit': '修改知识卡片', 'knowledge.card.retire': '停用知识卡片',
  'knowledge.card.restore': '恢复知识卡片', 'knowledge.publish': '发布知识库', 'knowledge.rollback': '知识库回滚',
  'knowledge.inbox.card': '未答问题转为卡片',
};

/** The knowledge base (the 知识库 tab): card kinds, how a draft card stands against the live version, topics, offers. */
export var CARD_KINDS = { answer: '规定解答', referral: '办理指引', safety: '安全提示' };
export var CARD_STATES = { live: '线上', 'new': '新增', changed: '已修改', retired: '已停用' };
export var CARD_TOPICS = {
  points: '记分', exams: '考试', licence: '驾驶证', vehicles: '机动车', plates: '号牌', fines: '罚款', accidents: '事故',
  services: '办事指引', rules: '通行规定',
};
/** The services a card may offer after answering a question about the citizen's own case. */
export var CARD_OFFERS = {
  'exam.book': '预约考试', 'exam.query': '查询考试预约', 'points.query': '查询记分', 'fine.query': '查询违法',
  'fine.pay': '缴纳罚款', 'plate.select': '选号牌',
};
/** The problems the server finds in a card (codes of nlu-models/knowledge/checkCards.ts), said in the console's words. */
export var CARD_PROBLEMS = {
  BAD_ID: '编号格式不对（应为 主题.名称，小写字母、数字和连字符）', BAD_KIND: '类型不对', MISSING_TEXT: '缺少文字',
  TOO_FEW_QUESTIONS: '问法太少（中文至少 3 条，英文至少 1 条）', NO_CITATION: '没有引用条文', UNKNOWN_LAW: '引用的法规不存在',
  UNKNOWN_ARTICLE: '引用的条文不存在', UNKNOWN_ITEM: '引用的项不存在', DUPLICATE_ID: '编号重复', LONG_ANSWER: '答案太长（每种语言最多 8 行）',
  BAD_URGENT: '紧急词组不对（只有安全提示卡片有，且每组至少一个词）', POINT_ITEM_UNCOVERED: '记分表中有条目没有卡片引用',
  CARD_INVALID: '卡片内容不对',
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

  /** The search across all intents' utterances: { q, split, locale, results, total, loading } (null before a search). */
  search: null,
  /** The open intent's last bulk check: { intent, locale, split, lines } (null when none). */
  bulk: null,
  /** The single utterance waiting for a confirmation because it is near-identical to another intent's: { intent, text, locale, split, matches }. */
  similar: null,
  /** The advice per intent (GET /api/admin/advice), when read. */
  advice: null,
  /** The undo offered after a deletion: { utterance, timer }. */
  undo: null,
  /** The publish or rollback being confirmed: { kind: 'publish' | 'rollback', version, diff }. */
  confirm: null,

  /** The knowledge base: the draft's overview (GET knowledge), its versions, the unanswered questions, the card being edited. */
  knowledge: null,
  knowledgeVersions: [],
  knowledgeUnanswered: [],
  /** { mode: 'new' | 'edit' | 'inbox', id, items (inbox ids), card, state, status, problems, loading } */
  knowledgeEditor: null,
  /** The law texts cards may cite ({ id, title, articles }). */
  laws: [],

  /** Console accounts (GET /api/admin/agents) and the one whose password is being reset. */
  accounts: [],
  resetId: null,

  /** The notices tab: counts by topic and the recent failures (GET /api/admin/notices), when read ({ topics, failed, at }). */
  notices: null,

  noticeTimer: 0,
};

/** The parts of the state the page shows, each redrawn by the renderers that subscribe to it. */
var store = createStore({
  tab: 'a signed-in administrator opened a tab (state.tab; the detail is its name): it reads what it shows',
  intents: "the intent list (state.intents) or an intent's counts",
  live: 'the live model (state.live, state.liveId)',
  editor: 'the intent open in the utterance editor (state.editor: its utterances, the locale filter)',
  corpus: "utterances were added, deleted or restored (the detail: the intent's name, when it is one)",
  search: 'the search across all utterances (state.search)',
  advice: 'the advice per intent was read (state.advice)',
  inbox: 'the questions the bot did not understand (state.inboxGroups)',
  versions: 'the version list was read (state.versions, state.liveId)',
  version: "a version's training changed (its status, progress or result)",
  knowledge: "the knowledge base's draft was read (state.knowledge: its cards, the live version, problems)",
  knowledgeVersions: "the knowledge base's versions were read (state.knowledgeVersions)",
  knowledgeUnanswered: 'the questions no card answered (state.knowledgeUnanswered)',
  knowledgeEditor: 'the knowledge card open in the editor (state.knowledgeEditor) or its problems',
  notices: "the notices' counts by topic and the recent failures were read (state.notices)",
});
export var subscribe = store.subscribe;
export var changed = store.changed;
