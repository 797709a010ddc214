import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VersionDiffs } from '../../../bot/admin/versionDiff';
import type { IntentModel } from '../../../nlu-models/model/IntentModel';
import { OFFICE_HOURS, writeTinyCorpora } from '../../nlu-models/training/tinyCorpus';
import { baselineOf, rig, type Rig } from './trainingRig';

describe('VersionDiffs: what publishing a version changes against the live one', () => {
  let dir: string;
  let files: string[];
  let baseline: IntentModel;
  let r: Rig;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'version-diff-'));
    files = writeTinyCorpora(dir);
    baseline = baselineOf(files);
  });
  beforeEach(async () => {
    r = rig(files, baseline);
    await r.service.init(baseline);
  });
  afterEach(() => r.close());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a first publish (live version 1 without evaluation) is not comparable, says why in Chinese, still lists intents and FAQ answers added', async () => {
    await r.addOfficeHours();
    const v2 = await r.trainAndWait();
    expect(v2.metrics?.errors).toEqual(expect.any(Array));
    expect(v2.metrics?.faqAnswers).toEqual({ [OFFICE_HOURS.name]: OFFICE_HOURS.answers });
    const live = await r.store.live();
    const diff = await new VersionDiffs(r.store).diff(v2, live?.versionId);
    expect(diff).toMatchObject({
      comparable: false, reason: expect.stringMatching(/没有评估结果/), against: { id: live?.versionId, number: 1 },
      accuracy: { after: expect.any(Number) }, intentsAdded: [OFFICE_HOURS.name], intentsRemoved: [],
      faqChanged: [{ intent: OFFICE_HOURS.name, after: OFFICE_HOURS.answers['zh-CN'][0] }],
    });
    expect(diff.accuracy.before).toBeUndefined();
    expect(diff.perIntent.map((p) => p.intent)).toContain(OFFICE_HOURS.name);
  });

  it('against an evaluated live version: accuracy and per-intent F1 before/after, an intent removed, an FAQ answer changed', async () => {
    await r.addOfficeHours();
    const v2 = await r.trainAndWait();
    expect((await r.service.publish(v2.id, 'admin-1')).ok).toBe(true);
    const office = (await r.store.intent(OFFICE_HOURS.name))!;
    await r.store.upsertIntent({ ...office, answers: { 'zh-CN': ['周一至周六 9:00-17:00'] } });
    await r.store.deleteIntent('greet');
    const v3 = await r.trainAndWait();
    const diff = await new VersionDiffs(r.store).diff(v3, v2.id);
    expect(diff).toMatchObject({
      comparable: true, against: { id: v2.id, number: 2 }, accuracy: { before: expect.any(Number), after: expect.any(Number) },
      intentsAdded: [], intentsRemoved: ['greet'],
      faqChanged: [{ intent: OFFICE_HOURS.name, before: OFFICE_HOURS.answers['zh-CN'][0], after: '周一至周六 9:00-17:00' }],
    });
    expect(diff.reason).toBeUndefined();
    expect(diff.perIntent).toContainEqual({ intent: 'greet', before: expect.any(Number), after: undefined });
    expect(diff.perIntent.find((p) => p.intent === 'fine.query')).toEqual({ intent: 'fine.query', before: expect.any(Number), after: expect.any(Number) });
    // The live version against itself: nothing to compare.
    expect(await new VersionDiffs(r.store).diff(v2, v2.id)).toMatchObject({ comparable: false, reason: '这个版本就是线上版本。', faqChanged: [] });
  });

  it('a version whose metrics lack the FAQ snapshot (trained before it was recorded) reads its answers from the model', async () => {
    const old = await r.readyVersion(0.9);
    const v = await r.readyVersion(0.91);
    await r.store.saveModel(v.id, JSON.stringify({ ...baseline.json, answers: { 'faq.parking': { 'zh-CN': ['东门停车'] } } }));
    const diff = await new VersionDiffs(r.store).diff(v, old.id);
    expect(diff).toMatchObject({ comparable: true, accuracy: { before: 0.9, after: 0.91 } });
    expect(diff.faqChanged).toContainEqual({ intent: 'faq.parking', after: '东门停车' });
  });
});
