import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCorpus } from '../../../nlu-models/corpus/loadCorpus';
import type { Corpus } from '../../../nlu-models/corpus/types';
import type { IntentModel } from '../../../nlu-models/model/IntentModel';
import { OFFICE_HOURS, TINY, writeTinyCorpora } from '../../nlu-models/training/tinyCorpus';
import { baselineOf, rig, type Rig } from './trainingRig';

const ASK_HOURS = OFFICE_HOURS.utterances[0];
const asFiles = (files: Record<string, Corpus>) => Object.entries(files).map(([file, corpus]) => ({ file, corpus }));

describe('TrainingService across processes and files', () => {
  let dir: string;
  let files: string[];
  let baseline: IntentModel;
  const rigs: Rig[] = [];
  const started = async (options: Parameters<typeof rig>[2] = {}, init = true): Promise<Rig> => {
    const r = rig(files, baseline, options);
    rigs.push(r);
    if (init) await r.service.init(baseline);
    return r;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'training-sync-'));
    files = writeTinyCorpora(dir);
    baseline = baselineOf(files);
  });
  afterEach(() => {
    for (const r of rigs.splice(0)) r.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a second bot process on the same database picks up a publication with follow(), and a rollback by polling', async () => {
    const dbFile = join(dir, 'shared.sqlite');
    const a = await started({ dbFile });
    const b = await started({ dbFile });
    const c = await started({ dbFile, pollMs: 25 });
    const v1 = a.service.liveVersionId;
    expect(b.service.liveVersionId).toBe(v1);
    expect(await b.store.versions()).toHaveLength(1);

    await a.addOfficeHours();
    const v2 = await a.trainAndWait();
    expect((await a.service.publish(v2.id, 'admin-1')).ok).toBe(true);
    expect(a.intentOf(ASK_HOURS)).toBe(OFFICE_HOURS.name);
    // Until it looks, the other process still answers with version 1.
    expect(b.service.liveVersionId).toBe(v1);
    expect(b.intentOf(ASK_HOURS)).not.toBe(OFFICE_HOURS.name);
    const seen: unknown[] = [];
    b.service.on('live', (e) => seen.push(e));
    await b.service.follow();
    expect(seen).toEqual([{ versionId: v2.id }]);
    expect(b.service.liveVersionId).toBe(v2.id);
    expect(b.intentOf(ASK_HOURS)).toBe(OFFICE_HOURS.name);
    expect(b.nlu.answer(OFFICE_HOURS.name, 'en')).toBe(OFFICE_HOURS.answers.en[0]);
    await b.service.follow();
    expect(seen).toHaveLength(1);

    expect((await b.service.publish(v1 ?? '', 'admin-2', { rollback: true })).ok).toBe(true);
    const deadline = Date.now() + 5000;
    while (c.service.liveVersionId !== v1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(c.service.liveVersionId).toBe(v1);
    expect(c.intentOf(ASK_HOURS)).not.toBe(OFFICE_HOURS.name);
  });

  it('exports the training data as corpus files (<locale>/<domain>.json) that import into a fresh store unchanged', async () => {
    const source = await started();
    await source.addOfficeHours();
    const exported = await source.service.exportCorpora();
    expect(Object.keys(exported).sort()).toEqual([
      'en/exam.json', 'en/faq.json', 'en/fine.json', 'en/none.json', 'en/service.json',
      'zh-CN/exam.json', 'zh-CN/faq.json', 'zh-CN/fine.json', 'zh-CN/none.json', 'zh-CN/service.json',
    ]);
    for (const [file, corpus] of Object.entries(exported)) {
      expect(parseCorpus(JSON.parse(JSON.stringify(corpus)), file).locale).toBe(file.split('/')[0]);
    }
    expect(exported['zh-CN/fine.json'].data).toEqual([{
      intent: 'fine.query', description: 'fine.query (tiny)', utterances: TINY['zh-CN']['fine.query'].utterances, tests: TINY['zh-CN']['fine.query'].tests,
    }]);
    // FAQ answers travel with the intent, in each language, even without utterances in that language.
    expect(exported['en/faq.json'].data).toEqual([{ intent: OFFICE_HOURS.name, description: '办公时间', utterances: [], answers: OFFICE_HOURS.answers.en }]);
    expect(exported['zh-CN/faq.json'].data[0]).toMatchObject({ utterances: OFFICE_HOURS.utterances, answers: OFFICE_HOURS.answers['zh-CN'] });

    const target = await started({}, false);
    const added = await target.service.importCorpora(asFiles(JSON.parse(JSON.stringify(exported)) as Record<string, Corpus>), 'admin-2');
    expect(added).toEqual({ intents: 5, utterances: 74 });
    const sorted = (counts: Array<{ intent: string; locale: string; split: string; n: number }>) =>
      counts.map((c) => `${c.intent} ${c.locale} ${c.split} ${c.n}`).sort();
    expect(sorted(await target.store.counts())).toEqual(sorted(await source.store.counts()));
    const shape = (r: Rig) => r.store.intents().then((list) => list.map(({ updatedAt: _t, ...i }) => i));
    expect(await shape(target)).toEqual(await shape(source));
    const texts = (r: Rig) => r.store.utterances().then((list) => list.map((u) => `${u.intent} ${u.locale} ${u.split} ${u.text}`).sort());
    expect(await texts(target)).toEqual(await texts(source));
    const [entry] = await target.audit.recent(1, { action: 'nlu.import' });
    expect(entry).toMatchObject({ actor: 'admin-2', details: { intents: 5, utterances: 74 } });
  });

  it('importing the same files again adds nothing (existing utterances are kept, not duplicated)', async () => {
    const r = await started();
    const exported = await r.service.exportCorpora();
    await expect(r.service.importCorpora(asFiles(exported), 'admin-1')).resolves.toEqual({ intents: 0, utterances: 0 });
    expect(await r.store.utterances()).toHaveLength(66);
  });

  it('an import adds new utterances to an existing intent and merges FAQ answers per language', async () => {
    const r = await started();
    await r.addOfficeHours();
    const more = { name: 'more', locale: 'en', data: [{ intent: OFFICE_HOURS.name, utterances: ['when are you open'], answers: ['9 to 5'] }] };
    expect(await r.service.importCorpora([{ file: 'en/faq.json', corpus: more }], 'admin-1')).toEqual({ intents: 0, utterances: 1 });
    expect((await r.store.intent(OFFICE_HOURS.name))?.answers).toEqual({ 'zh-CN': OFFICE_HOURS.answers['zh-CN'], en: ['9 to 5'] });
    expect((await r.store.intent(OFFICE_HOURS.name))?.description).toBe('办公时间');
  });
});
