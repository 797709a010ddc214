import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyStores } from '../../../../integrations/storage/migrate/copyStores';
import { createSqliteStores, type SqliteStores } from '../../../../integrations/storage/sqlite/createSqliteStores';
import type { KnowledgeCard } from '../../../../nlu-models/knowledge/types';

const card = (id: string, zh: string): KnowledgeCard => ({
  id, kind: 'answer', topic: 'points', title: { 'zh-CN': zh, en: id }, questions: { 'zh-CN': [zh], en: [id] },
  answer: { 'zh-CN': `${zh}：记6分。`, en: 'Six points.' }, cites: [{ law: 'points-scoring-measures-2022', article: 10, item: 8 }], offer: 'points.query',
});
const RED = card('points.red-light', '闯红灯记几分');
const PHONE = card('points.phone', '开车打电话记几分');

/** The copy is store-agnostic; here it is checked SQLite → SQLite (the MongoDB target needs a server: see README). */
describe('copyStores: an embedded deployment copied into another store', () => {
  let dir: string;
  let from: SqliteStores;
  let to: SqliteStores;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jiaoguan-copy-'));
    from = createSqliteStores(join(dir, 'from'));
    to = createSqliteStores(join(dir, 'to'));
    await from.storage.write({ 'wechat/conversations/o1': { dialog: { step: 2 }, eTag: '*' } });
    await from.transcripts.append({ conversationId: 'o1', channelId: 'wechat', from: 'user', text: '我的身份证320583198512240024', timestamp: '2026-11-25T01:00:00Z' });
    await from.transcripts.append({ conversationId: 'o1', channelId: 'wechat', from: 'bot', text: '请选择科目', options: ['科目一', '科目二'], timestamp: '2026-11-25T01:00:01Z' });
    const wang = await from.agents.create({ username: 'wang', displayName: '王客服', role: 'agent', passwordHash: 'scrypt$32768$8$1$c2FsdA==$aGFzaA==', createdAt: 1 });
    const { record } = await from.handoffs.create({
      conversationKey: 'wechat:o1', citizenKey: 'person:abc', channelId: 'wechat', conversationId: 'o1', reference: '{}', reason: 'complaint',
      citizen: { label: '李*', bound: true }, intents: ['agent.handoff'], locale: 'zh-CN',
    }, 100);
    await from.handoffs.accept(record.id, wang.id, 200);
    await from.handoffs.addEvent({ handoffId: record.id, kind: 'agent', agentId: wang.id, text: '您好', at: 300 });
    await from.handoffs.saveDraft(wang.id, record.id, '请稍等，正在查询', 310);
    await from.handoffs.setPresence(wang.id, 'available', 320);
    const offered = await from.handoffs.create({
      conversationKey: 'wechat:o2', citizenKey: 'user:wechat:o2', channelId: 'wechat', conversationId: 'o2', reference: '{}', reason: 'requested',
      citizen: { label: '微信用户 · 3F9A', bound: false }, intents: [], locale: 'zh-CN',
    }, 150);
    await from.handoffs.offer(offered.record.id, wang.id, 160);
    const rated = await from.handoffs.create({
      conversationKey: 'wechat:o3', citizenKey: 'person:abc', channelId: 'wechat', conversationId: 'o3', reference: '{}', reason: 'requested',
      citizen: { label: '李*', bound: true }, intents: [], locale: 'zh-CN',
    }, 50);
    await from.handoffs.finish(rated.record.id, ['waiting'], 'cancelled', 'citizen', 60);
    await from.handoffs.askRating(rated.record.id, 61);
    await from.handoffs.rate(rated.record.id, 4, 62);
    await from.handoffs.commentRating(rated.record.id, '很耐心');
    await from.audit.append({ at: 400, actor: wang.id, action: 'handoff.accept', target: record.id });
    await from.training.upsertIntent({ name: 'fine.query', description: '查违章', domain: 'fine', answers: {}, updatedAt: 1 });
    await from.training.addUtterance({ intent: 'fine.query', locale: 'zh-CN', text: '查违章', split: 'train', source: 'corpus', createdAt: 1 });
    await from.training.recordCorpusSeed({ key: 'fines/zh-CN', hash: 'f'.repeat(64), corpus: '{"locale":"zh-CN","data":[]}', recordedBy: wang.id, recordedAt: 2 });
    const v1 = await from.training.createVersion({ createdBy: 'system', createdAt: 1, dataHash: 'h1', intents: ['fine.query'] });
    await from.training.saveModel(v1.id, '{"model":1}');
    await from.training.updateVersion(v1.id, { status: 'ready', percent: 100 });
    const v2 = await from.training.createVersion({ createdBy: wang.id, createdAt: 2, dataHash: 'h2', intents: ['fine.query'] });
    await from.training.updateVersion(v2.id, { status: 'failed', error: 'boom' });
    await from.training.setLive(v1.id, 'system', 5);
    await from.inbox.record({ text: '订机票', locale: 'zh-CN', intent: 'None', score: 0.9, at: 6 });
    await from.knowledge.saveDraftCard({ card: RED, status: 'active', updatedBy: 'system', updatedAt: 7 });
    await from.knowledge.saveDraftCard({ card: PHONE, status: 'retired', updatedBy: wang.id, updatedAt: 8 });
    const k1 = await from.knowledge.createVersion({ createdBy: 'system', createdAt: 7, note: 'seed', hash: 'a'.repeat(64), cards: [PHONE, RED] });
    await from.knowledge.createVersion({ createdBy: wang.id, createdAt: 9, note: '下线打电话卡片', hash: 'b'.repeat(64), cards: [RED] });
    await from.knowledge.setLive(k1.id, wang.id, 10);
    await from.knowledge.recordSeed('c'.repeat(64), 7);
    await from.notices.setConsent({ citizen: 'wechat:o1', topic: 'exam-reminder', state: 'granted', updatedAt: 11 });
    await from.notices.setConsent({ citizen: 'wechat:o1', topic: 'fine-deadline', state: 'refused', reason: '43101', updatedAt: 12 });
    await from.notices.setConsent({ citizen: 'wechat:o2', topic: 'exam-reminder', state: 'revoked', updatedAt: 13 });
    const sent = await from.notices.enqueue({ key: 'exam-reminder:b1', citizen: 'wechat:o1', topic: 'exam-reminder', dueAt: 20, payload: { subject: '科目二' }, createdAt: 14 });
    await from.notices.enqueue({ key: 'exam-reminder:b2', citizen: 'wechat:o1', topic: 'exam-reminder', dueAt: 30, payload: { subject: '科目三' }, createdAt: 15 });
    await from.notices.enqueue({ key: 'fine-deadline:f1', citizen: 'wechat:o1', topic: 'fine-deadline', dueAt: 25, payload: {}, createdAt: 16 });
    await from.notices.claim('p1', 25, 60_000, 1);
    await from.notices.markSent(sent.id, 'p1', 26);
    await from.notices.claim('p1', 27, 60_000, 1);
    await from.notices.saveCursor('platform-events', 'evt-0057', 28);
  });
  afterAll(async () => {
    await from.close();
    await to.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies every kind of data, keeping references between them', async () => {
    const report = await copyStores(from, to);
    expect(report).toEqual({ botState: 1, transcripts: 2, agents: 1, handoffs: 3, handoffEvents: 1, agentDrafts: 1, agentPresence: 1, audit: 1, intents: 1, utterances: 1, corpusSeeds: 1, versions: 2, inbox: 1, knowledgeCards: 2, knowledgeVersions: 2, noticeConsents: 3, noticeJobs: 3, noticeCursors: 1, conversationFacts: 0 });
    expect(await to.storage.read(['wechat/conversations/o1'])).toEqual({ 'wechat/conversations/o1': { dialog: { step: 2 }, eTag: expect.any(String) } });
    expect((await to.transcripts.list('o1'))[0].text).toBe('我的身份证320583********0024');
    expect((await to.transcripts.list('o1'))[1]).toMatchObject({ from: 'bot', options: ['科目一', '科目二'] });
    const wang = await to.agents.byUsername('wang');
    expect(wang?.passwordHash).toBe('scrypt$32768$8$1$c2FsdA==$aGFzaA==');
    const open = await to.handoffs.openFor('wechat:o1');
    expect(open).toMatchObject({ status: 'active', agentId: wang?.id, reason: 'complaint', priority: 0, createdAt: 100, acceptedAt: 200 });
    expect((await to.handoffs.eventsOf(open?.id ?? ''))).toEqual([expect.objectContaining({ kind: 'agent', agentId: wang?.id, text: '您好' })]);
    expect(open?.citizenKey).toBe('person:abc');
    expect((await to.handoffs.history('person:abc', 5)).map((h) => [h.conversationKey, h.status])).toEqual([['wechat:o1', 'active'], ['wechat:o3', 'cancelled']]);
    expect((await to.handoffs.latestFor('wechat:o3'))).toMatchObject({ ratingAskedAt: 61, rating: { score: 4, comment: '很耐心', at: 62 } });
    expect(await to.handoffs.openFor('wechat:o2')).toMatchObject({ status: 'waiting', citizenKey: 'user:wechat:o2', offeredTo: wang?.id, offeredAt: 160 });
    expect(await to.handoffs.drafts(wang?.id ?? '')).toEqual([{ handoffId: open?.id, text: '请稍等，正在查询', at: 310 }]);
    expect(await to.handoffs.presence()).toEqual([{ agentId: wang?.id, status: 'available', since: 320 }]);
    expect((await to.audit.recent(5))[0]).toMatchObject({ actor: wang?.id, action: 'handoff.accept', target: expect.any(String) });
    const versions = await to.training.versions();
    expect(versions.map((v) => [v.number, v.status])).toEqual([[2, 'failed'], [1, 'ready']]);
    const live = await to.training.live();
    expect(live?.versionId).toBe(versions[1].id);
    expect(await to.training.loadModel(versions[1].id)).toBe('{"model":1}');
    expect(versions[0].createdBy).toBe(wang?.id);
    expect(await to.training.corpusSeeds()).toEqual([{ key: 'fines/zh-CN', hash: 'f'.repeat(64), corpus: '{"locale":"zh-CN","data":[]}', recordedBy: wang?.id, recordedAt: 2 }]);
    expect((await to.inbox.open(5)).map((i) => i.text)).toEqual(['订机票']);
    expect(await to.knowledge.draftCards()).toEqual([
      { card: PHONE, status: 'retired', updatedBy: wang?.id, updatedAt: 8 },
      { card: RED, status: 'active', updatedBy: 'system', updatedAt: 7 },
    ]);
    const kv = await to.knowledge.versions();
    expect(kv.map((v) => [v.number, v.note, v.hash, v.cardCount, v.createdBy])).toEqual([
      [2, '下线打电话卡片', 'b'.repeat(64), 1, wang?.id], [1, 'seed', 'a'.repeat(64), 2, 'system'],
    ]);
    expect(await to.knowledge.versionCards(kv[1].id)).toEqual([PHONE, RED]);
    expect(await to.knowledge.versionCards(kv[0].id)).toEqual([RED]);
    expect(await to.knowledge.live()).toEqual({ versionId: kv[1].id, publishedAt: 10, publishedBy: wang?.id });
    expect(await to.knowledge.seed()).toEqual({ hash: 'c'.repeat(64), at: 7 });
    expect(await to.notices.consents('wechat:o1')).toEqual(await from.notices.consents('wechat:o1'));
    expect(await to.notices.consents('wechat:o2')).toEqual([{ citizen: 'wechat:o2', topic: 'exam-reminder', state: 'revoked', updatedAt: 13 }]);
    const jobs = await from.notices.jobsOf('wechat:o1', 10);
    expect(jobs.map((j) => [j.key, j.status])).toEqual([['exam-reminder:b2', 'pending'], ['fine-deadline:f1', 'sending'], ['exam-reminder:b1', 'sent']]);
    expect(await to.notices.jobsOf('wechat:o1', 10)).toEqual(jobs);
    expect(await to.notices.enqueue({ key: 'exam-reminder:b1', citizen: 'wechat:o1', topic: 'exam-reminder', dueAt: 20, payload: {}, createdAt: 40 }))
      .toEqual({ created: false, id: jobs[2].id });
    expect(await to.notices.counts()).toEqual(await from.notices.counts());
    expect(await to.notices.cursor('platform-events')).toBe('evt-0057');
  });
});
