import Database from 'better-sqlite3';
import { TrainingService } from '../../../bot/admin/TrainingService';
import { testLogger } from '../../support/captureLogger';
import { SqliteAuditLog } from '../../../integrations/storage/sqlite/SqliteAuditLog';
import { SqliteTrainingStore } from '../../../integrations/storage/sqlite/SqliteTrainingStore';
import type { ModelVersion, VersionMetrics } from '../../../integrations/storage/training';
import { loadCorpusFile } from '../../../nlu-models/corpus/loadCorpus';
import { IntentModel } from '../../../nlu-models/model/IntentModel';
import { examplesOf, trainOnExamples } from '../../../nlu-models/model/trainModel';
import { NluEngine } from '../../../nlu-models/recognizer/NluEngine';
import { trainVersion, type ReportProgress, type TrainedVersion, type TrainRequest } from '../../../nlu-models/training/trainVersion';
import { OFFICE_HOURS } from '../../nlu-models/training/tinyCorpus';

export const TODAY = '2026-11-25';
export type Train = (req: TrainRequest, report: ReportProgress) => Promise<TrainedVersion>;
/** In-process training: fast on the tiny corpus. */
export const inProcess: Train = async (req, report) => trainVersion(req, report);

/** The bot's start-up model, trained on the corpus files (as ensureModel does). */
export function baselineOf(files: readonly string[]): IntentModel {
  return new IntentModel(trainOnExamples(examplesOf(files.map((f) => loadCorpusFile(f))).train));
}

export interface Rig {
  db: Database.Database;
  store: SqliteTrainingStore;
  audit: SqliteAuditLog;
  nlu: NluEngine;
  service: TrainingService;
  intentOf(text: string): string;
  /** Adds faq.office_hours (answers and zh-CN utterances) as an admin would in the console. */
  addOfficeHours(): Promise<void>;
  /** Starts a training and waits for it; the version as stored afterwards. */
  trainAndWait(by?: string, folds?: number): Promise<ModelVersion>;
  /** A ready version made directly in the store, with chosen metrics (the baseline's model). */
  readyVersion(accuracy: number | null, intents?: readonly string[]): Promise<ModelVersion>;
  close(): void;
}

export function rig(files: readonly string[], baseline: IntentModel, options: { dbFile?: string; train?: Train; pollMs?: number } = {}): Rig {
  const db = new Database(options.dbFile ?? ':memory:');
  const store = new SqliteTrainingStore(db);
  const audit = new SqliteAuditLog(db);
  const nlu = new NluEngine(baseline);
  const service = new TrainingService({
    store, audit, nlu, logger: testLogger(), now: () => Date.now(), corpusFiles: files, train: options.train ?? inProcess, pollMs: options.pollMs ?? 60_000,
  });
  const metrics = (accuracy: number): VersionMetrics => ({ accuracy, perIntent: [], confusion: { labels: [], matrix: [] }, folds: 3 });
  return {
    db, store, audit, nlu, service,
    intentOf: (text) => nlu.understand(text, TODAY).intent,
    addOfficeHours: async () => {
      await store.upsertIntent({ name: OFFICE_HOURS.name, description: '办公时间', domain: 'faq', answers: OFFICE_HOURS.answers, updatedAt: Date.now() });
      for (const text of OFFICE_HOURS.utterances) {
        await store.addUtterance({ intent: OFFICE_HOURS.name, locale: 'zh-CN', text, split: 'train', source: 'admin', createdAt: Date.now() });
      }
    },
    trainAndWait: async (by = 'admin-1', folds = 3) => {
      const v = await service.startTraining(by, folds);
      await service.idle();
      const done = await store.version(v.id);
      if (!done) throw new Error('the version vanished');
      return done;
    },
    readyVersion: async (accuracy, intents = baseline.intents) => {
      const v = await store.createVersion({ createdBy: 'admin-1', createdAt: Date.now(), dataHash: 'x', intents });
      await store.saveModel(v.id, JSON.stringify(baseline.json));
      await store.updateVersion(v.id, { status: 'ready', phase: 'done', percent: 100, ...(accuracy === null ? {} : { metrics: metrics(accuracy) }) });
      return (await store.version(v.id)) ?? v;
    },
    close: () => {
      service.stop();
      if (db.open) db.close();
    },
  };
}
