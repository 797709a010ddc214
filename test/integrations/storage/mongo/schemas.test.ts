import mongoose, { type Schema } from 'mongoose';
import { agentSchema, sessionSchema } from '../../../../integrations/storage/mongo/MongoAgentStore';
import { auditSchema } from '../../../../integrations/storage/mongo/MongoAuditLog';
import { agentDraftSchema, agentPresenceSchema, handoffEventSchema, handoffSchema } from '../../../../integrations/storage/mongo/MongoHandoffStore';
import { factSchema } from '../../../../integrations/storage/mongo/MongoConversationFacts';
import { inboxSchema } from '../../../../integrations/storage/mongo/MongoInboxStore';
import {
  knowledgeCardSchema, knowledgeLiveSchema, knowledgeSeedSchema, knowledgeVersionSchema,
} from '../../../../integrations/storage/mongo/MongoKnowledgeStore';
import { receiptSchema } from '../../../../integrations/storage/mongo/MongoMessageReceipts';
import { noticeConsentSchema, noticeCursorSchema, noticeJobSchema } from '../../../../integrations/storage/mongo/MongoNoticeStore';
import { rateSchema } from '../../../../integrations/storage/mongo/MongoRateLimits';
import { tokenSchema } from '../../../../integrations/storage/mongo/MongoSharedTokens';
import { botStateSchema } from '../../../../integrations/storage/mongo/MongoStorage';
import { corpusSeedSchema, intentSchema, liveSchema, utteranceSchema, versionSchema } from '../../../../integrations/storage/mongo/MongoTrainingStore';
import { transcriptSchema } from '../../../../integrations/storage/mongo/MongoTranscriptStore';
import { counterSchema } from '../../../../integrations/storage/mongo/counters';
import { nonceSchema } from '../../../../integrations/storage/mongo/MongoWebhookNonces';

/**
 * The MongoDB schemas without a server: document validation (validateSync on a connection that never connects)
 * and the indexes they declare (built by createMongoStores at start-up).
 */
const T = Date.UTC(2026, 10, 25);
const SHA256 = 'a3f1'.repeat(16);
const HASH = 'scrypt$32768$8$1$c2FsdA$aGFzaA';

interface SchemaCase {
  name: string;
  schema: Schema;
  valid: Record<string, unknown>;
  /** Paths whose absence fails validation (paths with a default are not among them). */
  required: string[];
  /** [path, value, validator kind ('*': any kind, when the schema uses a custom validator)] */
  invalid: Array<[string, unknown, string]>;
}

