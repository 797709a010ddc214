import type Database from 'better-sqlite3';

/**
 * Prepares each SQL text once per connection (better-sqlite3 compiles on every prepare); for stores whose
 * methods run on every turn, such as the handoff check of each citizen message.
 */
export function statementCache(db: Database.Database): (sql: string) => Database.Statement {
  const cache = new Map<string, Database.Statement>();
  return (sql) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
}
