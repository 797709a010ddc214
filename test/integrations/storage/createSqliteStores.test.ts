import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStores } from '../../../integrations/storage/sqlite/createSqliteStores';

describe('createSqliteStores', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'jiaoguan-stores-'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('opens <dataDir>/jiaoguan.sqlite, creating the folder, with state and transcripts in it', async () => {
    const dataDir = join(root, 'data');
    const stores = createSqliteStores(dataDir);
    try {
      expect(stores.file).toBe(join(dataDir, 'jiaoguan.sqlite'));
      expect(existsSync(stores.file)).toBe(true);
      await stores.storage.write({ k: { count: 1 } });
      await stores.transcripts.append({
        conversationId: 'c',
        channelId: 'wechat',
        from: 'user',
        text: '手机13912345678',
        timestamp: '2026-11-25T01:00:00.000Z',
      });
      expect(stores.db.prepare('SELECT count(*) AS n FROM bot_state').get()).toEqual({ n: 1 });
      expect((await stores.transcripts.list('c'))[0].text).toBe('手机139****5678');
    } finally {
      await stores.close();
    }
  });

  it('shares its connection: other modules can add their own tables to the same file', async () => {
    const first = createSqliteStores(root);
    first.db.exec('CREATE TABLE sandbox_things (id INTEGER PRIMARY KEY)');
    first.db.prepare('INSERT INTO sandbox_things (id) VALUES (7)').run();
    await first.close();
    const second = createSqliteStores(root);
    try {
      expect(second.db.prepare('SELECT id FROM sandbox_things').all()).toEqual([{ id: 7 }]);
    } finally {
      await second.close();
    }
  });

  it('applies each migration once across restarts', async () => {
    for (let i = 0; i < 3; i += 1) await createSqliteStores(root).close();
    const stores = createSqliteStores(root);
    try {
      expect(stores.db.prepare('SELECT scope, version FROM schema_migrations ORDER BY scope, version').all()).toEqual([
        { scope: 'botstate', version: 1 },
        { scope: 'channels', version: 1 },
        { scope: 'channels', version: 2 },
        { scope: 'knowledge', version: 1 },
        { scope: 'notices', version: 1 },
        { scope: 'notices', version: 2 },
        { scope: 'people', version: 1 },
        { scope: 'people', version: 2 },
        { scope: 'training', version: 1 },
        { scope: 'training', version: 2 },
        { scope: 'transcripts', version: 1 },
      ]);
    } finally {
      await stores.close();
    }
  });

  it('closes idempotently', async () => {
    const stores = createSqliteStores(root);
    await stores.close();
    await expect(stores.close()).resolves.toBeUndefined();
    expect(stores.db.open).toBe(false);
  });
});