const CASES: SchemaCase[] = [
  {
    name: 'botState', schema: botStateSchema, valid: { _id: 'emulator/conversations/c1', eTag: 'e1', data: '{}', updatedAt: new Date(T) },
    required: ['_id', 'eTag', 'data', 'updatedAt'], invalid: [],
  },
  {
    name: 'transcript', schema: transcriptSchema,
    valid: { conversationId: 'c1', channelId: 'wechat', from: 'bot', text: '确认预约吗？', options: ['是', '否'], timestamp: '2026-11-25T01:00:00.000Z', createdAt: new Date(T) },
    required: ['conversationId', 'channelId', 'from', 'text', 'timestamp', 'createdAt'],
    invalid: [['from', 'system', 'enum'], ['text', 'x'.repeat(10_001), 'maxlength'], ['conversationId', 'c'.repeat(257), 'maxlength'], ['channelId', 'w'.repeat(65), 'maxlength']],
  },
  {
    name: 'receipt', schema: receiptSchema, valid: { _id: 'wx:1', status: 'processing', createdAt: new Date(T) },
    required: ['_id', 'status', 'createdAt'], invalid: [['status', 'done', 'enum']],
  },
  {
    name: 'nonce', schema: nonceSchema, valid: { _id: '1732500000:42:sig', bodyHash: SHA256, expiresAt: new Date(T) },
    required: ['_id', 'bodyHash', 'expiresAt'], invalid: [],
  },
  {
    name: 'token', schema: tokenSchema, valid: { _id: 'wechat:app', value: null, expiresAt: null, leaseHolder: null, leaseUntil: 0 },
    required: ['_id'], invalid: [],
  },
  {
    name: 'rate', schema: rateSchema, valid: { _id: 'citizen:1', windowStart: T, count: 1, expiresAt: new Date(T) },
    required: ['_id', 'windowStart', 'count', 'expiresAt'], invalid: [],
  },
  {
    name: 'handoff', schema: handoffSchema,
    valid: {
      _id: 'h-1', conversationKey: 'wechat:c1', channelId: 'wechat', conversationId: 'c1', reference: '{}', reason: 'complaint', priority: 0,
      status: 'waiting', open: true, citizen: { label: '访客', bound: false }, intents: [], locale: 'zh-CN', seq: 1, createdAt: T, callbackRequested: false,
      citizenKey: `person:${SHA256}`, offeredTo: 'a-1', offeredAt: T, ratingAskedAt: T, rating: { score: 4, comment: '很耐心', at: T },
    },
    required: ['_id', 'conversationKey', 'channelId', 'conversationId', 'reference', 'reason', 'priority', 'status', 'citizen', 'locale', 'seq', 'createdAt'],
    invalid: [
      ['reason', 'angry', 'enum'], ['status', 'done', 'enum'], ['priority', -1, 'min'], ['conversationKey', 'k'.repeat(401), 'maxlength'],
      ['citizenKey', 'k'.repeat(401), 'maxlength'], ['rating.score', 0, 'min'], ['rating.score', 6, 'max'], ['rating.comment', '评'.repeat(2_001), 'maxlength'],
    ],
  },
  {
    name: 'handoffEvent', schema: handoffEventSchema, valid: { _id: 1, handoffId: 'h-1', kind: 'note', text: '备注', at: T },
    required: ['_id', 'handoffId', 'kind', 'at'], invalid: [['kind', 'chat', 'enum'], ['text', 'x'.repeat(10_001), 'maxlength']],
  },
  {
    name: 'agentDraft', schema: agentDraftSchema, valid: { agentId: 'a-1', handoffId: 'h-1', text: '您好，', at: T },
    required: ['agentId', 'handoffId', 'text', 'at'], invalid: [['text', 'x'.repeat(10_001), 'maxlength']],
  },
  {
    name: 'agentPresence', schema: agentPresenceSchema, valid: { _id: 'a-1', status: 'available', since: T },
    required: ['_id', 'status', 'since'], invalid: [['status', 'busy', 'enum']],
  },
  {
    name: 'fact', schema: factSchema, valid: { at: T, channel: 'wechat', conversation: SHA256, kind: 'task_step', service: 'exam.book', step: 'exam.book.confirm' },
    required: ['at', 'channel', 'conversation', 'kind'], invalid: [['kind', 'chat', 'enum'], ['step', 's'.repeat(101), 'maxlength'], ['conversation', 'c'.repeat(101), 'maxlength']],
  },
  {
    name: 'agent', schema: agentSchema,
    valid: { _id: 'a-1', username: 'alice', displayName: '爱丽丝', role: 'admin', passwordHash: HASH, disabled: false, createdAt: T },
    required: ['_id', 'username', 'displayName', 'role', 'passwordHash', 'createdAt'],
    invalid: [
      ['username', 'Alice', 'regexp'], ['username', 'ab', 'regexp'], ['username', 'a'.repeat(33), 'regexp'], ['username', '-alice', 'regexp'],
      ['username', 'alice smith', 'regexp'], ['username', '张三丰', 'regexp'], ['role', 'root', 'enum'], ['displayName', '名'.repeat(21), '*'], ['displayName', '😀'.repeat(21), '*'],
      ['passwordHash', 'bcrypt$2b$10$abc', 'regexp'], ['passwordHash', 'hunter2', 'regexp'], ['passwordHash', 'SCRYPT$1', 'regexp'],
    ],
  },
  {
    name: 'session', schema: sessionSchema,
    valid: { _id: SHA256, agentId: 'a-1', csrfTokenHash: SHA256, createdAt: T, lastSeenAt: T, expiresAt: new Date(T) },
    required: ['_id', 'agentId', 'csrfTokenHash', 'createdAt', 'lastSeenAt', 'expiresAt'],
    invalid: [['_id', SHA256.slice(1), 'regexp'], ['_id', `${SHA256}0`, 'regexp'], ['_id', SHA256.toUpperCase(), 'regexp'], ['_id', 'raw-cookie-token', 'regexp']],
  },
  {
    name: 'audit', schema: auditSchema, valid: { _id: 1, at: T, actor: 'cli', action: 'agent.create', target: 'a-1', details: '{}' },
    required: ['_id', 'at', 'actor', 'action'],
    invalid: [['actor', 'a'.repeat(101), 'maxlength'], ['action', 'a'.repeat(101), 'maxlength'], ['target', 't'.repeat(201), 'maxlength']],
  },
  {
    name: 'intent', schema: intentSchema, valid: { _id: 'exam.book', description: '预约考试', domain: 'exam', answers: '{}', updatedAt: T },
    required: ['_id', 'domain', 'updatedAt'],
    invalid: [['_id', 'i'.repeat(65), 'maxlength'], ['description', 'd'.repeat(201), 'maxlength'], ['domain', 'd'.repeat(41), 'maxlength']],
  },
  {
    name: 'utterance', schema: utteranceSchema,
    valid: { _id: 1, intent: 'exam.book', locale: 'zh-CN', text: '约考试', split: 'train', source: 'admin', createdAt: T },
    required: ['_id', 'intent', 'locale', 'text', 'split', 'source', 'createdAt'],
    invalid: [['locale', 'fr', 'enum'], ['split', 'dev', 'enum'], ['text', '字'.repeat(501), 'maxlength']],
  },
  {
    name: 'version', schema: versionSchema,
    valid: { _id: 'v-1', number: 1, status: 'training', phase: 'queued', percent: 0, createdBy: 'cli', createdAt: T, dataHash: 'h', intents: [] },
    required: ['_id', 'number', 'status', 'phase', 'percent', 'createdBy', 'createdAt', 'dataHash'],
    invalid: [['status', 'done', 'enum'], ['percent', -1, 'min'], ['percent', 100.5, 'max']],
  },
  {
    name: 'live', schema: liveSchema, valid: { _id: 'live', versionId: 'v-1', publishedAt: T, publishedBy: 'cli' },
    required: ['_id', 'versionId', 'publishedAt', 'publishedBy'], invalid: [],
  },
  {
    name: 'corpusSeed', schema: corpusSeedSchema, valid: { _id: 'exams/zh-CN', hash: SHA256, corpus: '{"locale":"zh-CN","data":[]}', recordedBy: 'system', recordedAt: T },
    required: ['_id', 'hash', 'corpus', 'recordedBy', 'recordedAt'], invalid: [['hash', 'not-a-hash', 'regexp'], ['_id', 'k'.repeat(101), 'maxlength']],
  },
  {
    name: 'inbox', schema: inboxSchema, valid: { _id: 1, text: '推荐电影', locale: 'zh-CN', intent: 'None', score: 0.2, createdAt: T, status: 'new', botAsked: '还有什么可以帮你？' },
    required: ['_id', 'text', 'locale', 'intent', 'score', 'createdAt'],
    invalid: [['status', 'spam', 'enum'], ['text', '字'.repeat(501), 'maxlength'], ['botAsked', '问'.repeat(501), 'maxlength']],
  },
  {
    name: 'knowledgeCard', schema: knowledgeCardSchema, valid: { _id: 'points.red-light', card: '{}', status: 'active', updatedBy: 'system', updatedAt: T },
    required: ['_id', 'card', 'status', 'updatedBy', 'updatedAt'], invalid: [['status', 'deleted', 'enum'], ['_id', 'k'.repeat(201), 'maxlength']],
  },
  {
    name: 'knowledgeVersion', schema: knowledgeVersionSchema,
    valid: { _id: 'kv-1', number: 1, createdBy: 'system', createdAt: T, note: 'seed', hash: SHA256, cardCount: 0, cards: '[]' },
    required: ['_id', 'number', 'createdBy', 'createdAt', 'hash', 'cardCount', 'cards'], invalid: [['cardCount', -1, 'min']],
  },
  {
    name: 'knowledgeLive', schema: knowledgeLiveSchema, valid: { _id: 'live', versionId: 'kv-1', publishedAt: T, publishedBy: 'admin-1' },
    required: ['_id', 'versionId', 'publishedAt', 'publishedBy'], invalid: [],
  },
  { name: 'knowledgeSeed', schema: knowledgeSeedSchema, valid: { _id: 'seed', hash: SHA256, at: T }, required: ['_id', 'hash', 'at'], invalid: [] },
  {
    name: 'noticeConsent', schema: noticeConsentSchema, valid: { citizen: 'wechat:o1', topic: 'exam-reminder', state: 'refused', reason: '43101', updatedAt: T },
    required: ['citizen', 'topic', 'state', 'updatedAt'], invalid: [['state', 'maybe', 'enum'], ['citizen', 'c'.repeat(201), 'maxlength']],
  },
  {
    name: 'noticeJob', schema: noticeJobSchema,
    valid: {
      _id: 'j1', key: 'exam-reminder:b1', citizen: 'wechat:o1', topic: 'exam-reminder', dueAt: T, payload: '{}', status: 'sending', attempts: 1,
      leaseOwner: 'p1', leaseUntil: T, notBefore: T, lastError: 'x', createdAt: T, sentAt: T,
    },
    required: ['_id', 'key', 'citizen', 'topic', 'dueAt', 'payload', 'status', 'attempts', 'createdAt'],
    invalid: [['status', 'queued', 'enum'], ['attempts', -1, 'min'], ['key', 'k'.repeat(401), 'maxlength']],
  },
  {
    name: 'noticeCursor', schema: noticeCursorSchema, valid: { _id: 'platform-events', value: 'c-42', updatedAt: T },
    required: ['_id', 'value', 'updatedAt'], invalid: [['_id', 'k'.repeat(201), 'maxlength']],
  },
  { name: 'counter', schema: counterSchema, valid: { _id: 'audit', seq: 1 }, required: ['_id', 'seq'], invalid: [] },
];

