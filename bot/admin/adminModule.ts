import { join } from 'node:path';
import type { Server } from 'restify';
import type { StoreBundle } from '../../integrations/storage/StoreBundle';
import type { InboxStore } from '../../integrations/storage/training';
import { projectCorpusFiles } from '../../nlu-models/corpus/loadCorpus';
import type { IntentModel } from '../../nlu-models/model/IntentModel';
import type { NluEngine } from '../../nlu-models/recognizer/NluEngine';
import { trainInWorker } from '../../nlu-models/training/trainInWorker';
import type { AccountsModule } from '../accounts/accountsModule';
import type { Logger } from '../logger';
import { staticSite } from '../web/staticSite';
import { adminRoutes } from './adminRoutes';
import { corpusUpdateRoutes } from './corpusUpdateRoutes';
import { inboxWithBotQuestion } from './inboxWithBotQuestion';
import type { IntentLabels } from './intentLabels';
import { TrainingService } from './TrainingService';

export interface AdminModuleDeps {
  stores: StoreBundle;
  nlu: NluEngine;
  baseline: IntentModel;
  /** The console accounts: the admin console's sessions and limits, and the account management it offers. */
  accounts: Pick<AccountsModule, 'auth' | 'accounts'>;
  logger: Logger;
  now: () => number;
  today: () => string;
  /** The corpus files that seed the training data and whose changes are offered to admins (default: the project's). */
  corpusFiles?: readonly string[];
  /** Intents admins may not delete (default: the service index's contract). */
  contractIntents?: readonly string[];
  /** The consoles' Chinese names of the intents (default: the project's services'). */
  intentLabels?: IntentLabels;
}

export interface AdminModule {
  training: TrainingService;
  inbox: InboxStore;
  /** Resolves when the training data is seeded and the live version loaded. */
  ready: Promise<void>;
  routes: (server: Server) => void;
  stop(): void;
}

const ADMIN_PAGE_DIR = join(__dirname, '..', 'web', 'admin');

/** The admins' NLU console: training store, training service (worker thread), admin API and page. */
export function adminModule(d: AdminModuleDeps): AdminModule {
  const { training: store, audit } = d.stores;
  // Each misunderstood message is kept with the bot's last question before it (from the transcript).
  const inbox = inboxWithBotQuestion(d.stores.inbox, d.stores.transcripts);
  const training = new TrainingService({
    store, audit, nlu: d.nlu, logger: d.logger, now: d.now, corpusFiles: d.corpusFiles ?? projectCorpusFiles(), train: trainInWorker,
  });
  const ready = training.init(d.baseline);
  return {
    training,
    inbox,
    ready,
    routes: (server) => {
      adminRoutes({ auth: d.accounts.auth, agents: d.stores.agents, training, store, inbox, audit, accounts: d.accounts.accounts, nlu: d.nlu, today: d.today, now: d.now, contractIntents: d.contractIntents, intentLabels: d.intentLabels })(server);
      corpusUpdateRoutes({ auth: d.accounts.auth, corpus: training.corpus })(server);
      staticSite(server, '/admin', ADMIN_PAGE_DIR);
    },
    stop: () => training.stop(),
  };
}
