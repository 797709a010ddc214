import {
  DuplicateUtteranceError, type TrainingIntent, type TrainingStore, type TrainingUtterance, type VersionMetrics,
} from '../../../../integrations/storage/training';
import { T0, useSubject, type PortFactory } from './portContract';

function intent(name: string, domain = 'exam', answers: Record<string, string[]> = {}): TrainingIntent {
  return { name, description: `${name} 意图`, domain, answers, updatedAt: T0 };
}

function utterance(intentName: string, text: string, overrides: Partial<Omit<TrainingUtterance, 'id'>> = {}): Omit<TrainingUtterance, 'id'> {
  return { intent: intentName, locale: 'zh-CN', text, split: 'train', source: 'admin', createdAt: T0, ...overrides };
}

const METRICS: VersionMetrics = {
  accuracy: 0.93,
  perIntent: [{ intent: 'exam.book', precision: 0.9, recall: 1, f1: 0.947, support: 12 }],
  confusion: { labels: ['exam.book', 'None'], matrix: [[12, 0], [1, 7]] },
  folds: 5,
  heldOutAccuracy: 0.88,
};

/** What every TrainingStore adapter must do: one intent per utterance text, numbered versions, one live pointer. */
export function runTrainingStoreContract(name: string, make: PortFactory<TrainingStore>): void {
  describe(`TrainingStore contract: ${name}`, () => {
    const subject = useSubject(make);
    const store = (): TrainingStore => subject().store;

    it('upserts intents with their answers, listed by name and counted', async () => {
      expect(await store().intentCount()).toBe(0);
      await store().upsertIntent(intent('faq.hours', 'faq', { 'zh-CN': ['工作日 9:00-17:00'], en: ['Weekdays 9-5'] }));
      await store().upsertIntent(intent('exam.book'));
      expect((await store().intents()).map((i) => i.name)).toEqual(['exam.book', 'faq.hours']);
      expect(await store().intent('faq.hours')).toEqual(intent('faq.hours', 'faq', { 'zh-CN': ['工作日 9:00-17:00'], en: ['Weekdays 9-5'] }));
      await store().upsertIntent({ ...intent('exam.book', 'exam2'), description: '预约考试', updatedAt: T0 + 1 });
      expect(await store().intent('exam.book')).toEqual({ ...intent('exam.book', 'exam2'), description: '预约考试', updatedAt: T0 + 1 });
      expect(await store().intentCount()).toBe(2);
      expect(await store().intent('nope')).toBeUndefined();
    });

    it('adds utterances with increasing ids and lists them, all or per intent, in that order', async () => {
      await store().upsertIntent(intent('exam.book'));
      await store().upsertIntent(intent('fine.query', 'fine'));
      const a = await store().addUtterance(utterance('exam.book', '我想约科目二'));
      const b = await store().addUtterance(utterance('fine.query', '查一下我的罚单', { source: 'inbox' }));
      const c = await store().addUtterance(utterance('exam.book', 'book my road test', { locale: 'en', split: 'test' }));
      expect(a).toEqual({ ...utterance('exam.book', '我想约科目二'), id: a.id });
      expect(a.id < b.id && b.id < c.id).toBe(true);
      expect(await store().utterances()).toEqual([a, b, c]);
      expect(await store().utterances('exam.book')).toEqual([a, c]);
      expect(await store().utterances('nope')).toEqual([]);
    });

    it('refuses the same text twice for one locale and split with DuplicateUtteranceError naming the intent that has it', async () => {
      await store().upsertIntent(intent('exam.book'));
      await store().upsertIntent(intent('exam.cancel'));
      await store().addUtterance(utterance('exam.book', '约考试'));
      const error = await store().addUtterance(utterance('exam.cancel', '约考试')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DuplicateUtteranceError);
      expect(error).toMatchObject({ code: 'UTTERANCE_EXISTS', intent: 'exam.book', message: '"约考试" is already an utterance of exam.book' });
      await store().addUtterance(utterance('exam.cancel', '约考试', { split: 'test' }));
      await store().addUtterance(utterance('exam.cancel', '约考试', { locale: 'en' }));
      expect(await store().utterances()).toHaveLength(3);
    });

    it('adds a batch, skipping texts the locale and split already have (stored or earlier in the batch)', async () => {
      await store().upsertIntent(intent('exam.book'));
      await store().upsertIntent(intent('exam.cancel'));
      await store().addUtterance(utterance('exam.book', '约考试'));
      const result = await store().addUtterances([
        utterance('exam.cancel', '约考试'), utterance('exam.cancel', '取消考试'), utterance('exam.cancel', '取消考试'),
        utterance('exam.cancel', '约考试', { split: 'test' }), utterance('exam.cancel', 'cancel my test', { locale: 'en' }),
      ]);
      expect(result).toEqual({ added: 3, skipped: 2 });
      const stored = await store().utterances();
      expect(stored.map((u) => [u.intent, u.locale, u.split, u.text]).sort()).toEqual([
        ['exam.book', 'zh-CN', 'train', '约考试'], ['exam.cancel', 'en', 'train', 'cancel my test'],
        ['exam.cancel', 'zh-CN', 'test', '约考试'], ['exam.cancel', 'zh-CN', 'train', '取消考试'],
      ]);
      expect(new Set(stored.map((u) => u.id)).size).toBe(4);
      expect(await store().addUtterances([])).toEqual({ added: 0, skipped: 0 });
    });

    it('deletes one utterance (returning it), or an intent with all its utterances', async () => {
      await store().upsertIntent(intent('exam.book'));
      await store().upsertIntent(intent('fine.query', 'fine'));
      const a = await store().addUtterance(utterance('exam.book', '约考试'));
      await store().addUtterance(utterance('exam.book', '预约科目一'));
      const c = await store().addUtterance(utterance('fine.query', '查罚单'));
      expect(await store().deleteUtterance(a.id)).toEqual(a);
      expect(await store().deleteUtterance(a.id)).toBeUndefined();
      expect(await store().deleteIntent('exam.book')).toBe(true);
      expect(await store().deleteIntent('exam.book')).toBe(false);
      expect(await store().utterances()).toEqual([c]);
      expect((await store().intents()).map((i) => i.name)).toEqual(['fine.query']);
      await store().addUtterance(utterance('fine.query', '约考试'));
    });

    it('counts utterances per intent, locale and split', async () => {
      await store().upsertIntent(intent('exam.book'));
      await store().upsertIntent(intent('fine.query', 'fine'));
      for (const [i, text, locale, split] of [
        ['exam.book', '约考试', 'zh-CN', 'train'], ['exam.book', '约科目二', 'zh-CN', 'train'], ['exam.book', '约科目三', 'zh-CN', 'test'],
        ['exam.book', 'book a test', 'en', 'train'], ['fine.query', '查罚单', 'zh-CN', 'train'],
      ] as const) await store().addUtterance(utterance(i, text, { locale, split }));
      const key = (r: { intent: string; locale: string; split: string }): string => `${r.intent}/${r.locale}/${r.split}`;
      expect((await store().counts()).sort((x, y) => key(x).localeCompare(key(y)))).toEqual([
        { intent: 'exam.book', locale: 'en', split: 'train', n: 1 },
        { intent: 'exam.book', locale: 'zh-CN', split: 'test', n: 1 },
        { intent: 'exam.book', locale: 'zh-CN', split: 'train', n: 2 },
        { intent: 'fine.query', locale: 'zh-CN', split: 'train', n: 1 },
      ]);
    });

    it('numbers versions 1, 2, 3… and lists them newest first, starting as queued training', async () => {
      const v1 = await store().createVersion({ createdBy: 'agent-a', createdAt: T0, dataHash: 'h1', intents: ['exam.book', 'None'] });
      expect(v1).toEqual({
        id: expect.any(String), number: 1, status: 'training', phase: 'queued', percent: 0, createdBy: 'agent-a', createdAt: T0,
        dataHash: 'h1', intents: ['exam.book', 'None'], metrics: null,
      });
      const v2 = await store().createVersion({ createdBy: 'cli', createdAt: T0 + 1, dataHash: 'h2', intents: [] });
      expect(v2.number).toBe(2);
      expect(await store().versions()).toEqual([v2, v1]);
      expect(await store().version(v1.id)).toEqual(v1);
      expect(await store().version('nope')).toBeUndefined();
    });

    it('hands out distinct version numbers to concurrent trainings', async () => {
      const versions = await Promise.all(Array.from({ length: 5 }, (_, i) => store().createVersion({ createdBy: 'a', createdAt: T0 + i, dataHash: `h${i}`, intents: [] })));
      expect(versions.map((v) => v.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
    });

    it('updates a version field by field, keeping what the patch leaves out', async () => {
      const v = await store().createVersion({ createdBy: 'a', createdAt: T0, dataHash: 'h', intents: ['x'] });
      await store().updateVersion(v.id, { phase: 'cross-validation', percent: 42.5 });
      expect(await store().version(v.id)).toMatchObject({ status: 'training', phase: 'cross-validation', percent: 42.5, metrics: null });
      await store().updateVersion(v.id, { status: 'ready', phase: 'done', percent: 100, metrics: METRICS });
      expect(await store().version(v.id)).toEqual({ ...v, status: 'ready', phase: 'done', percent: 100, metrics: METRICS });
      const failed = await store().createVersion({ createdBy: 'a', createdAt: T0, dataHash: 'h', intents: [] });
      await store().updateVersion(failed.id, { status: 'failed', error: '语料不足' });
      expect(await store().version(failed.id)).toMatchObject({ status: 'failed', error: '语料不足', phase: 'queued' });
    });

    it('keeps the model JSON of a version apart from its listing', async () => {
      const v = await store().createVersion({ createdBy: 'a', createdAt: T0, dataHash: 'h', intents: [] });
      expect(await store().loadModel(v.id)).toBeUndefined();
      const model = JSON.stringify({ settings: { locales: ['zh-CN', 'en'] }, weights: Array.from({ length: 5_000 }, (_, i) => i / 7) });
      await store().saveModel(v.id, model);
      expect(await store().loadModel(v.id)).toBe(model);
      expect(await store().loadModel('nope')).toBeUndefined();
      expect(JSON.stringify(await store().versions())).not.toContain('weights');
    });

    it('points at one live version, replaced by the next publication', async () => {
      expect(await store().live()).toBeUndefined();
      const v1 = await store().createVersion({ createdBy: 'a', createdAt: T0, dataHash: 'h1', intents: [] });
      const v2 = await store().createVersion({ createdBy: 'a', createdAt: T0, dataHash: 'h2', intents: [] });
      await store().setLive(v1.id, 'agent-a', T0 + 10);
      expect(await store().live()).toEqual({ versionId: v1.id, publishedAt: T0 + 10, publishedBy: 'agent-a' });
      await store().setLive(v2.id, 'cli', T0 + 20);
      expect(await store().live()).toEqual({ versionId: v2.id, publishedAt: T0 + 20, publishedBy: 'cli' });
    });

    it('records what each corpus file held when it was taken in, one record per key, replaced by the next', async () => {
      expect(await store().corpusSeeds()).toEqual([]);
      const corpus = JSON.stringify({ locale: 'zh-CN', data: [{ intent: 'exam.book', utterances: ['预约科目一'] }] });
      const seed = (key: string, hash: string, by = 'system', at = T0) => ({ key, hash: hash.repeat(64), corpus, recordedBy: by, recordedAt: at });
      await store().recordCorpusSeed(seed('exams/zh-CN', 'a'));
      await store().recordCorpusSeed(seed('exams/en', 'b'));
      expect(await store().corpusSeeds()).toEqual([seed('exams/en', 'b'), seed('exams/zh-CN', 'a')]);
      await store().recordCorpusSeed(seed('exams/zh-CN', 'c', 'admin-1', T0 + 5));
      expect(await store().corpusSeeds()).toEqual([seed('exams/en', 'b'), seed('exams/zh-CN', 'c', 'admin-1', T0 + 5)]);
    });
  });
}