const conn = mongoose.createConnection();
afterAll(async () => {
  await conn.close();
});

/** The validation problems of `doc` as { path: kind }. */
function problems(c: SchemaCase, doc: Record<string, unknown>): Record<string, string> {
  const model = conn.models[c.name] ?? conn.model(c.name, c.schema);
  const error = new model(doc).validateSync();
  if (!error) return {};
  const errors: Record<string, mongoose.Error.ValidatorError | mongoose.Error.CastError> = error.errors;
  return Object.fromEntries(Object.entries(errors).map(([path, e]) => [path, e.kind]));
}

/** A value for a test title: long strings by their length. */
function shown(value: unknown): string {
  return typeof value === 'string' && value.length > 24 ? `${JSON.stringify(value.slice(0, 6))}… (${value.length} chars)` : JSON.stringify(value);
}

function without(doc: Record<string, unknown>, path: string): Record<string, unknown> {
  const copy = { ...doc };
  delete copy[path];
  return copy;
}

describe.each(CASES.map((c) => [c.name, c] as const))('%sSchema', (_name, c) => {
  it('accepts a complete document', () => {
    expect(problems(c, c.valid)).toEqual({});
  });

  if (c.required.length) {
    it.each(c.required)('requires %s', (path) => {
      expect(problems(c, without(c.valid, path))).toEqual({ [path]: 'required' });
    });
  }

  if (c.invalid.length) {
    it.each(c.invalid.map(([path, value, kind]) => [path, shown(value), kind, value] as const))('rejects %s = %s (%s)', (path, _shown, kind, value) => {
      const found = problems(c, { ...c.valid, [path]: value });
      expect(Object.keys(found)).toEqual([path]);
      if (kind !== '*') expect(found[path]).toBe(kind);
    });
  }

  it('throws on a field the schema does not declare (strict: throw), and on a query by one (strictQuery: throw)', () => {
    const model = conn.models[c.name] ?? conn.model(c.name, c.schema);
    expect(() => new model({ ...c.valid, injected: 'x' })).toThrow('Field `injected` is not in schema and strict mode is set to throw.');
    expect(() => model.find({ injected: 'x' }).cast()).toThrow('Path "injected" is not in schema and strictQuery is \'throw\'.');
  });

  it('keeps no version key (__v)', () => {
    expect(c.schema.get('versionKey')).toBe(false);
  });
});

