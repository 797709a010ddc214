import {
  CloudAdapter, ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory,
  ConversationState, UserState,
} from 'botbuilder';
import { classifyConfirmAct } from '../nlu-models/acts';
import { systemClock, type Clock } from '../integrations/clock';
import { HttpPlatform } from '../integrations/platform/http/HttpPlatform';
import { SandboxPlatform } from '../integrations/platform/sandbox/SandboxPlatform';
import { SandboxClock } from '../integrations/platform/sandbox/SandboxClock';
import type { TrafficPlatform } from '../integrations/platform/types';
import { createSqliteStores } from '../integrations/storage/sqlite/createSqliteStores';
import { openSqlite } from '../integrations/storage/sqlite/openSqlite';
import type { PermissionChange } from '../integrations/storage/sqlite/privateFiles';
import type Database from 'better-sqlite3';
import type { StoreBundle } from '../integrations/storage/StoreBundle';
import type { DialogDeps } from '../dialogs/DialogDeps';
import { SERVICE_INDEX } from '../dialogs/services';
import { ServiceIndex } from '../dialogs/services/ServiceIndex';
import type { ServiceModule } from '../dialogs/services/ServiceModule';
import { menuKeys, wechatMenu } from './channels/wechat/menuKeys';
import { intentLabelsRoute } from './agent/intentLabelsRoute';
import { contractIntents } from './admin/contractIntents';
import { intentLabelsOf } from './admin/intentLabels';
import { LocaleMiddleware } from '../dialogs/i18n/LocaleMiddleware';
import type { Locale } from '../dialogs/i18n/Locale';
import { MainDialog } from '../dialogs/main/MainDialog';
import { IntentModel } from '../nlu-models/model/IntentModel';
import { ensureModel } from '../nlu-models/model/ensureModel';
import { PROJECT_MODEL_FILE } from '../nlu-models/model/paths';
import { NluEngine } from '../nlu-models/recognizer/NluEngine';
import { KnowledgeService } from './knowledge/KnowledgeService';
import { knowledgeRoutes } from './knowledge/knowledgeRoutes';
import { ConfigError, type Config } from './config';
import { JiaoguanBot } from './JiaoguanBot';
import type { Logger } from './logger';
import { makeServer, type BotServer } from './makeServer';
import { onTurnError } from './onTurnError';
import { TranscriptMiddleware } from './TranscriptMiddleware';
import { LogContextMiddleware } from './LogContextMiddleware';
import type { Request, Response, Server } from 'restify';
import { wechatChannel, type WeChatChannel } from './channels/wechat/wechatChannel';
import type { WeChatWebhook } from './channels/wechat/WeChatWebhook';
import { SandboxWeChatServer } from '../integrations/wechat/sandbox/SandboxWeChatServer';
import { sandboxWeChatRoutes } from './sandbox/sandboxWeChatRoutes';
import { sandboxClockRoutes } from './sandbox/sandboxClockRoutes';
import { sandboxEventRoutes } from './sandbox/sandboxEventRoutes';
import { sandboxConversationRoutes } from './sandbox/sandboxConversationRoutes';
import { SandboxAdmin } from '../integrations/platform/sandbox/SandboxAdmin';
import { redirect, staticSite } from './web/staticSite';
import { join } from 'node:path';
import type { AgentAccounts } from './accounts/AgentAccounts';
import { accountsModule } from './accounts/accountsModule';
import { CitizenDelivery } from './channels/CitizenDelivery';
import { handoffModule } from './handoff/handoffModule';
import { adminModule } from './admin/adminModule';
import type { TrainingService } from './admin/TrainingService';
import { todayOf } from '../dialogs/shared/today';
import { resilientPlatform } from '../integrations/platform/resilient/ResilientPlatform';
import { Metrics } from './ops/Metrics';
import { TurnMetricsMiddleware } from './ops/TurnMetricsMiddleware';
import { opsRoutes } from './ops/opsRoutes';
import { opsModule } from './ops/opsModule';
import { observedInbox } from './ops/observedInbox';
import { opsTurn } from './ops/opsTurn';
import { noteCall } from './ops/taskConfirmations';
import { TrustedProxies } from './web/TrustedProxies';
import { countingUnderstanding } from './ops/countingUnderstanding';
import type { HandoffService } from './handoff/HandoffService';
import { botFrameworkRoutes } from './channels/botframework/botFrameworkRoutes';
import { WeChatApiClient } from '../integrations/wechat/WeChatApiClient';
import { NOTICE_TOPICS } from '../dialogs/services/notices/topics';
import { noticesModule, type NoticesModule } from './notices/noticesModule';
import { sandboxTemplateId } from './notices/noticeConfig';
import { BotFrameworkLimits } from './channels/botframework/BotFrameworkLimits';

