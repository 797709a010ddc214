import type Database from 'better-sqlite3';

export interface Migration {
  /** Strictly increasing within one scope. */
  version: number;
  description: string;
  sql: string;
}

/**
 * Applies the migrations of one scope (e.g. "botstate", "sandbox") that the database has not seen,
 * each in its own transaction, and records them in schema_migrations. Idempotent; safe to call at every start.
 */
export function applyMigrations(db: Database.Database, scope: string, migrations: readonly Migration[]): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    scope TEXT NOT NULL, version INTEGER NOT NULL, description TEXT NOT NULL, applied_at TEXT NOT NULL,
    PRIMARY KEY (scope, version))`);
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations WHERE scope = ?').all(scope) as { version: number }[])
      .map((r) => r.version),
  );
  const record = db.prepare('INSERT INTO schema_migrations (scope, version, description, applied_at) VALUES (?, ?, ?, ?)');
  let count = 0;
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(scope, m.version, m.description, new Date().toISOString());
    })();
    count += 1;
  }
  return count;
}