describe('agentSchema usernames and display names', () => {
  const agent = CASES.find((c) => c.name === 'agent') as SchemaCase;

  it.each(['abc', 'a_1', 'bob.li', 'agent-007', '0day', 'x'.repeat(32)])('accepts the username %s (as AgentAccounts does)', (username) => {
    expect(problems(agent, { ...agent.valid, username })).toEqual({});
  });

  // AgentAccounts accepts display names of 1-20 characters counted as code points (Array.from); the schema must
  // accept every name the application accepts, or a valid account fails with a raw ValidationError on MongoDB.
  it.each([['20 Chinese characters', '名'.repeat(20)], ['20 characters outside the BMP', '😀'.repeat(20)], ['a mix', `王小明${'𠀀'.repeat(17)}`]])(
    'accepts a 20-character display name: %s',
    (_label, displayName) => {
      expect(Array.from(displayName)).toHaveLength(20);
      expect(problems(agent, { ...agent.valid, displayName })).toEqual({});
    },
  );
});

describe('declared indexes', () => {
  it('usernames are unique', () => {
    expect(agentSchema.indexes()).toContainEqual([{ username: 1 }, expect.objectContaining({ unique: true })]);
  });

  it('one open handoff per conversation: unique on conversationKey, only where open is true', () => {
    expect(handoffSchema.indexes()).toContainEqual([
      { conversationKey: 1 },
      expect.objectContaining({ name: 'one_open_handoff_per_conversation', unique: true, partialFilterExpression: { open: true } }),
    ]);
  });

  it('the waiting queue is indexed in service order', () => {
    expect(handoffSchema.indexes()).toContainEqual([{ status: 1, priority: 1, createdAt: 1, seq: 1 }, expect.anything()]);
  });

  it('an utterance text belongs to one intent per locale and split', () => {
    expect(utteranceSchema.indexes()).toContainEqual([{ locale: 1, split: 1, text: 1 }, expect.objectContaining({ unique: true })]);
  });

  it('version numbers are unique', () => {
    expect(versionSchema.indexes()).toContainEqual([{ number: 1 }, expect.objectContaining({ unique: true })]);
  });

  it('knowledge version numbers are unique', () => {
    expect(knowledgeVersionSchema.indexes()).toContainEqual([{ number: 1 }, expect.objectContaining({ unique: true })]);
  });

  it('one notice job per key, one consent per citizen and topic', () => {
    expect(noticeJobSchema.indexes()).toContainEqual([{ key: 1 }, expect.objectContaining({ unique: true })]);
    expect(noticeConsentSchema.indexes()).toContainEqual([{ citizen: 1, topic: 1 }, expect.objectContaining({ unique: true })]);
  });

  it('a citizen\'s history and the operations view\'s reads are indexed; one draft per agent and handoff', () => {
    expect(handoffSchema.indexes()).toContainEqual([{ citizenKey: 1, createdAt: -1, seq: -1 }, expect.anything()]);
    expect(handoffSchema.indexes()).toContainEqual([{ createdAt: -1, seq: -1 }, expect.anything()]);
    expect(agentDraftSchema.indexes()).toContainEqual([{ agentId: 1, handoffId: 1 }, expect.objectContaining({ unique: true })]);
    expect(factSchema.indexes()).toContainEqual([{ at: 1, _id: 1 }, expect.anything()]);
  });

  it('notice jobs are indexed for claiming (status, due time) and per citizen', () => {
    expect(noticeJobSchema.indexes()).toContainEqual([{ status: 1, dueAt: 1, createdAt: 1, _id: 1 }, expect.anything()]);
    expect(noticeJobSchema.indexes()).toContainEqual([{ citizen: 1, dueAt: -1 }, expect.anything()]);
  });

  it.each<[string, string, number, Schema]>([
    ['message receipts', 'createdAt', 86_400, receiptSchema],
    ['rate limits', 'expiresAt', 0, rateSchema],
    ['webhook nonces', 'expiresAt', 0, nonceSchema],
    ['agent sessions', 'expiresAt', 0, sessionSchema],
  ])('%s expire by TTL on %s after %i s', (_label, path, seconds, schema) => {
    expect(schema.indexes()).toContainEqual([{ [path]: 1 }, expect.objectContaining({ expireAfterSeconds: seconds })]);
  });

  it.each<[string, Schema]>([
    ['botState', botStateSchema], ['transcript', transcriptSchema], ['token', tokenSchema], ['handoff', handoffSchema],
    ['handoffEvent', handoffEventSchema], ['agent', agentSchema], ['audit', auditSchema], ['intent', intentSchema],
    ['utterance', utteranceSchema], ['version', versionSchema], ['live', liveSchema], ['corpusSeed', corpusSeedSchema], ['inbox', inboxSchema], ['counter', counterSchema],
    ['knowledgeCard', knowledgeCardSchema], ['knowledgeVersion', knowledgeVersionSchema], ['knowledgeLive', knowledgeLiveSchema], ['knowledgeSeed', knowledgeSeedSchema],
    ['noticeConsent', noticeConsentSchema], ['noticeJob', noticeJobSchema],
  ])('%sSchema has no TTL index (its documents are kept)', (_label, schema) => {
    for (const [, options] of schema.indexes()) expect(options.expireAfterSeconds).toBeUndefined();
  });
});
