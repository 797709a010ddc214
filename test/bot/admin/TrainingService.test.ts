import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrainingConflictError } from '../../../bot/admin/TrainingService';
import type { IntentModel } from '../../../nlu-models/model/IntentModel';
import { OFFICE_HOURS, tinyIntents, writeTinyCorpora } from '../../nlu-models/training/tinyCorpus';
import { baselineOf, rig, type Rig, type Train, inProcess } from './trainingRig';

const ASK_HOURS = OFFICE_HOURS.utterances[0];

describe('TrainingService', () => {
  let dir: string;
  let files: string[];
  let baseline: IntentModel;
  const rigs: Rig[] = [];
  const make = (options: Parameters<typeof rig>[2] = {}): Rig => {
    const r = rig(files, baseline, options);
    rigs.push(r);
    return r;
  };
  const started = async (options: Parameters<typeof rig>[2] = {}): Promise<Rig> => {
    const r = make(options);
    await r.service.init(baseline);
    return r;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'training-service-'));
    files = writeTinyCorpora(dir);
    baseline = baselineOf(files);
  });
  afterEach(() => {
    for (const r of rigs.splice(0)) r.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('init seeds an empty store from the corpus files and records the start-up model as version 1, live', async () => {
    const { store, service, nlu } = await started();
    expect((await store.intents()).map((i) => [i.name, i.domain, i.description])).toEqual(tinyIntents().map((n) => [n, expect.any(String), `${n} (tiny)`]));
    expect((await store.intent('fine.query'))?.domain).toBe('fine');
    const utterances = await store.utterances();
    expect(utterances.filter((u) => u.split === 'train')).toHaveLength(64);
    expect(utterances.filter((u) => u.split === 'test').map((u) => u.text).sort()).toEqual(['查查我的违章', '帮我约个考试'].sort());
    expect(new Set(utterances.map((u) => u.source))).toEqual(new Set(['corpus']));
    const versions = await store.versions();
    expect(versions).toEqual([expect.objectContaining({
      number: 1, status: 'ready', phase: 'baseline', percent: 100, createdBy: 'system', dataHash: baseline.json.dataHash, intents: baseline.intents, metrics: null,
    })]);
    expect(await store.live()).toMatchObject({ versionId: versions[0].id, publishedBy: 'system' });
    expect(service.liveVersionId).toBe(versions[0].id);
    expect(nlu.currentModel.json).toEqual(baseline.json);
  });

  it('a restart (init on a seeded store) neither re-seeds nor adds a version', async () => {
    const dbFile = join(dir, 'restart.sqlite');
    const first = await started({ dbFile });
    await first.store.deleteIntent('greet');
    const second = await started({ dbFile });
    expect(await second.store.intent('greet')).toBeUndefined();
    expect(await second.store.versions()).toHaveLength(1);
    expect(second.service.liveVersionId).toBe(first.service.liveVersionId);
  });

  it('startTraining trains version 2 in the background: progress events, ready with metrics, audited, not yet live', async () => {
    const r = await started();
    const events: Array<{ status: string; percent: number }> = [];
    r.service.on('training', (e: { status: string; percent: number }) => events.push(e));
    const v = await r.service.startTraining('admin-1', 3);
    expect(v).toMatchObject({ number: 2, status: 'training', createdBy: 'admin-1', intents: tinyIntents() });
    await r.service.idle();
    const done = await r.store.version(v.id);
    expect(done).toMatchObject({ status: 'ready', phase: 'done', percent: 100 });
    expect(done?.metrics?.folds).toBe(3);
    expect(done?.metrics?.accuracy).toBeGreaterThan(0.5);
    expect(done?.metrics?.accuracy).toBeLessThanOrEqual(1);
    expect(done?.metrics?.perIntent.map((p) => p.intent).sort()).toEqual(tinyIntents());
    expect(JSON.parse((await r.store.loadModel(v.id)) ?? '{}')).toMatchObject({ intents: tinyIntents() });
    expect(events.at(-1)).toMatchObject({ status: 'ready', percent: 100 });
    events.slice(1).forEach((e, i) => expect(e.percent).toBeGreaterThanOrEqual(events[i].percent));
    const [entry] = await r.audit.recent(1, { action: 'nlu.train' });
    expect(entry).toMatchObject({ actor: 'admin-1', target: v.id, details: { number: 2, folds: 3, utterances: 64 } });
    expect(r.service.liveVersionId).not.toBe(v.id);
  });

  it('refuses a second training while one runs; afterwards the next one starts', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const held: Train = async (req, report) => { await gate; return inProcess(req, report); };
    const r = await started({ train: held });
    await r.service.startTraining('admin-1', 3);
    await expect(r.service.startTraining('admin-2', 3)).rejects.toBeInstanceOf(TrainingConflictError);
    await expect(r.service.startTraining('admin-2', 3)).rejects.toThrow('version 2 is still training');
    release();
    await r.service.idle();
    await expect(r.service.startTraining('admin-2', 3)).resolves.toMatchObject({ number: 3 });
    await r.service.idle();
  });

  it.each<[string, number, boolean]>([
    ['started a minute ago blocks', 60_000, true],
    ['stuck for 31 minutes (a crashed process) does not block', 31 * 60_000, false],
  ])('a version still "training" that was %s', async (_label, age, blocks) => {
    const r = await started();
    await r.store.createVersion({ createdBy: 'admin-9', createdAt: Date.now() - age, dataHash: 'x', intents: [] });
    const next = r.service.startTraining('admin-1', 3);
    if (blocks) await expect(next).rejects.toBeInstanceOf(TrainingConflictError);
    else await expect(next).resolves.toMatchObject({ number: 3 });
    await r.service.idle();
  });

  it('a failed training marks the version failed with the error and leaves the live model alone', async () => {
    const r = await started({ train: async () => { throw new Error('out of memory'); } });
    const v = await r.service.startTraining('admin-1', 3);
    await r.service.idle();
    expect(await r.store.version(v.id)).toMatchObject({ status: 'failed', phase: 'failed', error: 'out of memory' });
    expect(await r.service.publish(v.id, 'admin-1')).toEqual({ ok: false, status: 409, error: 'version 2 is failed, not ready' });
    expect(r.nlu.currentModel.json).toEqual(baseline.json);
  });

  it('publish swaps the live model without a restart (a new FAQ is understood and answered), audited with before/after; rollback in one call', async () => {
    const r = await started();
    const v1 = r.service.liveVersionId;
    await r.addOfficeHours();
    expect(r.intentOf(ASK_HOURS)).not.toBe(OFFICE_HOURS.name);
    const v2 = await r.trainAndWait();
    const live: unknown[] = [];
    r.service.on('live', (e) => live.push(e));
    expect(await r.service.publish(v2.id, 'admin-1')).toMatchObject({ ok: true, version: { id: v2.id } });
    expect(live).toEqual([{ versionId: v2.id }]);
    expect(r.service.liveVersionId).toBe(v2.id);
    expect(r.intentOf(ASK_HOURS)).toBe(OFFICE_HOURS.name);
    expect(r.nlu.answer(OFFICE_HOURS.name, 'zh-CN')).toBe(OFFICE_HOURS.answers['zh-CN'][0]);
    const [published] = await r.audit.recent(1, { action: 'nlu.publish' });
    expect(published).toMatchObject({ actor: 'admin-1', target: v2.id, details: { before: v1, after: v2.id, number: 2, forced: false, accuracyDelta: null } });
    expect(await r.service.publish(v2.id, 'admin-1')).toEqual({ ok: false, status: 409, error: 'version 2 is already live' });
    // Publishing version 1 again is refused by the gate (it loses the FAQ); a rollback is not.
    expect(await r.service.publish(v1 ?? '', 'admin-1')).toMatchObject({ ok: false, status: 409, comparison: { lostIntents: [OFFICE_HOURS.name] } });
    expect(await r.service.publish(v1 ?? '', 'admin-2', { rollback: true })).toMatchObject({ ok: true });
    expect(r.service.liveVersionId).toBe(v1);
    expect(r.intentOf(ASK_HOURS)).not.toBe(OFFICE_HOURS.name);
    const [rolledBack] = await r.audit.recent(1, { action: 'nlu.rollback' });
    expect(rolledBack).toMatchObject({ actor: 'admin-2', target: v1, details: { before: v2.id, after: v1 } });
  });

  it('the quality gate refuses a version that loses an intent; forcing needs a reason, which is audited', async () => {
    const r = await started();
    await r.addOfficeHours();
    const v2 = await r.trainAndWait();
    expect((await r.service.publish(v2.id, 'admin-1')).ok).toBe(true);
    for (const u of await r.store.utterances(OFFICE_HOURS.name)) await r.store.deleteUtterance(u.id);
    const v3 = await r.trainAndWait();
    expect(v3.intents).not.toContain(OFFICE_HOURS.name);
    const refused = await r.service.publish(v3.id, 'admin-1');
    expect(refused).toMatchObject({ ok: false, status: 409, comparison: { liveId: v2.id, lostIntents: [OFFICE_HOURS.name] } });
    expect(!refused.ok && refused.error).toMatch(/^refused: .*it loses faq\.office_hours/);
    expect(r.service.liveVersionId).toBe(v2.id);
    for (const reason of [undefined, '', '   ']) {
      expect(await r.service.publish(v3.id, 'admin-1', { force: true, reason })).toEqual({ ok: false, status: 400, error: 'a forced publish needs a reason' });
    }
    expect(await r.service.publish(v3.id, 'admin-1', { force: true, reason: ' FAQ moved to the website ' })).toMatchObject({ ok: true });
    expect(r.service.liveVersionId).toBe(v3.id);
    const [entry] = await r.audit.recent(1, { action: 'nlu.publish' });
    expect(entry.details).toMatchObject({ before: v2.id, after: v3.id, forced: true, reason: 'FAQ moved to the website' });
  });

  it.each<[string, number, boolean]>([
    ['better', 0.95, true],
    ['1.5 points worse', 0.885, true],
    ['exactly 2 points worse (90/100 → 88/100)', 0.88, true],
    ['3 points worse', 0.87, false],
  ])('against a live version at 90 %% accuracy, a version %s (%s) may be published: %s', async (_label, accuracy, allowed) => {
    const r = await started();
    const live = await r.readyVersion(0.9);
    expect((await r.service.publish(live.id, 'admin-1')).ok).toBe(true);
    const candidate = await r.readyVersion(accuracy);
    const result = await r.service.publish(candidate.id, 'admin-1');
    if (allowed) {
      expect(result).toMatchObject({ ok: true });
    } else {
      expect(result).toMatchObject({ ok: false, status: 409, error: 'refused: accuracy -3.0 points against the live version', comparison: { liveAccuracy: 0.9, lostIntents: [] } });
      expect(!result.ok && result.comparison?.accuracyDelta).toBeCloseTo(-0.03, 10);
      expect(await r.service.publish(candidate.id, 'admin-1', { force: true, reason: 'known regression, fixed tomorrow' })).toMatchObject({ ok: true });
    }
  });

  it('publish answers 404 for an unknown version and 409 for one still training', async () => {
    const r = await started();
    expect(await r.service.publish('no-such-id', 'admin-1')).toEqual({ ok: false, status: 404, error: 'no such version' });
    const training = await r.store.createVersion({ createdBy: 'admin-1', createdAt: Date.now(), dataHash: 'x', intents: [] });
    expect(await r.service.publish(training.id, 'admin-1')).toEqual({ ok: false, status: 409, error: 'version 2 is training, not ready' });
  });
});
