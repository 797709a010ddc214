import mongoose, { type Connection } from 'mongoose';
import type { StoreBundle } from '../../../../integrations/storage/StoreBundle';
import { MongoAgentStore } from '../../../../integrations/storage/mongo/MongoAgentStore';
import { MongoAuditLog } from '../../../../integrations/storage/mongo/MongoAuditLog';
import { MongoHandoffStore } from '../../../../integrations/storage/mongo/MongoHandoffStore';
import { MongoInboxStore } from '../../../../integrations/storage/mongo/MongoInboxStore';
import { MongoKnowledgeStore } from '../../../../integrations/storage/mongo/MongoKnowledgeStore';
import { MongoMessageReceipts } from '../../../../integrations/storage/mongo/MongoMessageReceipts';
import { MongoNoticeStore } from '../../../../integrations/storage/mongo/MongoNoticeStore';
import { MongoRateLimits } from '../../../../integrations/storage/mongo/MongoRateLimits';
import { MongoSharedTokens } from '../../../../integrations/storage/mongo/MongoSharedTokens';
import { MongoStorage } from '../../../../integrations/storage/mongo/MongoStorage';
import { MongoTrainingStore } from '../../../../integrations/storage/mongo/MongoTrainingStore';
import { MongoTranscriptStore } from '../../../../integrations/storage/mongo/MongoTranscriptStore';
import { MongoWebhookNonces } from '../../../../integrations/storage/mongo/MongoWebhookNonces';
import type { KnowledgeCard } from '../../../../nlu-models/knowledge/types';
import { newHandoff } from '../people/handoffFixtures';

/**
 * Without a server: every adapter operation builds a query or document mongoose accepts (casting, strict: 'throw',
 * strictQuery: 'throw', validation) and reaches the driver. The connection never opens and does not buffer
 * (as connectMongo configures it), so the first command fails with mongoose's "before initial connection" error;
 * any other error (StrictModeError, CastError, ValidationError) would mean the adapter sends something its own
 * schema rejects. What MongoDB then does with it is checked by mongo.contracts.test.ts against a real server.
 */
const T = Date.UTC(2100, 0, 1);
const KNOWLEDGE_CARD: KnowledgeCard = {
  id: 'points.red-light', kind: 'answer', topic: 'points', title: { 'zh-CN': '闯红灯记几分', en: 'Points for running a red light' },
  questions: { 'zh-CN': ['闯红灯扣几分'], en: ['red light points'] }, answer: { 'zh-CN': '一次记6分。', en: 'Six points.' },
  cites: [{ law: 'points-scoring-measures-2022', article: 10, item: 8 }], offer: 'points.query',
};
let conn: Connection;
let s: Omit<StoreBundle, 'kind' | 'close' | 'health' | 'facts'>;

beforeAll(async () => {
  conn = mongoose.createConnection('mongodb://127.0.0.1:1/never', { bufferCommands: false, serverSelectionTimeoutMS: 300 });
  await conn.asPromise().catch(() => undefined);
  s = {
    storage: new MongoStorage(conn), transcripts: new MongoTranscriptStore(conn), receipts: new MongoMessageReceipts(conn), nonces: new MongoWebhookNonces(conn),
    tokens: new MongoSharedTokens(conn), rateLimits: new MongoRateLimits(conn), handoffs: new MongoHandoffStore(conn),
    agents: new MongoAgentStore(conn), audit: new MongoAuditLog(conn), training: new MongoTrainingStore(conn), inbox: new MongoInboxStore(conn),
    knowledge: new MongoKnowledgeStore(conn), notices: new MongoNoticeStore(conn),
  };
});
afterAll(async () => {
  await conn.close();
});

/** The failure a command gets once mongoose handed it to the (unconnected) driver, possibly wrapped by mongoStep. */
function reachedDriver(err: unknown): boolean {
  const text = (e: unknown): string => String((e as { message?: unknown } | undefined)?.message ?? e);
  return /before initial connection is complete/.test(`${text(err)} ${text((err as { cause?: unknown } | undefined)?.cause)}`);
}

