import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStores } from '../../../integrations/storage/sqlite/createSqliteStores';
import { botStateMigrations } from '../../../integrations/storage/sqlite/botStateMigrations';
import { channelMigrations } from '../../../integrations/storage/sqlite/channelMigrations';
import { factMigrations } from '../../../integrations/storage/sqlite/factMigrations';
import { knowledgeMigrations } from '../../../integrations/storage/sqlite/knowledgeMigrations';
import { noticeMigrations } from '../../../integrations/storage/sqlite/noticeMigrations';
import { peopleMigrations } from '../../../integrations/storage/sqlite/peopleMigrations';
import { trainingMigrations } from '../../../integrations/storage/sqlite/trainingMigrations';
import { transcriptMigrations } from '../../../integrations/storage/sqlite/transcriptMigrations';

/** The scopes the store bundle migrates (as named in each store's applyMigrations call). */
const MIGRATIONS = {
  botstate: botStateMigrations, channels: channelMigrations, knowledge: knowledgeMigrations, notices: noticeMigrations,
  ops: factMigrations, people: peopleMigrations, training: trainingMigrations, transcripts: transcriptMigrations,
};

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
      // Every migration of every scope, once (each scope's list numbered 1…n).
      const expected = Object.entries(MIGRATIONS).flatMap(([scope, list]) => list.map((m, i) => {
        expect(m.version).toBe(i + 1);
        return { scope, version: m.version };
      })).sort((a, b) => a.scope.localeCompare(b.scope) || a.version - b.version);
      expect(stores.db.prepare('SELECT scope, version FROM schema_migrations ORDER BY scope, version').all()).toEqual(expected);
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