/** The sandbox official account's ToUserName (原始ID). */
const SANDBOX_ACCOUNT = 'gh_jiaoguan_sandbox';
const MESSENGER_DIR = join(__dirname, 'web', 'messenger');
/** What the agent console (/agent/) and the admin console (/admin/) share: base styles, API client, sign-in, events. */
const CONSOLE_COMMON_DIR = join(__dirname, 'web', 'common');

export interface App extends BotServer {
  config: Config;
  nlu: NluEngine;
  platform: TrafficPlatform;
  stores: StoreBundle;
  /** The WeChat webhook, when the channel is configured. */
  wechat?: WeChatWebhook;
  /** Console accounts (agents and admins). */
  agents: AgentAccounts;
  handoff: HandoffService;
  training: TrainingService;
  /** The knowledge base: live answer cards, the admins' draft, versions. */
  knowledge: KnowledgeService;
  metrics: Metrics;
  /** Notices citizens subscribed to: consent, the scheduler (running once ready), counts. */
  notices: NoticesModule;
  /** Resolves when the training data is seeded and the live NLU version is loaded. */
  ready: Promise<void>;
  /** Stops the platform and storage (after the server stopped taking requests). */
  close(): Promise<void>;
}

export interface ComposeOverrides {
  clock?: Clock;
  /** Use this model file instead of the project model (trained if missing). */
  modelFile?: string;
  /** Stores opened by the caller (STORE=mongo: bot/openStores.ts); SQLite under DATA_DIR otherwise. */
  stores?: StoreBundle;
  /** Wraps the platform (tests: a slow or failing platform). */
  wrapPlatform?: (platform: TrafficPlatform) => TrafficPlatform;
  /** The service modules (default: the index, dialogs/services): a test adds a service of its own. */
  services?: readonly ServiceModule[];
  /**
   * The corpus files the model file is kept trained on and the admins' training data is seeded from and compared
   * with at start (default: the project's; a test adds its service's corpus, or changes one).
   */
  corpusFiles?: readonly string[];
}