const OPERATIONS: Array<[string, () => Promise<unknown>]> = [
  ['storage.read', () => s.storage.read(['k'])], ['storage.write', () => s.storage.write({ k: { a: 1 } })],
  ['storage.write with eTag', () => s.storage.write({ k: { a: 1, eTag: 'e' } })], ['storage.delete', () => s.storage.delete(['k'])],
  ['transcripts.append', () => s.transcripts.append({ conversationId: 'c', channelId: 'wechat', from: 'user', text: '你好', timestamp: new Date(T).toISOString() })],
  ['transcripts.append with options', () => s.transcripts.append({ conversationId: 'c', channelId: 'wechat', from: 'bot', text: '请选择', options: ['科目一', '科目二'], timestamp: new Date(T).toISOString() })],
  ['transcripts.list', () => s.transcripts.list('c', 5)],
  ['receipts.claim', () => s.receipts.claim('k', T)], ['receipts.read', () => s.receipts.read('k')], ['receipts.completeReplied', () => s.receipts.completeReplied('k', '<xml/>')],
  ['receipts.defer', () => s.receipts.defer('k')], ['receipts.prune', () => s.receipts.prune(T)],
  ['nonces.check', () => s.nonces.check('k', 'ab'.repeat(32), T, T + 600_000)], ['nonces.prune', () => s.nonces.prune(T)],
  ['tokens.read', () => s.tokens.read('n')], ['tokens.tryLease', () => s.tokens.tryLease('n', 'p', T, 1_000)], ['tokens.releaseLease', () => s.tokens.releaseLease('n', 'p')],
  ['tokens.save', () => s.tokens.save('n', 'v', T)], ['tokens.invalidate', () => s.tokens.invalidate('n', 'v')],
  ['rateLimits.hit', () => s.rateLimits.hit('k', T, 60_000, 3)],
  ['handoffs.create', () => s.handoffs.create(newHandoff('wechat:c1'), T)], ['handoffs.get', () => s.handoffs.get('h')], ['handoffs.latestFor', () => s.handoffs.latestFor('w:c')],
  ['handoffs.waiting', () => s.handoffs.waiting()], ['handoffs.active', () => s.handoffs.active()], ['handoffs.callbacks', () => s.handoffs.callbacks(5)],
  ['handoffs.position', () => s.handoffs.position('h')], ['handoffs.accept', () => s.handoffs.accept('h', 'a', T)], ['handoffs.transfer', () => s.handoffs.transfer('h', 'a', 'b')],
  ['handoffs.finish', () => s.handoffs.finish('h', ['waiting', 'active'], 'closed', 'resolved', T)], ['handoffs.expireWaiting', () => s.handoffs.expireWaiting(T, T)],
  ['handoffs.requestCallback', () => s.handoffs.requestCallback('h')], ['handoffs.addEvent', () => s.handoffs.addEvent({ handoffId: 'h', kind: 'note', agentId: 'a', text: '备注', at: T })],
  ['handoffs.eventsAfter', () => s.handoffs.eventsAfter(0, 5)], ['handoffs.eventsOf', () => s.handoffs.eventsOf('h')], ['handoffs.lastEventId', () => s.handoffs.lastEventId()],
  ['handoffs.addEvent offered', () => s.handoffs.addEvent({ handoffId: 'h', kind: 'offered', agentId: 'a', at: T })],
  ['handoffs.addEvent rated', () => s.handoffs.addEvent({ handoffId: 'h', kind: 'rated', text: '5', at: T })],
  ['handoffs.offer', () => s.handoffs.offer('h', 'a', T)], ['handoffs.offer withdrawn', () => s.handoffs.offer('h', null, T)],
  ['handoffs.offer if not offered', () => s.handoffs.offer('h', 'a', T, null)], ['handoffs.offer if offered to b', () => s.handoffs.offer('h', 'a', T, 'b')],
  ['handoffs.history', () => s.handoffs.history('person:abc', 5)], ['handoffs.search', () => s.handoffs.search({ limit: 5 })],
  ['handoffs.search text and dates', () => s.handoffs.search({ text: '苏E***45 (*.?', from: T, to: T + 1, limit: 5 })],
  ['handoffs.between', () => s.handoffs.between(T, T + 1)], ['handoffs.askRating', () => s.handoffs.askRating('h', T)],
  ['handoffs.rate', () => s.handoffs.rate('h', 5, T)], ['handoffs.commentRating', () => s.handoffs.commentRating('h', '很好')],
  ['handoffs.saveDraft', () => s.handoffs.saveDraft('a', 'h', '您好', T)], ['handoffs.saveDraft empty', () => s.handoffs.saveDraft('a', 'h', '', T)],
  ['handoffs.drafts', () => s.handoffs.drafts('a')], ['handoffs.setPresence', () => s.handoffs.setPresence('a', 'available', T)],
  ['handoffs.presence', () => s.handoffs.presence()],
  ['agents.create', () => s.agents.create({ username: 'alice', displayName: '爱丽丝', role: 'agent', passwordHash: 'scrypt$1$2$3$s$h', createdAt: T })],
  ['agents.byUsername', () => s.agents.byUsername('alice')], ['agents.byId', () => s.agents.byId('a')], ['agents.list', () => s.agents.list()],
  ['agents.setPassword', () => s.agents.setPassword('a', 'scrypt$1$2$3$s$h')], ['agents.setDisabled', () => s.agents.setDisabled('a', true)],
  ['agents.createSession', () => s.agents.createSession({ tokenHash: 'ab'.repeat(32), agentId: 'a', csrfTokenHash: 'cd'.repeat(32), createdAt: T, lastSeenAt: T, expiresAt: T })],
  ['agents.session', () => s.agents.session('ab'.repeat(32))], ['agents.touchSession', () => s.agents.touchSession('ab'.repeat(32), T)],
  ['agents.deleteSession', () => s.agents.deleteSession('ab'.repeat(32))], ['agents.deleteExpiredSessions', () => s.agents.deleteExpiredSessions(T)],
  ['audit.append', () => s.audit.append({ at: T, actor: 'cli', action: 'agent.create', target: 'a', details: { username: 'alice' } })],
  ['audit.recent', () => s.audit.recent(5, { actor: 'cli', action: 'x', target: 't' })],
  ['training.intentCount', () => s.training.intentCount()], ['training.intents', () => s.training.intents()], ['training.intent', () => s.training.intent('i')],
  ['training.upsertIntent', () => s.training.upsertIntent({ name: 'exam.book', description: '预约', domain: 'exam', answers: { 'zh-CN': ['好'] }, updatedAt: T })],
  ['training.deleteIntent', () => s.training.deleteIntent('i')], ['training.utterances', () => s.training.utterances('i')],
  ['training.addUtterance', () => s.training.addUtterance({ intent: 'i', locale: 'zh-CN', text: '约考试', split: 'train', source: 'admin', createdAt: T })],
  ['training.deleteUtterance', () => s.training.deleteUtterance(1)], ['training.counts', () => s.training.counts()],
  ['training.createVersion', () => s.training.createVersion({ createdBy: 'a', createdAt: T, dataHash: 'h', intents: ['i'] })],
  ['training.updateVersion', () => s.training.updateVersion('v', { status: 'failed', phase: 'done', percent: 100, error: 'x' })],
  ['training.saveModel', () => s.training.saveModel('v', '{}')], ['training.loadModel', () => s.training.loadModel('v')],
  ['training.versions', () => s.training.versions()], ['training.version', () => s.training.version('v')],
  ['training.setLive', () => s.training.setLive('v', 'a', T)], ['training.live', () => s.training.live()],
  ['inbox.open', () => s.inbox.open(5)], ['inbox.item', () => s.inbox.item(1)],
  ['inbox.resolve', () => s.inbox.resolve(1, 'filed', 'a', T, 'exam.book')], ['inbox.resolve without intent', () => s.inbox.resolve(1, 'ignored', 'a', T)],
  ['knowledge.draftCards', () => s.knowledge.draftCards()], ['knowledge.draftCard', () => s.knowledge.draftCard('points.red-light')],
  ['knowledge.saveDraftCard', () => s.knowledge.saveDraftCard({ card: KNOWLEDGE_CARD, status: 'retired', updatedBy: 'a', updatedAt: T })],
  ['knowledge.createVersion', () => s.knowledge.createVersion({ createdBy: 'a', createdAt: T, note: '发布', hash: 'ab'.repeat(32), cards: [KNOWLEDGE_CARD] })],
  ['knowledge.versions', () => s.knowledge.versions()], ['knowledge.version', () => s.knowledge.version('v')], ['knowledge.versionCards', () => s.knowledge.versionCards('v')],
  ['knowledge.setLive', () => s.knowledge.setLive('v', 'a', T)], ['knowledge.live', () => s.knowledge.live()],
  ['knowledge.seed', () => s.knowledge.seed()], ['knowledge.recordSeed', () => s.knowledge.recordSeed('ab'.repeat(32), T)],
  ['notices.consents', () => s.notices.consents('wechat:o1')], ['notices.consent', () => s.notices.consent('wechat:o1', 'exam-reminder')],
  ['notices.setConsent', () => s.notices.setConsent({ citizen: 'wechat:o1', topic: 'exam-reminder', state: 'granted', updatedAt: T })],
  ['notices.setConsent refused', () => s.notices.setConsent({ citizen: 'wechat:o1', topic: 'exam-reminder', state: 'refused', reason: '43101', updatedAt: T })],
  ['notices.grantedFor', () => s.notices.grantedFor('exam-reminder', 100)], ['notices.grantedFor after', () => s.notices.grantedFor('exam-reminder', 100, 'wechat:o1')],
  ['notices.enqueue', () => s.notices.enqueue({ key: 'exam-reminder:b1', citizen: 'wechat:o1', topic: 'exam-reminder', dueAt: T, payload: { subject: '科目二' }, createdAt: T })],
  ['notices.claim', () => s.notices.claim('p1', T, 60_000, 3)], ['notices.markSent', () => s.notices.markSent('j', 'p1', T)],
  ['notices.markFailed', () => s.notices.markFailed('j', 'p1', 'errcode -1', T)], ['notices.markFailed for good', () => s.notices.markFailed('j', 'p1', 'errcode 40003')],
  ['notices.markSkipped', () => s.notices.markSkipped('j', 'p1', 'consent revoked')], ['notices.job', () => s.notices.job('j')],
  ['notices.jobByKey', () => s.notices.jobByKey('exam-reminder:b1')], ['notices.jobsOf', () => s.notices.jobsOf('wechat:o1', 20)],
  ['notices.counts', () => s.notices.counts()], ['notices.sentSince', () => s.notices.sentSince('wechat:o1', T)],
  ['notices.restore', () => s.notices.restore({
    id: 'j', key: 'k', citizen: 'wechat:o1', topic: 'exam-reminder', dueAt: T, payload: {}, status: 'sending', attempts: 2, leaseOwner: 'p1', leaseUntil: T,
    notBefore: T, lastError: 'x', createdAt: T,
  })],
];

it.each(OPERATIONS)('%s builds a command its schema accepts and hands it to the driver', async (_name, operation) => {
  const error = await operation().then(() => undefined, (e: unknown) => e);
  expect(error).toBeDefined();
  expect({ reachedDriver: reachedDriver(error), error: String(error) }).toMatchObject({ reachedDriver: true });
});

it('inbox.record hands its failure to the error callback instead of throwing', async () => {
  const errors: unknown[] = [];
  const inbox = new MongoInboxStore(conn, (e) => errors.push(e));
  await expect(inbox.record({ text: '身份证320583198512240024', locale: 'zh-CN', intent: 'None', score: 0.1, at: T })).resolves.toBeUndefined();
  expect(errors).toHaveLength(1);
  expect(reachedDriver(errors[0])).toBe(true);
});
