import { EventEmitter } from 'node:events';
import type { AuditLog } from '../../integrations/storage/auditLog';
import type { ModelVersion, TrainingStore } from '../../integrations/storage/training';
import { corpusDomain } from '../../nlu-models/corpus/corpusDomain';
import type { Corpus } from '../../nlu-models/corpus/types';
import { IntentModel } from '../../nlu-models/model/IntentModel';
import { dataHash, type Example } from '../../nlu-models/model/trainModel';
import type { NluEngine } from '../../nlu-models/recognizer/NluEngine';
import type { TrainedVersion, TrainRequest, ReportProgress } from '../../nlu-models/training/trainVersion';
import type { Logger } from '../logger';
import { CorpusUpdates } from './CorpusUpdates';

export interface TrainingServiceDeps {
  store: TrainingStore;
  audit: AuditLog;
  nlu: NluEngine;
  logger: Logger;
  now: () => number;
  /** The corpus files that seed an empty store and whose later changes are offered to admins. */
  corpusFiles: readonly string[];
  train: (req: TrainRequest, report: ReportProgress) => Promise<TrainedVersion>;
  /** How often other processes' publications are picked up. */
  pollMs?: number;
}

/** The quality gate: a version may not lose more than this much accuracy against the live one. */
export const MAX_ACCURACY_DROP = 0.02;
const STALE_TRAINING_MS = 30 * 60_000;

export class TrainingConflictError extends Error {
  readonly code = 'TRAINING_CONFLICT' as const;
}

export interface Comparison {
  liveId: string | undefined;
  liveAccuracy: number | null;
  accuracyDelta: number | null;
  lostIntents: string[];
}

export type PublishResult =
  | { ok: true; version: ModelVersion }
  | { ok: false; status: 400 | 404 | 409; error: string; comparison?: Comparison };

/**
 * The admins' NLU workflow on a running bot: training data in the store (seeded from the corpora), training
 * in a worker thread with progress, k-fold evaluation, versions, a quality-gated publish that swaps the live
 * model without a restart (other processes follow the store's live pointer), rollback, audit.
 * Events: 'training' {versionId, status, phase, percent}, 'live' {versionId}.
 */
export class TrainingService extends EventEmitter {
  private liveId: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  /** The corpus files against what the store took in of them: changed files are offered to admins as imports. */
  readonly corpus: CorpusUpdates;

  constructor(private readonly d: TrainingServiceDeps) {
    super();
    this.setMaxListeners(0);
    this.corpus = new CorpusUpdates({
      store: d.store, audit: d.audit, now: d.now, files: d.corpusFiles,
      importCorpora: (files, by, source, actorName, details) => this.importCorpora(files, by, source, actorName, details),
    });
  }