/** The composition root: builds every concrete object from the configuration and wires it. */
export function compose(config: Config, logger: Logger, overrides: ComposeOverrides = {}): App {
  if (config.store === 'mongo' && overrides.stores?.kind !== 'mongo') {
    throw new ConfigError('STORE=mongo: open the MongoDB stores first (bot/openStores.ts) and pass them to compose');
  }
  // A demo's time is the sandbox clock, kept in the sandbox database so that every process reads one time and
  // POST /sandbox/clock moves it (from SANDBOX_TODAY 09:00, or real time). With STORE=sqlite that database is the
  // stores' own, which are built with the clock: it is opened at its first reading, below. A deployment: system time.
  const demoSandbox = config.mode === 'demo' && config.platform === 'sandbox';
  let sandboxClock: SandboxClock | undefined;
  const openSandboxClock = (): SandboxClock => (sandboxClock ??= new SandboxClock(sandboxDb(), { today: config.sandboxToday }));
  const clock: Clock = overrides.clock ?? (demoSandbox ? { now: () => openSandboxClock().now() } : systemClock);
  const onInboxError = (err: unknown): void => logger.warn({ err }, 'could not record a misunderstood message');
  // DATA_DIR holds transcripts and sessions: folder 0700, files 0600; looser modes found are tightened and logged.
  const onPermissionChange = (c: PermissionChange): void => {
    if (c.left) logger.warn({ path: c.path, mode: c.was, why: c.left }, 'data file or folder readable by other users, left as it is: restrict it');
    else logger.warn({ path: c.path, was: c.was, now: c.now }, 'tightened the permissions of a data file or folder (other users could read it)');
  };
  const sqlite = overrides.stores ? undefined : createSqliteStores(config.dataDir, { clock, onInboxError, onPermissionChange });
  const stores: StoreBundle = overrides.stores ?? (sqlite as StoreBundle);
  // The sandbox platform and sandbox WeChat API (stand-ins, never production) keep their data in SQLite:
  // the main file with STORE=sqlite, a file of their own beside it otherwise.
  let sandboxFile: Database.Database | undefined;
  const sandboxDb = (): Database.Database => sqlite?.db ?? (sandboxFile ??= openSqlite(join(config.dataDir, 'sandbox.sqlite'), { onPermissionChange }));
  let ready = false;
  // readConfig guarantees a deployment never has PLATFORM=sandbox; checked again where the sandbox is built.
  const demo = config.mode === 'demo';
  if (!demo && config.platform === 'sandbox') throw new ConfigError('a deployment never runs the sandbox platform');
  const basePlatform: TrafficPlatform = config.platform === 'sandbox'
    ? new SandboxPlatform(sandboxDb(), clock)
    : new HttpPlatform({ baseUrl: config.platformUrl ?? '', token: config.platformAuth?.token, tls: config.platformAuth?.tls });
  // Opened now, not at the first turn: a sandbox database that cannot hold the clock fails the start. Movable only
  // when it is the bot's clock (a test's own clock is moved by the test).
  const movableClock = demoSandbox && !overrides.clock ? openSandboxClock() : undefined;
  const metrics = new Metrics(async () => {
    const waiting = await stores.handoffs.waiting();
    const oldest = waiting.reduce((min, h) => Math.min(min, h.createdAt), Number.POSITIVE_INFINITY);
    return { waiting: waiting.length, oldestWaitSeconds: waiting.length ? (clock.now().getTime() - oldest) / 1000 : 0 };
  });
  const wrapped = overrides.wrapPlatform ? overrides.wrapPlatform(basePlatform) : basePlatform;
  const platform = resilientPlatform(wrapped, {
    timeoutMs: config.platformTimeoutMs, onBreaker: (s) => metrics.breakerState(s),
    // A call that succeeded inside a citizen's turn may confirm the task running there (the operations view).
    onCall: (c) => {
      metrics.platformCall(c);
      noteCall(c, opsTurn()?.calls);
    },
  });

  const modelFile = overrides.modelFile ?? PROJECT_MODEL_FILE;
  const trained = ensureModel(modelFile, overrides.corpusFiles);
  if (trained.trained) logger.info({ modelFile }, 'trained the NLU model (it was missing or stale)');
  const baseline = IntentModel.load(modelFile);
  const nlu = new NluEngine(baseline);
  const conversationState = new ConversationState(stores.storage);
  const userState = new UserState(stores.storage);

  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(
    {},
    new ConfigurationServiceClientCredentialFactory({
      MicrosoftAppId: config.microsoftAppId,
      MicrosoftAppPassword: config.microsoftAppPassword,
      MicrosoftAppType: config.microsoftAppType,
      MicrosoftAppTenantId: config.microsoftAppTenantId,
    }),
  ));
  let wechat: WeChatChannel | undefined;
  // How agents' messages reach citizens: each channel registers itself where it is built (WeChat: wechatChannel).
  const delivery = new CitizenDelivery();
  delivery.registerBotFramework((reference, logic) => adapter.continueConversationAsync(config.microsoftAppId ?? '', reference, logic));
  const accounts = accountsModule({
    stores, logger, now: () => clock.now().getTime(), accountRates: config.accountRates, proxies: new TrustedProxies(config.trustProxy),
  });
  // The services (default: the index, dialogs/services): routing, menus and console labels derive from them.
  const services = overrides.services ? new ServiceIndex(overrides.services) : SERVICE_INDEX;
  const handoff = handoffModule({
    stores, identity: platform.identity, accounts, delivery, logger,
    waitMinutes: config.handoffWaitMinutes, now: () => clock.now().getTime(), menu: services.menuIntents,
    agentCapacity: config.agentCapacity, agentOfferSeconds: config.agentOfferSeconds,
  });
  const admin = adminModule({
    stores, nlu, baseline, accounts, logger, corpusFiles: overrides.corpusFiles, contractIntents: contractIntents(services), intentLabels: intentLabelsOf(services),
    now: () => clock.now().getTime(), today: () => todayOf(clock),
  });
  // The knowledge base: the live version of the answer cards (seeded from the repository's), edited by admins.
  const knowledge = new KnowledgeService({ store: stores.knowledge, audit: stores.audit, inbox: stores.inbox, logger, now: () => clock.now().getTime() });
  const loaded = Promise.all([admin.ready, knowledge.init()]).then(() => undefined);
  // Notices go out as WeChat template messages (the demo: this bot's sandbox WeChat, known once it listens).
  let serverRef: Server | undefined;
  const ownWeChatUrl = (): string => {
    const address = serverRef?.address();
    return address && typeof address === 'object' ? `http://127.0.0.1:${address.port}/sandbox/wechat` : 'http://127.0.0.1/sandbox/wechat';
  };
  const notices = noticesModule({
    config: config.notices, stores, platform, topics: NOTICE_TOPICS, now: () => clock.now().getTime(), logger, metrics, auth: accounts.auth,
    sandbox: demoSandbox,
    wechat: config.wechat ? new WeChatApiClient({
      baseUrl: config.wechat.apiUrl ?? ownWeChatUrl, appId: config.wechat.appId, appSecret: config.wechat.appSecret, tokens: stores.tokens,
    }) : undefined,
  });
  const deps: DialogDeps = { nlu: countingUnderstanding(nlu, metrics), acts: { classify: classifyConfirmAct }, knowledge: knowledge.answerer, platform, clock, rateLimits: stores.rateLimits, inbox: observedInbox(admin.inbox), notices: notices.consents,
    observe: { knowledgeAnswered: (outcome, topic) => metrics.knowledge.inc({ outcome, topic }) } };
  // The handoff middleware tells a new request from an answer to the satisfaction question with the bot's NLU.
  handoff.middleware.readRequestsWith(deps, services);
  const bot = new JiaoguanBot(conversationState, userState, new MainDialog(deps, services), services.menuIntents);
  const ops = opsModule({
    stores, services, deps, conversationState, auth: accounts.auth, metrics, topics: NOTICE_TOPICS, now: () => clock.now().getTime(), logger,
  });

  const middleware = [
    new LogContextMiddleware(),
    new TurnMetricsMiddleware(metrics),
    new LocaleMiddleware(conversationState.createProperty<Locale | undefined>('locale')),
    new TranscriptMiddleware(stores.transcripts, () => clock.now()),
    ops.middleware,
    handoff.middleware,
  ];
  // The citizens' limits of /api/messages come first, on the Bot Framework adapter only (WeChat has its own, in the webhook).
  adapter.use(new BotFrameworkLimits({
    rateLimits: stores.rateLimits, ratePerMinute: config.citizenRatePerMinute, now: () => Date.now(), logger,
  }), ...middleware);
  adapter.onTurnError = onTurnError(logger);

  const routes: Array<(server: Server) => void> = [
    botFrameworkRoutes({ access: config.botFramework, adapter, bot }),
    accounts.routes, handoff.routes, intentLabelsRoute(accounts.auth, services), admin.routes,
    knowledgeRoutes({ auth: accounts.auth, knowledge, validIntent: (i) => services.isServiceIntent(i) }), (server) => staticSite(server, '/common', CONSOLE_COMMON_DIR),
    notices.routes, ops.routes,
    opsRoutes({ metrics, metricsToken: config.metricsToken, storage: stores.storage, writes: stores.health, liveModel: () => admin.training.liveVersionId }),
  ];
  // The demo's clock, for a demo or a test to move forward. Never in a deployment (there is no sandbox clock).
  if (movableClock) routes.push(sandboxClockRoutes(movableClock, () => notices.wake()));
  // The demo makes things happen that notices tell of: an exam result published, a violation recorded. Never in a deployment.
  if (demoSandbox) routes.push(sandboxEventRoutes(new SandboxAdmin(sandboxDb(), clock)));
  if (config.wechat) {
    wechat = wechatChannel(config.wechat, {
      storage: stores.storage, receipts: stores.receipts, nonces: stores.nonces, turns: bot.turns, tokens: stores.tokens, rateLimits: stores.rateLimits,
      ratePerMinute: config.citizenRatePerMinute, logger, logic: (ctx) => bot.run(ctx), middleware, onTurnError: onTurnError(logger),
      apiUrl: config.wechat.apiUrl ?? ownWeChatUrl, delivery, menuKeys: menuKeys(services),
    });
    routes.push(wechat.routes);
    // The demo's WeChat: this bot plays WeChat's API and serves the messenger. Never in a deployment.
    if (demo && config.platform === 'sandbox' && !config.wechat.apiUrl) {
      // The sandbox WeChat knows the notices' templates as an official account registers them (one per topic).
      const templates = NOTICE_TOPICS.map((t) => ({
        id: sandboxTemplateId(t.id), title: t.template.title['zh-CN'], fields: t.template.fields.map((f) => ({ key: f.key, label: f.label['zh-CN'] })),
      }));
      routes.push(sandboxWeChatRoutes(new SandboxWeChatServer(sandboxDb(), config.wechat, Date.now, templates, () => clock.now().getTime()), {
        token: config.wechat.token, appId: config.wechat.appId, account: SANDBOX_ACCOUNT, menu: wechatMenu(services),
      }));
      // The messenger's 「清空」: the follower's conversation starts afresh (WeChat never tells an account of a cleared chat).
      routes.push(sandboxConversationRoutes({
        storage: stores.storage, handoffs: handoff.service, now: () => clock.now().getTime(), logger,
        withdrawRating: (key) => handoff.middleware.withdrawRating(key),
      }));
      routes.push((server) => {
        staticSite(server, '/chat', MESSENGER_DIR);
        server.get('/', async (_req: Request, res: Response) => redirect(res, '/chat/'));
      });
    }
  }

  const built = makeServer({
    logger, isReady: () => ready, routes,
    sandboxSms: demo && config.platform === 'sandbox' ? platform.sms : undefined,
  });
  serverRef = built.server;
  loaded.then(() => {
    ready = true;
    notices.start();
  }, (err: unknown) => logger.error({ err }, 'loading the NLU versions or the knowledge base failed'));
  return {
    server: built.server,
    inFlight: () => built.inFlight() + (wechat?.webhook.pending() ?? 0),
    config, nlu, platform, stores, wechat: wechat?.webhook, agents: accounts.accounts, handoff: handoff.service,
    training: admin.training, knowledge, ready: loaded, metrics, notices,
    close: async () => {
      await notices.stop();
      handoff.stop();
      accounts.stop();
      admin.stop();
      knowledge.stop();
      await admin.training.idle();
      wechat?.stop();
      await wechat?.webhook.idle();
      await stores.close();
      if (sandboxFile?.open) sandboxFile.close();
    },
  };
}
