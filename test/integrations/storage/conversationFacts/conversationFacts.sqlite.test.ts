import { openSqlite } from '../../../../integrations/storage/sqlite/openSqlite';
import { SqliteConversationFacts } from '../../../../integrations/storage/sqlite/SqliteConversationFacts';
import { SqliteNoticeStore } from '../../../../integrations/storage/sqlite/SqliteNoticeStore';
import { runConversationFactsContract, runNoticeOutcomesContract } from './conversationFactsContract';

/** The operations view's storage contracts against SQLite (in-memory, opened like production). */
function sqlite<T>(build: (db: ReturnType<typeof openSqlite>) => T) {
  return async () => {
    const db = openSqlite(':memory:');
    return { store: build(db), close: async () => { if (db.open) db.close(); } };
  };
}

runConversationFactsContract('SqliteConversationFacts', sqlite((db) => new SqliteConversationFacts(db)));
runNoticeOutcomesContract('SqliteNoticeStore', sqlite((db) => new SqliteNoticeStore(db)));