  /**
   * Seeds an empty store (or offers the corpus files changed since it was seeded), records the bot's start-up model
   * as version 1 if there is none, loads the live version.
   */
  async init(baseline: IntentModel): Promise<void> {
    const offers = await this.corpus.start();
    if (offers.length) {
      this.d.logger.warn({ files: offers.map((o) => `${o.key} (+${o.added.length}, -${o.removed.length})`) },
        'corpus files changed since the training data was seeded: admins can review and import them in the admin console');
    }
    if (!(await this.d.store.live())) {
      const v = await this.d.store.createVersion({ createdBy: 'system', createdAt: this.d.now(), dataHash: baseline.json.dataHash, intents: baseline.intents });
      await this.d.store.saveModel(v.id, JSON.stringify(baseline.json));
      await this.d.store.updateVersion(v.id, { status: 'ready', phase: 'baseline', percent: 100 });
      await this.d.store.setLive(v.id, 'system', this.d.now());
    }
    await this.follow();
    this.timer = setInterval(() => {
      this.follow().catch((err: unknown) => this.d.logger.warn({ err }, 'checking the live NLU version failed'));
    }, this.d.pollMs ?? 2000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Resolves when a training started here has finished (tests, shutdown). */
  async idle(): Promise<void> {
    await this.running;
  }

  get liveVersionId(): string | undefined {
    return this.liveId;
  }

  /** Loads the store's live version into the engine when it changed (published here or by another process). */
  async follow(): Promise<void> {
    const live = await this.d.store.live();
    if (!live || live.versionId === this.liveId) return;
    const json = await this.d.store.loadModel(live.versionId);
    if (!json) throw new Error(`live version ${live.versionId} has no model`);
    this.d.nlu.setModel(new IntentModel(JSON.parse(json) as IntentModel['json']));
    this.liveId = live.versionId;
    this.emit('live', { versionId: live.versionId });
    this.d.logger.info({ versionId: live.versionId }, 'NLU model version is live');
  }

  async examples(): Promise<{ train: Example[]; tests: Example[]; answers: Record<string, Record<string, string[]>> }> {
    const train: Example[] = [];
    const tests: Example[] = [];
    for (const u of await this.d.store.utterances()) (u.split === 'train' ? train : tests).push({ text: u.text, intent: u.intent, locale: u.locale });
    const answers: Record<string, Record<string, string[]>> = {};
    for (const i of await this.d.store.intents()) {
      if (Object.values(i.answers).some((a) => a.length)) answers[i.name] = Object.fromEntries(Object.entries(i.answers).map(([k, v]) => [k, [...v]]));
    }
    return { train, tests, answers };
  }

  /** Starts training in the background; resolves with the new version (status "training"). */
  async startTraining(by: string, folds: number, actorName?: string): Promise<ModelVersion> {
    const busy = (await this.d.store.versions()).find((v) => v.status === 'training' && this.d.now() - v.createdAt < STALE_TRAINING_MS);
    if (busy) throw new TrainingConflictError(`version ${busy.number} is still training`);
    const data = await this.examples();
    if (!data.train.length) throw new TrainingConflictError('there are no training utterances');
    const intents = [...new Set(data.train.map((e) => e.intent))].sort();
    const version = await this.d.store.createVersion({ createdBy: by, createdAt: this.d.now(), dataHash: dataHash(data.train), intents });
    await this.d.audit.append({ at: this.d.now(), actor: by, action: 'nlu.train', target: version.id, details: { admin: actorName, number: version.number, folds, utterances: data.train.length } });
    this.running = this.run(version, { ...data, folds });
    return version;
  }

  private async run(version: ModelVersion, req: TrainRequest): Promise<void> {
    const started = Date.now();
    let lastPercent = -1;
    const report: ReportProgress = (phase, percent) => {
      if (percent === lastPercent) return;
      lastPercent = percent;
      this.d.store.updateVersion(version.id, { phase, percent }).catch(() => undefined);
      this.emit('training', { versionId: version.id, status: 'training', phase, percent });
    };
    try {
      const result = await this.d.train(req, report);
      await this.d.store.saveModel(version.id, JSON.stringify(result.model));
      await this.d.store.updateVersion(version.id, { status: 'ready', phase: 'done', percent: 100, metrics: { ...result.metrics, faqAnswers: req.answers } });
      this.d.logger.info({ versionId: version.id, number: version.number, accuracy: result.metrics.accuracy, ms: Date.now() - started }, 'NLU version trained');
      this.emit('training', { versionId: version.id, status: 'ready', phase: 'done', percent: 100 });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await this.d.store.updateVersion(version.id, { status: 'failed', phase: 'failed', error: message }).catch(() => undefined);
      this.d.logger.error({ err, versionId: version.id }, 'NLU training failed');
      this.emit('training', { versionId: version.id, status: 'failed', phase: 'failed', percent: lastPercent });
    }
  }

  async compare(version: ModelVersion): Promise<Comparison> {
    const live = await this.d.store.live();
    const current = live ? await this.d.store.version(live.versionId) : undefined;
    const liveAccuracy = current?.metrics?.accuracy ?? null;
    const accuracy = version.metrics?.accuracy ?? null;
    return {
      liveId: current?.id,
      liveAccuracy,
      accuracyDelta: liveAccuracy !== null && accuracy !== null ? accuracy - liveAccuracy : null,
      lostIntents: current ? current.intents.filter((i) => !version.intents.includes(i)) : [],
    };
  }

  /** Makes a ready version live after the quality gate (or forced, with a reason); audited with before/after. */
  async publish(id: string, by: string, options: { force?: boolean; reason?: string; rollback?: boolean; actorName?: string } = {}): Promise<PublishResult> {
    const version = await this.d.store.version(id);
    if (!version) return { ok: false, status: 404, error: 'no such version' };
    if (version.status !== 'ready') return { ok: false, status: 409, error: `version ${version.number} is ${version.status}, not ready` };
    const comparison = await this.compare(version);
    if (comparison.liveId === id) return { ok: false, status: 409, error: `version ${version.number} is already live` };
    const reason = options.reason?.trim();
    if (options.force && !reason) return { ok: false, status: 400, error: 'a forced publish needs a reason' };
    // In whole tenths of a point: 0.88 against 0.90 is exactly 2 points (allowed), whatever floating point says.
    const worse = comparison.accuracyDelta !== null && Math.round(comparison.accuracyDelta * 1000) < -MAX_ACCURACY_DROP * 1000;
    const unevaluated = comparison.liveAccuracy !== null && version.metrics === null;
    if (!options.rollback && !options.force && (worse || unevaluated || comparison.lostIntents.length)) {
      const why = [
        unevaluated ? 'it has no evaluation to compare with the live version' : '',
        worse ? `accuracy ${(comparison.accuracyDelta! * 100).toFixed(1)} points against the live version` : '',
        comparison.lostIntents.length ? `it loses ${comparison.lostIntents.join(', ')}` : '',
      ].filter(Boolean).join('; ');
      return { ok: false, status: 409, error: `refused: ${why}`, comparison };
    }
    const started = Date.now();
    await this.d.store.setLive(id, by, this.d.now());
    await this.follow();
    await this.d.audit.append({
      at: this.d.now(), actor: by, action: options.rollback ? 'nlu.rollback' : 'nlu.publish', target: id,
      details: { admin: options.actorName, before: comparison.liveId, after: id, number: version.number, forced: Boolean(options.force), reason, accuracyDelta: comparison.accuracyDelta, ms: Date.now() - started },
    });
    return { ok: true, version };
  }

  /** The training data as corpus files (`<locale>/<domain>.json`, e.g. zh-CN/exams.json), NLP.js corpus JSON. */
  async exportCorpora(): Promise<Record<string, Corpus>> {
    const intents = await this.d.store.intents();
    const utterances = await this.d.store.utterances();
    const files: Record<string, Corpus> = {};
    const locales = [...new Set(utterances.map((u) => u.locale))].sort();
    for (const locale of locales) {
      for (const intent of intents) {
        const mine = utterances.filter((u) => u.intent === intent.name && u.locale === locale);
        const answers = intent.answers[locale] ?? [];
        if (!mine.length && !answers.length) continue;
        const path = `${locale}/${intent.domain}.json`;
        files[path] ??= { name: `jiaoguan ${locale} ${intent.domain}`, locale, data: [] };
        const tests = mine.filter((u) => u.split === 'test').map((u) => u.text);
        files[path].data.push({
          intent: intent.name, description: intent.description, utterances: mine.filter((u) => u.split === 'train').map((u) => u.text),
          ...(tests.length ? { tests } : {}), ...(answers.length ? { answers: [...answers] } : {}),
        });
      }
    }
    return files;
  }

  /**
   * Adds the intents and utterances of corpus files (existing utterances are kept, not duplicated); an intent's
   * domain is its file's (zh-CN/faq.json → faq, dialogs/services/exams/corpus/zh-CN.json → exams).
   */
  async importCorpora(
    files: ReadonlyArray<{ file: string; corpus: Corpus }>, by: string, source = 'import', actorName?: string, details: Record<string, unknown> = {},
  ): Promise<{ intents: number; utterances: number }> {
    let intents = 0;
    let added = 0;
    for (const { file, corpus } of files) {
      const domain = corpusDomain(file, corpus.locale);
      for (const d of corpus.data) {
        const existing = await this.d.store.intent(d.intent);
        const answers = { ...(existing?.answers ?? {}), ...(d.answers?.length ? { [corpus.locale]: d.answers } : {}) };
        await this.d.store.upsertIntent({ name: d.intent, description: d.description ?? existing?.description ?? '', domain: existing?.domain ?? domain, answers, updatedAt: this.d.now() });
        if (!existing) intents += 1;
        const createdAt = this.d.now();
        const rows = ([['train', d.utterances], ['test', d.tests ?? []]] as const).flatMap(([split, list]) =>
          list.map((text) => ({ intent: d.intent, locale: corpus.locale, text, split, source, createdAt })));
        // One batch per intent (one transaction on SQLite): seeding 3,000 utterances one by one took half a second.
        added += (await this.d.store.addUtterances(rows)).added;
      }
    }
    if (by !== 'system') await this.d.audit.append({ at: this.d.now(), actor: by, action: 'nlu.import', details: { admin: actorName, ...details, intents, utterances: added } });
    return { intents, utterances: added };
  }
}
