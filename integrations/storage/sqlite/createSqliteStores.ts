import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { Clock } from '../../clock';
import type { StoreBundle } from '../StoreBundle';
import { openSqlite } from './openSqlite';
import type { OnPermissionChange } from './privateFiles';
import { sqliteFault } from './sqliteFault';
import { writeHealthOf } from './sqliteHealth';
import { SqliteStorage } from './SqliteStorage';
import { SqliteTranscriptStore } from './SqliteTranscriptStore';
import { SqliteAgentStore } from './SqliteAgentStore';
import { SqliteAuditLog } from './SqliteAuditLog';
import { SqliteConversationFacts } from './SqliteConversationFacts';
import { SqliteHandoffStore } from './SqliteHandoffStore';
import { SqliteInboxStore } from './SqliteInboxStore';
import { SqliteKnowledgeStore } from './SqliteKnowledgeStore';
import { SqliteMessageReceipts } from './SqliteMessageReceipts';
import { SqliteNoticeStore } from './SqliteNoticeStore';
import { SqliteRateLimits } from './SqliteRateLimits';
import { SqliteSharedTokens } from './SqliteSharedTokens';
import { SqliteTrainingStore } from './SqliteTrainingStore';
import { SqliteWebhookNonces } from './SqliteWebhookNonces';

/** The SQLite bundle also hands out its connection: the sandbox platform keeps its own tables in the same file. */
export interface SqliteStores extends StoreBundle {
  db: Database.Database;
  /** Path of the database file. */
  file: string;
}

/**
 * Opens (creating the folder 0700 and the file 0600 if needed) `<dataDir>/jiaoguan.sqlite`, applies every scope's
 * migrations, and returns the stores sharing that one connection.
 * @throws StorageUnavailableError when the file cannot be opened or migrated (disk full, locked, read-only…).
 */
export function createSqliteStores(
  dataDir: string,
  options: { clock?: Clock; onInboxError?: (err: unknown) => void; onPermissionChange?: OnPermissionChange } = {},
): SqliteStores {
  const file = join(dataDir, 'jiaoguan.sqlite');
  const db = openSqlite(file, { onPermissionChange: options.onPermissionChange });
  try {
    const storage = new SqliteStorage(db, options);
    const transcripts = new SqliteTranscriptStore(db);
    return {
      kind: 'sqlite',
      db,
      file,
      storage,
      transcripts,
      receipts: new SqliteMessageReceipts(db),
      nonces: new SqliteWebhookNonces(db),
      tokens: new SqliteSharedTokens(db),
      rateLimits: new SqliteRateLimits(db),
      handoffs: new SqliteHandoffStore(db),
      agents: new SqliteAgentStore(db),
      audit: new SqliteAuditLog(db),
      training: new SqliteTrainingStore(db),
      inbox: new SqliteInboxStore(db, options.onInboxError),
      knowledge: new SqliteKnowledgeStore(db),
      notices: new SqliteNoticeStore(db),
      facts: new SqliteConversationFacts(db),
      health: writeHealthOf(db),
      close: async () => {
        if (db.open) db.close();
      },
    };
  } catch (error) {
    db.close();
    // A full disk or a locked file while migrating at start-up: the same clear message as during operation.
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) throw sqliteFault('SQLite store', `Storage: preparing ${file} failed`, error);
    throw error;
  }
}
