import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { Server } from 'restify';
import type { AuditLog } from '../../integrations/storage/auditLog';
import { SqliteInboxStore } from '../../integrations/storage/sqlite/SqliteInboxStore';
import { SqliteTrainingStore } from '../../integrations/storage/sqlite/SqliteTrainingStore';
import { projectCorpusFiles } from '../../nlu-models/corpus/loadCorpus';
import type { IntentModel } from '../../nlu-models/model/IntentModel';
import type { NluEngine } from '../../nlu-models/recognizer/NluEngine';
import { trainInWorker } from '../../nlu-models/training/trainInWorker';
import type { AgentAccounts } from '../agent/AgentAccounts';
import type { AgentAuth } from '../agent/AgentAuth';
import type { Logger } from '../logger';
import { staticSite } from '../web/staticSite';
import { adminRoutes } from './adminRoutes';
import { TrainingService } from './TrainingService';

export interface AdminModuleDeps {
  db: Database.Database;
  nlu: NluEngine;
  baseline: IntentModel;
  auth: AgentAuth;
  accounts: AgentAccounts;
  audit: AuditLog;
  logger: Logger;
  now: () => number;
  today: () => string;
}

export interface AdminModule {
  training: TrainingService;
  inbox: SqliteInboxStore;
  /** Resolves when the training data is seeded and the live version loaded. */
  ready: Promise<void>;
  routes: (server: Server) => void;
  stop(): void;
}

const ADMIN_PAGE_DIR = join(__dirname, '..', 'web', 'admin');

/** The admins' NLU console: training store, training service (worker thread), admin API and page. */
export function adminModule(d: AdminModuleDeps): AdminModule {
  const store = new SqliteTrainingStore(d.db);
  const inbox = new SqliteInboxStore(d.db, (err) => d.logger.warn({ err }, 'could not record a misunderstood message'));
  const training = new TrainingService({
    store, audit: d.audit, nlu: d.nlu, logger: d.logger, now: d.now, corpusFiles: projectCorpusFiles(), train: trainInWorker,
  });
  const ready = training.init(d.baseline);
  return {
    training,
    inbox,
    ready,
    routes: (server) => {
      adminRoutes({ auth: d.auth, training, store, inbox, audit: d.audit, accounts: d.accounts, nlu: d.nlu, today: d.today, now: d.now })(server);
      staticSite(server, '/admin', ADMIN_PAGE_DIR);
    },
    stop: () => training.stop(),
  };
}
