import {
  CloudAdapter, ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory,
  ConversationState, UserState,
} from 'botbuilder';
import { fixedDateClock, systemClock, type Clock } from '../integrations/clock';
import { HttpPlatform } from '../integrations/platform/http/HttpPlatform';
import { SandboxPlatform } from '../integrations/platform/sandbox/SandboxPlatform';
import type { TrafficPlatform } from '../integrations/platform/types';
import { createSqliteStores } from '../integrations/storage/sqlite/createSqliteStores';
import type { StoreBundle } from '../integrations/storage/StoreBundle';
import type { DialogDeps } from '../dialogs/DialogDeps';
import { buildFlows } from '../dialogs/flows';
import { LocaleMiddleware } from '../dialogs/i18n/LocaleMiddleware';
import type { Locale } from '../dialogs/i18n/Locale';
import { MainDialog } from '../dialogs/main/MainDialog';
import { IntentModel } from '../nlu-models/model/IntentModel';
import { ensureModel } from '../nlu-models/model/ensureModel';
import { PROJECT_MODEL_FILE } from '../nlu-models/model/paths';
import { NluEngine } from '../nlu-models/recognizer/NluEngine';
import { ConfigError, type Config } from './config';
import { JiaoguanBot } from './JiaoguanBot';
import type { Logger } from './logger';
import { makeServer, type BotServer } from './makeServer';
import { onTurnError } from './onTurnError';
import { TranscriptMiddleware } from './TranscriptMiddleware';

export interface App extends BotServer {
  config: Config;
  nlu: NluEngine;
  platform: TrafficPlatform;
  stores: StoreBundle;
  /** Stops the platform and storage (after the server stopped taking requests). */
  close(): Promise<void>;
}

export interface ComposeOverrides {
  clock?: Clock;
  /** Use this model file instead of the project model (trained if missing). */
  modelFile?: string;
}

/** The composition root: builds every concrete object from the configuration and wires it. */
export function compose(config: Config, logger: Logger, overrides: ComposeOverrides = {}): App {
  if (config.store === 'mongo') {
    throw new ConfigError('STORE=mongo: the MongoDB adapter is not part of this build yet; use STORE=sqlite (the default)');
  }
  const clock = overrides.clock ?? (config.sandboxToday ? fixedDateClock(config.sandboxToday) : systemClock);
  const stores = createSqliteStores(config.dataDir, { clock });
  let ready = false;
  const platform: TrafficPlatform = config.platform === 'sandbox'
    ? new SandboxPlatform(stores.db, clock)
    : new HttpPlatform({ baseUrl: config.platformUrl ?? '' });

  const modelFile = overrides.modelFile ?? PROJECT_MODEL_FILE;
  const trained = ensureModel(modelFile);
  if (trained.trained) logger.info({ modelFile }, 'trained the NLU model (it was missing or stale)');
  const nlu = new NluEngine(IntentModel.load(modelFile));

  const deps: DialogDeps = { nlu, platform, clock };
  const conversationState = new ConversationState(stores.storage);
  const userState = new UserState(stores.storage);
  const bot = new JiaoguanBot(conversationState, userState, new MainDialog(deps, buildFlows(deps)));

  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(
    {},
    new ConfigurationServiceClientCredentialFactory({
      MicrosoftAppId: config.microsoftAppId,
      MicrosoftAppPassword: config.microsoftAppPassword,
      MicrosoftAppType: config.microsoftAppType,
      MicrosoftAppTenantId: config.microsoftAppTenantId,
    }),
  ));
  adapter.use(new LocaleMiddleware(conversationState.createProperty<Locale | undefined>('locale')));
  adapter.use(new TranscriptMiddleware(stores.transcripts, () => clock.now()));
  adapter.onTurnError = onTurnError(logger);

  const { server, inFlight } = makeServer({
    adapter, bot, logger, isReady: () => ready,
    sandboxSms: config.platform === 'sandbox' ? platform.sms : undefined,
  });
  ready = true;
  return { server, inFlight, config, nlu, platform, stores, close: () => stores.close() };
}
