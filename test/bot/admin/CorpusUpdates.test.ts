import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Corpus } from '../../../nlu-models/corpus/types';
import type { IntentModel } from '../../../nlu-models/model/IntentModel';
import { writeTinyCorpora } from '../../nlu-models/training/tinyCorpus';
import { baselineOf, rig, type Rig } from './trainingRig';

/** Corpus files changed after the store was seeded are offered to admins, never merged by themselves. */
describe('CorpusUpdates: corpus files changed since the store took them in', () => {
  let dir: string;
  let set1: string[];
  let baseline: IntentModel;
  const rigs: Rig[] = [];
  const started = async (files: readonly string[], dbFile: string): Promise<Rig> => {
    const r = rig(files, baseline, { dbFile });
    rigs.push(r);
    await r.service.init(baseline);
    return r;
  };
  /** A copy of corpus set 1 with one file changed. */
  const changedCopy = (name: string, file: string, change: (c: Corpus) => void): string[] => {
    const copy = join(dir, name);
    cpSync(join(dir, 'set1'), copy, { recursive: true });
    const path = join(copy, file);
    const corpus = JSON.parse(readFileSync(path, 'utf8')) as Corpus;
    change(corpus);
    writeFileSync(path, JSON.stringify(corpus));
    return set1.map((f) => f.replace(join(dir, 'set1'), copy));
  };
  const intentOf = (c: Corpus, name: string) => {
    const d = c.data.find((x) => x.intent === name);
    if (!d) throw new Error(`no ${name}`);
    return d;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'corpus-updates-'));
    set1 = writeTinyCorpora(join(dir, 'set1'));
    baseline = baselineOf(set1);
  });
  afterEach(() => {
    for (const r of rigs.splice(0)) r.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('seeding an empty store records each file as taken in; a restart on the same files offers nothing', async () => {
    const dbFile = join(dir, 'same.sqlite');
    const first = await started(set1, dbFile);
    expect((await first.store.corpusSeeds()).map((s) => [s.key, s.recordedBy])).toEqual([
      ['exam/en', 'system'], ['exam/zh-CN', 'system'], ['fine/en', 'system'], ['fine/zh-CN', 'system'],
      ['none/en', 'system'], ['none/zh-CN', 'system'], ['service/en', 'system'], ['service/zh-CN', 'system'],
    ]);
    expect(await first.service.corpus.offers()).toEqual([]);
    first.close();
    const second = await started(set1, dbFile);
    expect(await second.service.corpus.offers()).toEqual([]);
  });

  it('a changed file is offered with its difference; nothing is merged until an admin imports it (audited), then it is not offered again', async () => {
    const dbFile = join(dir, 'import.sqlite');
    (await started(set1, dbFile)).close();
    const set2 = changedCopy('set2', 'zh-CN/fine.json', (c) => {
      const d = intentOf(c, 'fine.query');
      d.utterances = [...d.utterances.filter((u) => u !== '违章查询'), '查一下违法记录', '我的罚单有几张'];
      d.tests = [...(d.tests ?? []), '有没有新违章'];
      c.data.push({ intent: 'faq.fine_office', description: '罚款地点', utterances: ['在哪里交罚款', '罚款去哪交'] });
    });
    const r = await started(set2, dbFile);
    const before = await r.store.utterances();
    expect(before.some((u) => u.text === '查一下违法记录')).toBe(false);
    expect(await r.store.intent('faq.fine_office')).toBeUndefined();

    const offers = await r.service.corpus.offers();
    expect(offers).toEqual([expect.objectContaining({
      key: 'fine/zh-CN', domain: 'fine', locale: 'zh-CN', newIntents: ['faq.fine_office'], since: { recordedAt: expect.any(Number), recordedBy: 'system' },
    })]);
    expect(offers[0].added).toEqual([
      { intent: 'fine.query', split: 'train', text: '查一下违法记录' },
      { intent: 'fine.query', split: 'train', text: '我的罚单有几张' },
      { intent: 'fine.query', split: 'test', text: '有没有新违章' },
      { intent: 'faq.fine_office', split: 'train', text: '在哪里交罚款' },
      { intent: 'faq.fine_office', split: 'train', text: '罚款去哪交' },
    ]);
    expect(offers[0].removed).toEqual([{ intent: 'fine.query', split: 'train', text: '违章查询' }]);

    expect(await r.service.corpus.import('fine/zh-CN', 'admin-1', 'zhang.admin')).toEqual({ key: 'fine/zh-CN', intents: 1, utterances: 5 });
    const after = await r.store.utterances();
    expect(after.filter((u) => !before.some((b) => b.id === u.id)).map((u) => [u.intent, u.split, u.text, u.source])).toEqual([
      ['fine.query', 'train', '查一下违法记录', 'corpus'], ['fine.query', 'train', '我的罚单有几张', 'corpus'], ['fine.query', 'test', '有没有新违章', 'corpus'],
      ['faq.fine_office', 'train', '在哪里交罚款', 'corpus'], ['faq.fine_office', 'train', '罚款去哪交', 'corpus'],
    ]);
    // Removed from the file, kept in the store: an admin deletes it in the console if it should go.
    expect(after.some((u) => u.text === '违章查询')).toBe(true);
    expect(await r.store.intent('faq.fine_office')).toMatchObject({ domain: 'fine', description: '罚款地点' });
    expect((await r.audit.recent(5))[0]).toMatchObject({
      actor: 'admin-1', action: 'nlu.import',
      details: { admin: 'zhang.admin', corpusFile: 'fine/zh-CN', added: 5, removed: 1, newIntents: ['faq.fine_office'], intents: 1, utterances: 5 },
    });
    expect(await r.service.corpus.offers()).toEqual([]);
    expect(await r.service.corpus.import('fine/zh-CN', 'admin-1')).toBeUndefined();
    r.close();
    expect(await (await started(set2, dbFile)).service.corpus.offers()).toEqual([]);
  });

  it('a dismissed file is not offered again until it changes again; dismissing is audited and merges nothing', async () => {
    const dbFile = join(dir, 'dismiss.sqlite');
    (await started(set1, dbFile)).close();
    const set3 = changedCopy('set3', 'en/exam.json', (c) => { intentOf(c, 'exam.book').utterances.push('i want a test slot'); });
    const r = await started(set3, dbFile);
    expect((await r.service.corpus.offers()).map((o) => [o.key, o.added.length, o.removed.length])).toEqual([['exam/en', 1, 0]]);
    expect(await r.service.corpus.dismiss('exam/en', 'admin-1', 'zhang.admin')).toBe(true);
    expect(await r.service.corpus.dismiss('exam/en', 'admin-1', 'zhang.admin')).toBe(false);
    expect((await r.audit.recent(1))[0]).toMatchObject({ actor: 'admin-1', action: 'nlu.corpus.dismiss', target: 'exam/en', details: { admin: 'zhang.admin', added: 1, removed: 0 } });
    expect((await r.store.utterances()).some((u) => u.text === 'i want a test slot')).toBe(false);
    expect(await r.service.corpus.offers()).toEqual([]);
    r.close();
    const set4 = changedCopy('set4', 'en/exam.json', (c) => { intentOf(c, 'exam.book').utterances.push('i want a test slot', 'test slot please'); });
    const again = await started(set4, dbFile);
    expect((await again.service.corpus.offers()).map((o) => [o.key, o.added, o.since?.recordedBy])).toEqual([
      ['exam/en', [{ intent: 'exam.book', split: 'train', text: 'test slot please' }], 'admin-1'],
    ]);
  });

  it('a file written differently (formatting, name) but with the same content is not a change', async () => {
    const dbFile = join(dir, 'format.sqlite');
    (await started(set1, dbFile)).close();
    const copy = changedCopy('set5', 'zh-CN/exam.json', (c) => { c.name = 'renamed'; });
    const path = copy.find((f) => f.endsWith(join('zh-CN', 'exam.json'))) ?? '';
    writeFileSync(path, `${JSON.stringify(JSON.parse(readFileSync(path, 'utf8')), null, 4)}\n`);
    expect(await (await started(copy, dbFile)).service.corpus.offers()).toEqual([]);
  });

  it('a store seeded before records were kept: files it holds entirely are recorded, a file with more is offered against the store', async () => {
    const dbFile = join(dir, 'legacy.sqlite');
    const old = await started(set1, dbFile);
    old.db.prepare('DELETE FROM nlu_corpus_seeds').run();
    old.close();
    const set6 = changedCopy('set6', 'en/fine.json', (c) => { intentOf(c, 'fine.query').utterances.push('any new tickets'); });
    const r = await started(set6, dbFile);
    expect(await r.service.corpus.offers()).toEqual([expect.objectContaining({
      key: 'fine/en', since: null, added: [{ intent: 'fine.query', split: 'train', text: 'any new tickets' }], removed: [], newIntents: [],
    })]);
    expect((await r.store.corpusSeeds()).map((s) => s.key)).toEqual([
      'exam/en', 'exam/zh-CN', 'fine/zh-CN', 'none/en', 'none/zh-CN', 'service/en', 'service/zh-CN',
    ]);
  });
});
