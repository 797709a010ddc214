import type Database from 'better-sqlite3';
import { groupCommitOf } from './groupCommit';
import { sqliteStep } from './sqliteStep';

/**
 * A write step through the connection's group commit (groupCommit.ts): resolves once it is committed, with
 * driver failures turned into StorageUnavailableError exactly as sqliteStep does.
 */
export async function sqliteWrite<T>(what: string, db: Database.Database, work: () => T): Promise<T> {
  try {
    return await groupCommitOf(db).run(work, what);
  } catch (cause) {
    return sqliteStep(what, () => {
      throw cause;
    });
  }
}
