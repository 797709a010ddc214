import type Database from 'better-sqlite3';
import { StorageUnavailableError } from '../../../integrations/storage/errors';
import { openSqlite } from '../../../integrations/storage/sqlite/openSqlite';
import { SqliteTranscriptStore } from '../../../integrations/storage/sqlite/SqliteTranscriptStore';
import type { TranscriptEntry } from '../../../integrations/storage/transcripts';

function entry(text: string, overrides: Partial<TranscriptEntry> = {}): TranscriptEntry {
  return {
    conversationId: 'conv-1',
    channelId: 'wechat',
    from: 'user',
    text,
    timestamp: '2026-11-25T01:00:00.000Z',
    ...overrides,
  };
}

describe('SqliteTranscriptStore', () => {
  let db: Database.Database;
  let store: SqliteTranscriptStore;

  beforeEach(() => {
    db = openSqlite(':memory:');
    store = new SqliteTranscriptStore(db);
  });
  afterEach(() => {
    if (db.open) db.close();
  });

  it('stores entries with personal data masked, and never the clear text', async () => {
    await store.append(entry('我是李娜，身份证320583198512240024，手机13812345678，车牌苏A12345'));
    const [stored] = await store.list('conv-1');
    expect(stored).toEqual(entry('我是李娜，身份证320583********0024，手机138****5678，车牌苏A***45'));

    const raw = db.prepare('SELECT text FROM transcript_entries').all() as { text: string }[];
    expect(raw.map((r) => r.text).join('\n')).not.toMatch(/320583198512240024|13812345678|苏A12345/);
  });

  it('lists one conversation oldest first, keeping sender, channel and timestamp', async () => {
    await store.append(entry('你好', { timestamp: '2026-11-25T01:00:00.000Z' }));
    await store.append(entry('您好，请问办理什么业务？', { from: 'bot', timestamp: '2026-11-25T01:00:01.000Z' }));
    await store.append(entry('other', { conversationId: 'conv-2' }));
    await store.append(entry('我是人工客服', { from: 'agent', channelId: 'console', timestamp: '2026-11-25T01:05:00.000Z' }));

    const list = await store.list('conv-1');
    expect(list.map((e) => [e.from, e.channelId, e.text, e.timestamp])).toEqual([
      ['user', 'wechat', '你好', '2026-11-25T01:00:00.000Z'],
      ['bot', 'wechat', '您好，请问办理什么业务？', '2026-11-25T01:00:01.000Z'],
      ['agent', 'console', '我是人工客服', '2026-11-25T01:05:00.000Z'],
    ]);
    expect(await store.list('conv-2')).toHaveLength(1);
    expect(await store.list('nobody')).toEqual([]);
  });

  it('with a limit returns the most recent entries, still oldest first', async () => {
    for (let i = 1; i <= 5; i += 1) await store.append(entry(`第${i}句`));
    expect((await store.list('conv-1', 2)).map((e) => e.text)).toEqual(['第4句', '第5句']);
    expect((await store.list('conv-1', 10)).map((e) => e.text)).toHaveLength(5);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects limit %p', async (limit) => {
    await expect(store.list('conv-1', limit)).rejects.toThrow(RangeError);
  });

  it('rejects entries without a conversation, with an unknown sender or a bad timestamp', async () => {
    await expect(store.append(entry('x', { conversationId: '' }))).rejects.toThrow('conversationId is required');
    await expect(store.append(entry('x', { from: 'robot' as TranscriptEntry['from'] }))).rejects.toThrow(
      'Transcript: "from" must be user, bot or agent, got "robot".',
    );
    await expect(store.append(entry('x', { timestamp: 'yesterday' }))).rejects.toThrow('is not an ISO date-time');
    expect(await store.list('conv-1')).toEqual([]);
  });

  it('reports a closed database as StorageUnavailableError', async () => {
    db.close();
    await expect(store.append(entry('x'))).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(store.list('conv-1')).rejects.toBeInstanceOf(StorageUnavailableError);
  });
});
