import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { StorageUnavailableError } from '../../../../integrations/storage/errors';
import { SqliteTrainingStore } from '../../../../integrations/storage/sqlite/SqliteTrainingStore';
import { DuplicateUtteranceError, type TrainingIntent, type TrainingUtterance, type VersionMetrics } from '../../../../integrations/storage/training';

const intent = (name: string, extra: Partial<TrainingIntent> = {}): TrainingIntent =>
  ({ name, description: `${name} description`, domain: name.split('.')[0], answers: {}, updatedAt: 1, ...extra });
const utterance = (intentName: string, text: string, extra: Partial<Omit<TrainingUtterance, 'id'>> = {}): Omit<TrainingUtterance, 'id'> =>
  ({ intent: intentName, locale: 'zh-CN', text, split: 'train', source: 'admin', createdAt: 2, ...extra });
const METRICS: VersionMetrics = {
  accuracy: 0.9, folds: 5, heldOutAccuracy: 0.85,
  perIntent: [{ intent: 'fine.query', precision: 1, recall: 0.9, f1: 0.947, support: 10 }],
  confusion: { labels: ['fine.query', 'None'], matrix: [[9, 1], [0, 10]] },
};

describe('SqliteTrainingStore', () => {
  let db: Database.Database;
  let store: SqliteTrainingStore;

  beforeEach(async () => {
    db = new Database(':memory:');
    store = new SqliteTrainingStore(db);
    await store.upsertIntent(intent('fine.query'));
    await store.upsertIntent(intent('faq.office_hours', { domain: 'faq', answers: { 'zh-CN': ['8:30-17:00'] } }));
  });
  afterEach(() => {
    if (db.open) db.close();
  });

  describe('intents', () => {
    it('lists intents by name, with their answers, and counts them', async () => {
      expect(await store.intentCount()).toBe(2);
      expect((await store.intents()).map((i) => i.name)).toEqual(['faq.office_hours', 'fine.query']);
      expect(await store.intent('faq.office_hours')).toEqual(intent('faq.office_hours', { domain: 'faq', answers: { 'zh-CN': ['8:30-17:00'] } }));
      expect(await store.intent('nope')).toBeUndefined();
    });

    it('upsert replaces description, domain, answers and time of an existing intent without duplicating it', async () => {
      const changed = intent('faq.office_hours', { description: 'new', domain: 'service', answers: { en: ['9-5'] }, updatedAt: 9 });
      await store.upsertIntent(changed);
      expect(await store.intentCount()).toBe(2);
      expect(await store.intent('faq.office_hours')).toEqual(changed);
    });

    it('keeps the utterances of an intent when it is upserted', async () => {
      await store.addUtterance(utterance('fine.query', '查违章'));
      await store.upsertIntent(intent('fine.query', { description: 'changed' }));
      expect((await store.utterances('fine.query')).map((u) => u.text)).toEqual(['查违章']);
    });

    it('deletes an intent with its utterances (and only its own)', async () => {
      await store.addUtterance(utterance('fine.query', '查违章'));
      await store.addUtterance(utterance('faq.office_hours', '几点上班'));
      await store.addUtterance(utterance('faq.office_hours', 'when are you open', { locale: 'en' }));
      expect(await store.deleteIntent('faq.office_hours')).toBe(true);
      expect(await store.intent('faq.office_hours')).toBeUndefined();
      expect((await store.utterances()).map((u) => u.text)).toEqual(['查违章']);
      expect(await store.deleteIntent('faq.office_hours')).toBe(false);
      // The text is free again: it can be added to another intent.
      await expect(store.addUtterance(utterance('fine.query', '几点上班'))).resolves.toMatchObject({ intent: 'fine.query' });
    });
  });

  describe('utterances', () => {
    it('adds utterances with increasing ids, lists them in order, per intent or all', async () => {
      const a = await store.addUtterance(utterance('fine.query', '查违章'));
      const b = await store.addUtterance(utterance('faq.office_hours', '几点上班'));
      const c = await store.addUtterance(utterance('fine.query', 'check my fines', { locale: 'en', split: 'test', source: 'corpus' }));
      expect(b.id).toBeGreaterThan(a.id);
      expect(c).toEqual({ id: c.id, ...utterance('fine.query', 'check my fines', { locale: 'en', split: 'test', source: 'corpus' }) });
      expect(await store.utterances()).toEqual([a, b, c]);
      expect(await store.utterances('fine.query')).toEqual([a, c]);
      expect(await store.utterances('nope')).toEqual([]);
    });

    it.each<[string, Partial<Omit<TrainingUtterance, 'id'>>, string]>([
      ['the same intent', {}, 'fine.query'],
      ['another intent', { intent: 'faq.office_hours' }, 'fine.query'],
      ['another source', { source: 'inbox' }, 'fine.query'],
    ])('refuses the same text, locale and split again (%s), naming the intent that has it', async (_label, extra, holder) => {
      await store.addUtterance(utterance('fine.query', '查违章'));
      const again = store.addUtterance(utterance('fine.query', '查违章', extra));
      await expect(again).rejects.toBeInstanceOf(DuplicateUtteranceError);
      await expect(again).rejects.toMatchObject({ code: 'UTTERANCE_EXISTS', intent: holder, message: `"查违章" is already an utterance of ${holder}` });
      expect(await store.utterances()).toHaveLength(1);
    });

    it.each<[string, Partial<Omit<TrainingUtterance, 'id'>>]>([
      ['another locale', { locale: 'en' }],
      ['the test split', { split: 'test' }],
    ])('accepts the same text in %s', async (_label, extra) => {
      await store.addUtterance(utterance('fine.query', '查违章'));
      await store.addUtterance(utterance('fine.query', '查违章', extra));
      expect(await store.utterances()).toHaveLength(2);
    });

    it('deletes an utterance by id and returns it, once', async () => {
      const a = await store.addUtterance(utterance('fine.query', '查违章'));
      expect(await store.deleteUtterance(a.id)).toEqual(a);
      expect(await store.deleteUtterance(a.id)).toBeUndefined();
      expect(await store.utterances()).toEqual([]);
    });

    it('counts utterances per intent, locale and split', async () => {
      for (const text of ['查违章', '我有没有违章', '违章查询']) await store.addUtterance(utterance('fine.query', text));
      await store.addUtterance(utterance('fine.query', '查查违章', { split: 'test' }));
      await store.addUtterance(utterance('fine.query', 'check my fines', { locale: 'en' }));
      await store.addUtterance(utterance('faq.office_hours', '几点上班'));
      const counts = (await store.counts()).map((c) => `${c.intent} ${c.locale} ${c.split} ${c.n}`).sort();
      expect(counts).toEqual(['faq.office_hours zh-CN train 1', 'fine.query en train 1', 'fine.query zh-CN test 1', 'fine.query zh-CN train 3']);
    });
  });

  describe('versions', () => {
    const create = (createdAt: number) => store.createVersion({ createdBy: 'admin-1', createdAt, dataHash: `hash-${createdAt}`, intents: ['fine.query', 'None'] });

    it('numbers versions 1, 2, 3… and starts them as training, queued at 0 % without metrics', async () => {
      const v1 = await create(10);
      const v2 = await create(20);
      const v3 = await create(30);
      expect([v1.number, v2.number, v3.number]).toEqual([1, 2, 3]);
      expect(new Set([v1.id, v2.id, v3.id]).size).toBe(3);
      expect(v1).toEqual({
        id: v1.id, number: 1, status: 'training', phase: 'queued', percent: 0, createdBy: 'admin-1', createdAt: 10,
        dataHash: 'hash-10', intents: ['fine.query', 'None'], metrics: null, error: undefined,
      });
      expect((await store.versions()).map((v) => v.number)).toEqual([3, 2, 1]);
      expect(await store.version(v2.id)).toEqual(v2);
      expect(await store.version('nope')).toBeUndefined();
    });

    it('updateVersion changes only what the patch gives: a patch without metrics keeps them', async () => {
      const v = await create(10);
      await store.updateVersion(v.id, { phase: 'evaluate', percent: 40 });
      expect(await store.version(v.id)).toMatchObject({ status: 'training', phase: 'evaluate', percent: 40, metrics: null });
      await store.updateVersion(v.id, { status: 'ready', phase: 'done', percent: 100, metrics: METRICS });
      await store.updateVersion(v.id, { phase: 'published' });
      expect(await store.version(v.id)).toMatchObject({ status: 'ready', phase: 'published', percent: 100, metrics: METRICS, error: undefined });
      await store.updateVersion(v.id, { percent: 0 });
      expect((await store.version(v.id))?.percent).toBe(0);
    });

    it('records a failure with its error', async () => {
      const v = await create(10);
      await store.updateVersion(v.id, { status: 'failed', phase: 'failed', error: 'worker crashed' });
      expect(await store.version(v.id)).toMatchObject({ status: 'failed', error: 'worker crashed', metrics: null });
    });

    it('saves and loads the model JSON of a version; none before it is saved or for an unknown version', async () => {
      const v = await create(10);
      expect(await store.loadModel(v.id)).toBeUndefined();
      await store.saveModel(v.id, '{"format":"x"}');
      expect(await store.loadModel(v.id)).toBe('{"format":"x"}');
      expect(await store.loadModel('nope')).toBeUndefined();
    });

    it('has no live version until one is set; setting another replaces the pointer', async () => {
      const v1 = await create(10);
      const v2 = await create(20);
      expect(await store.live()).toBeUndefined();
      await store.setLive(v1.id, 'system', 100);
      expect(await store.live()).toEqual({ versionId: v1.id, publishedAt: 100, publishedBy: 'system' });
      await store.setLive(v2.id, 'admin-1', 200);
      expect(await store.live()).toEqual({ versionId: v2.id, publishedAt: 200, publishedBy: 'admin-1' });
    });

    it('turns a closed connection into StorageUnavailableError', async () => {
      db.close();
      await expect(store.versions()).rejects.toBeInstanceOf(StorageUnavailableError);
    });
  });

  describe('two connections on one file (two bot processes)', () => {
    let dir: string;
    const dbs: Database.Database[] = [];
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'training-store-'));
    });
    afterAll(() => {
      for (const d of dbs) d.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it("see each other's versions, live pointer and training data", async () => {
      const open = (): SqliteTrainingStore => {
        const d = new Database(join(dir, 'bot.sqlite'));
        dbs.push(d);
        return new SqliteTrainingStore(d);
      };
      const a = open();
      const b = open();
      const v1 = await a.createVersion({ createdBy: 'system', createdAt: 1, dataHash: 'h1', intents: [] });
      const v2 = await b.createVersion({ createdBy: 'admin', createdAt: 2, dataHash: 'h2', intents: [] });
      expect([v1.number, v2.number]).toEqual([1, 2]);
      await a.setLive(v1.id, 'system', 1);
      expect((await b.live())?.versionId).toBe(v1.id);
      await b.saveModel(v2.id, '{"m":2}');
      await b.setLive(v2.id, 'admin', 2);
      expect(await a.live()).toEqual({ versionId: v2.id, publishedAt: 2, publishedBy: 'admin' });
      expect(await a.loadModel(v2.id)).toBe('{"m":2}');
      await a.upsertIntent(intent('fine.query'));
      await a.addUtterance(utterance('fine.query', '查违章'));
      expect((await b.utterances('fine.query')).map((u) => u.text)).toEqual(['查违章']);
    });
  });
});
