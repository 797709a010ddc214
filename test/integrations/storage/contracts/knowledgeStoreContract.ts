import { StorageUnavailableError } from '../../../../integrations/storage/errors';
import type { DraftCard, KnowledgeStore } from '../../../../integrations/storage/knowledge';
import type { KnowledgeCard } from '../../../../nlu-models/knowledge/types';
import { T0, useSubject, type PortFactory } from './portContract';

function card(id: string, overrides: Partial<KnowledgeCard> = {}): KnowledgeCard {
  const topic = id.split('.')[0];
  return {
    id, kind: 'answer', topic,
    title: { 'zh-CN': `${id} 标题`, en: `${id} title` },
    questions: { 'zh-CN': ['闯红灯扣几分', '闯红灯要扣多少分', '不按信号灯走记几分'], en: ['red light points'] },
    answer: { 'zh-CN': '闯红灯一次记6分。\n以当地规定为准。', en: 'Running a red light costs 6 points.' },
    cites: [{ law: 'points-scoring-measures-2022', article: 10, item: 8 }],
    ...overrides,
  };
}

function draft(c: KnowledgeCard, overrides: Partial<Omit<DraftCard, 'card'>> = {}): DraftCard {
  return { card: c, status: 'active', updatedBy: 'system', updatedAt: T0, ...overrides };
}

const SAFETY = card('accidents.injured', {
  kind: 'safety', urgent: [['车祸', '事故', '撞'], ['受伤', '流血', '伤']],
  answer: { 'zh-CN': '先打120和122。\n开启危险报警闪光灯。', en: 'Call 120 and 122 first.\nTurn on the hazard lights.' },
  cites: [{ law: 'road-traffic-safety-law', article: 70 }],
});
const hash = (c: string): string => c.repeat(64);

