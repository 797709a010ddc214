import type Database from 'better-sqlite3';
import { openSqlite } from '../../../../integrations/storage/sqlite/openSqlite';
import { SqliteAgentStore } from '../../../../integrations/storage/sqlite/SqliteAgentStore';
import { SqliteAuditLog } from '../../../../integrations/storage/sqlite/SqliteAuditLog';
import { SqliteHandoffStore } from '../../../../integrations/storage/sqlite/SqliteHandoffStore';
import { SqliteInboxStore } from '../../../../integrations/storage/sqlite/SqliteInboxStore';
import { SqliteKnowledgeStore } from '../../../../integrations/storage/sqlite/SqliteKnowledgeStore';
import { SqliteMessageReceipts } from '../../../../integrations/storage/sqlite/SqliteMessageReceipts';
import { SqliteNoticeStore } from '../../../../integrations/storage/sqlite/SqliteNoticeStore';
import { SqliteRateLimits } from '../../../../integrations/storage/sqlite/SqliteRateLimits';
import { SqliteSharedTokens } from '../../../../integrations/storage/sqlite/SqliteSharedTokens';
import { SqliteStorage } from '../../../../integrations/storage/sqlite/SqliteStorage';
import { SqliteTrainingStore } from '../../../../integrations/storage/sqlite/SqliteTrainingStore';
import { SqliteTranscriptStore } from '../../../../integrations/storage/sqlite/SqliteTranscriptStore';
import { SqliteWebhookNonces } from '../../../../integrations/storage/sqlite/SqliteWebhookNonces';
import { runStorageContract } from '../storageContract';
import { runAgentStoreContract } from './agentStoreContract';
import { runAuditLogContract } from './auditLogContract';
import { runHandoffConsoleContract } from './handoffConsoleContract';
import { runHandoffEventsContract } from './handoffEventsContract';
import { runHandoffStoreContract } from './handoffStoreContract';
import { runInboxStoreContract } from './inboxStoreContract';
import { runKnowledgeStoreContract } from './knowledgeStoreContract';
import { runMessageReceiptsContract } from './messageReceiptsContract';
import { runNoticeStoreContract } from './noticeStoreContract';
import type { PortSubject } from './portContract';
import { runRateLimitsContract } from './rateLimitsContract';
import { runSharedTokensContract } from './sharedTokensContract';
import { runTrainingStoreContract } from './trainingStoreContract';
import { runTranscriptStoreContract } from './transcriptStoreContract';
import { runWebhookNoncesContract } from './webhookNoncesContract';

/**
 * Every storage contract against the SQLite adapters, each test on its own in-memory database opened like
 * production (openSqlite: foreign keys on, so references between tables are enforced).
 */
function sqlite<T>(build: (db: Database.Database) => T, table?: string): () => Promise<PortSubject<T>> {
  return async () => {
    const db = openSqlite(':memory:');
    return {
      store: build(db),
      close: async () => {
        if (db.open) db.close();
      },
      stored: table === undefined ? undefined : async () => JSON.stringify(db.prepare(`SELECT * FROM ${table}`).all()),
    };
  };
}

runStorageContract('SqliteStorage (in memory)', async () => {
  const db = openSqlite(':memory:');
  return {
    storage: new SqliteStorage(db),
    close: async () => {
      if (db.open) db.close();
    },
  };
});
runTranscriptStoreContract('SQLite', sqlite((db) => new SqliteTranscriptStore(db), 'transcript_entries'));
runMessageReceiptsContract('SQLite', sqlite((db) => new SqliteMessageReceipts(db)));
runWebhookNoncesContract('SQLite', sqlite((db) => new SqliteWebhookNonces(db)));
runSharedTokensContract('SQLite', sqlite((db) => new SqliteSharedTokens(db)));
runRateLimitsContract('SQLite', sqlite((db) => new SqliteRateLimits(db)));
runHandoffStoreContract('SQLite', sqlite((db) => new SqliteHandoffStore(db)));
runHandoffEventsContract('SQLite', sqlite((db) => new SqliteHandoffStore(db)));
runHandoffConsoleContract('SQLite', sqlite((db) => new SqliteHandoffStore(db)));
runAgentStoreContract('SQLite', sqlite((db) => new SqliteAgentStore(db)));
runAuditLogContract('SQLite', sqlite((db) => new SqliteAuditLog(db), 'audit_log'));
runTrainingStoreContract('SQLite', sqlite((db) => new SqliteTrainingStore(db)));
runKnowledgeStoreContract('SQLite', sqlite((db) => new SqliteKnowledgeStore(db)));
runNoticeStoreContract('SQLite', sqlite((db) => new SqliteNoticeStore(db)));
runInboxStoreContract('SQLite', (onError) => sqlite((db) => new SqliteInboxStore(db, onError), 'nlu_inbox')());