/** What every KnowledgeStore adapter must do: a draft by card id, versions numbered and frozen, one live pointer, one seed record. */
export function runKnowledgeStoreContract(name: string, make: PortFactory<KnowledgeStore>): void {
  describe(`KnowledgeStore contract: ${name}`, () => {
    const subject = useSubject(make);
    const store = (): KnowledgeStore => subject().store;

    it('starts empty', async () => {
      expect(await store().draftCards()).toEqual([]);
      expect(await store().draftCard('points.red-light')).toBeUndefined();
      expect(await store().versions()).toEqual([]);
      expect(await store().live()).toBeUndefined();
      expect(await store().seed()).toBeUndefined();
    });

    it('saves draft cards whole (both languages, citations, urgent groups, offer) and lists them in id order', async () => {
      const red = draft(card('points.red-light', { offer: 'points.query' }));
      const booking = draft(card('exams.booking', { kind: 'referral', cites: [{ law: 'driving-licence-rules-2021', article: 28 }] }), { updatedBy: 'admin-1', updatedAt: T0 + 5 });
      const safety = draft(SAFETY);
      for (const d of [red, booking, safety]) await store().saveDraftCard(d);
      expect(await store().draftCards()).toEqual([safety, booking, red]);
      expect(await store().draftCard('points.red-light')).toEqual(red);
      expect(await store().draftCard('accidents.injured')).toEqual(safety);
      expect(await store().draftCard('points.nope')).toBeUndefined();
    });

    it('replaces a draft card saved again under the same id, and keeps a retired card (which can come back)', async () => {
      await store().saveDraftCard(draft(card('points.red-light')));
      await store().saveDraftCard(draft(card('points.speeding')));
      const edited = draft(card('points.red-light', { answer: { 'zh-CN': '闯红灯记6分。', en: 'Six points.' } }), { updatedBy: 'admin-1', updatedAt: T0 + 10 });
      await store().saveDraftCard(edited);
      const retired = draft(card('points.speeding'), { status: 'retired', updatedBy: 'admin-2', updatedAt: T0 + 20 });
      await store().saveDraftCard(retired);
      expect(await store().draftCards()).toEqual([edited, retired]);
      const back = { ...retired, status: 'active' as const, updatedAt: T0 + 30 };
      await store().saveDraftCard(back);
      expect(await store().draftCard('points.speeding')).toEqual(back);
      expect(await store().draftCards()).toHaveLength(2);
    });

    it('numbers versions 1, 2, 3 and lists them newest first, with their card count, hash and note', async () => {
      const v1 = await store().createVersion({ createdBy: 'system', createdAt: T0, note: 'seed', hash: hash('a'), cards: [card('points.red-light'), SAFETY] });
      expect(v1).toEqual({ id: expect.any(String), number: 1, createdBy: 'system', createdAt: T0, note: 'seed', cardCount: 2, hash: hash('a') });
      const v2 = await store().createVersion({ createdBy: 'admin-1', createdAt: T0 + 1, note: '改了闯红灯', hash: hash('b'), cards: [card('points.red-light')] });
      const v3 = await store().createVersion({ createdBy: 'admin-1', createdAt: T0 + 2, note: '', hash: hash('c'), cards: [] });
      expect([v2.number, v3.number]).toEqual([2, 3]);
      expect(new Set([v1.id, v2.id, v3.id]).size).toBe(3);
      expect(v3.cardCount).toBe(0);
      expect(await store().versions()).toEqual([v3, v2, v1]);
      expect(await store().version(v2.id)).toEqual(v2);
      expect(await store().version('nope')).toBeUndefined();
      expect(JSON.stringify(await store().versions())).not.toContain('闯红灯一次记6分');
    });

    it("keeps a version's cards as they were published, whatever the draft does afterwards", async () => {
      const original = card('points.red-light', { offer: 'points.query' });
      await store().saveDraftCard(draft(original));
      const published = [original, SAFETY];
      const v1 = await store().createVersion({ createdBy: 'admin-1', createdAt: T0, note: 'first', hash: hash('a'), cards: published });
      await store().saveDraftCard(draft(card('points.red-light', { answer: { 'zh-CN': '改过了', en: 'changed' } }), { updatedAt: T0 + 1 }));
      await store().saveDraftCard(draft(SAFETY, { status: 'retired', updatedAt: T0 + 2 }));
      await store().saveDraftCard(draft(card('points.new-card'), { updatedAt: T0 + 3 }));
      expect(await store().versionCards(v1.id)).toEqual(published);
      const v2 = await store().createVersion({ createdBy: 'admin-1', createdAt: T0 + 4, note: 'second', hash: hash('b'), cards: [card('points.new-card')] });
      expect(await store().versionCards(v2.id)).toEqual([card('points.new-card')]);
      expect(await store().versionCards(v1.id)).toEqual(published);
    });

    it('answers versionCards of an unknown version with undefined', async () => {
      expect(await store().versionCards('nope')).toBeUndefined();
      await store().createVersion({ createdBy: 'system', createdAt: T0, note: 'seed', hash: hash('a'), cards: [card('points.red-light')] });
      expect(await store().versionCards('nope')).toBeUndefined();
    });

    it('points at one live version, replaced by the next publication or a rollback', async () => {
      const v1 = await store().createVersion({ createdBy: 'system', createdAt: T0, note: 'seed', hash: hash('a'), cards: [] });
      const v2 = await store().createVersion({ createdBy: 'admin-1', createdAt: T0 + 1, note: 'edit', hash: hash('b'), cards: [] });
      expect(await store().live()).toBeUndefined();
      await store().setLive(v1.id, 'system', T0 + 10);
      expect(await store().live()).toEqual({ versionId: v1.id, publishedAt: T0 + 10, publishedBy: 'system' });
      await store().setLive(v2.id, 'admin-1', T0 + 20);
      expect(await store().live()).toEqual({ versionId: v2.id, publishedAt: T0 + 20, publishedBy: 'admin-1' });
      await store().setLive(v1.id, 'admin-2', T0 + 30);
      expect(await store().live()).toEqual({ versionId: v1.id, publishedAt: T0 + 30, publishedBy: 'admin-2' });
    });

    it('refuses to make an unknown version live (an error of its own, no storage fault), leaving the live pointer as it was', async () => {
      const error = await store().setLive('nope', 'admin-1', T0).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(StorageUnavailableError);
      expect(await store().live()).toBeUndefined();
      const v1 = await store().createVersion({ createdBy: 'system', createdAt: T0, note: 'seed', hash: hash('a'), cards: [] });
      await store().setLive(v1.id, 'system', T0 + 1);
      await expect(store().setLive('nope', 'admin-1', T0 + 2)).rejects.toThrow();
      expect(await store().live()).toEqual({ versionId: v1.id, publishedAt: T0 + 1, publishedBy: 'system' });
    });

    it('records the seed (hash and time), one record replaced by the next', async () => {
      await store().recordSeed(hash('a'), T0);
      expect(await store().seed()).toEqual({ hash: hash('a'), at: T0 });
      await store().recordSeed(hash('b'), T0 + 60_000);
      expect(await store().seed()).toEqual({ hash: hash('b'), at: T0 + 60_000 });
    });

    it('hands out distinct version numbers to concurrent publications', async () => {
      const versions = await Promise.all(Array.from({ length: 5 }, (_, i) =>
        store().createVersion({ createdBy: `admin-${i}`, createdAt: T0 + i, note: `n${i}`, hash: hash(String(i)), cards: [card(`points.c${i}`)] })));
      expect(versions.map((v) => v.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
      expect((await store().versions()).map((v) => v.number)).toEqual([5, 4, 3, 2, 1]);
      for (const v of versions) expect(await store().versionCards(v.id)).toEqual([card(`points.c${v.createdBy.slice(6)}`)]);
    });
  });
}
